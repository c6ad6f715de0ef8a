import { describe, expect, it } from 'vitest';
import type { Story, Topic } from '../../src/core/types.js';
import { composeDigest } from '../../src/digest/compose.js';
import { describeLeftOut } from '../../src/digest/left-out.js';
import { compileFilter, passesFilters, type CompiledFilter } from '../../src/digest/story-filter.js';
import { testSource, testStory, testSubscription } from '../helpers/digest-fixtures.js';

const topics: Topic[] = [
  { id: 'sport', label: 'Sport', emoji: '⚽', categories: [] },
  { id: 'world', label: 'World', emoji: '🌍', categories: [] },
];
const subscription = testSubscription();

function story(id: number, headline: string, over: Partial<Story> = {}): Story {
  return testStory(id, { headline, ...over });
}

const compiled = (pattern: string, regex = false, feedId: number | null = null): CompiledFilter => {
  const result = compileFilter({ feedId, pattern, regex });
  if (!result.ok) throw new Error(result.error);
  return result.value;
};

describe('compileFilter', () => {
  it('matches a word or phrase as whole words in any case, in headline, summary or entities', () => {
    const bitcoin = compiled('bitcoin');
    expect(bitcoin.matches('Bitcoin falls')).toBe(true);
    expect(bitcoin.matches('Bitcoins fall')).toBe(false);
    expect(compiled('climate change').matches('On climate change, again')).toBe(true);
    // Characters that mean something in a pattern are plain text in a word filter.
    expect(compiled('c++').matches('Why C++ endures')).toBe(true);
    expect(compiled('a.b').matches('axb')).toBe(false);
    const s = story(1, 'Markets', { summary: 'Nothing here.', entities: ['Satoshi Nakamoto'] });
    expect(passesFilters(s, [compiled('nakamoto')], new Set([1]))).toBe(true);
    expect(passesFilters(s, [compiled('here')], new Set([1]))).toBe(true);
    expect(passesFilters(s, [compiled('ethereum')], new Set([1]))).toBe(false);
  });

  it('runs a regular expression on RE2, case-insensitive', () => {
    const ai = compiled('\\bAI\\b|openai', true);
    expect(ai.matches('The ai boom')).toBe(true);
    expect(ai.matches('OpenAI ships')).toBe(true);
    expect(ai.matches('Said it')).toBe(false);
  });

  it('refuses what RE2 cannot run, with a reason', () => {
    for (const pattern of ['(a)\\1', '(?=a)b', '(?<!x)y', '[unclosed', 'a{1001}']) {
      const result = compileFilter({ feedId: null, pattern, regex: true });
      expect(result.ok, pattern).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/cannot be used|RE2/);
    }
    const blowup = compileFilter({ feedId: null, pattern: '((a{50}){50}){50}', regex: true });
    expect(blowup.ok).toBe(false);
  });

  it('refuses a 10 kB term', () => {
    const result = compileFilter({ feedId: null, pattern: 'x'.repeat(10_240), regex: false });
    expect(result).toEqual({
      ok: false,
      error: 'A filter is at most 200 characters, 202 with its quotes or slashes.',
    });
  });

  it('runs a catastrophic-backtracking pattern in linear time', () => {
    // (a+)+$ on a run of a's ending in b takes exponential time on a backtracking engine.
    const evil = compiled('(a+)+$', true);
    const text = `${'a'.repeat(50_000)}b`;
    // A budget of work, not of time: RE2's matcher is linear, so both lengths answer at once.
    expect(evil.matches(text)).toBe(false);
    expect(evil.matches(`${'a'.repeat(100_000)}b`)).toBe(false);
    expect(compiled('(x+x+)+y', true).matches('x'.repeat(20_000))).toBe(false);
  });
});

describe('filters in a digest', () => {
  const candidates = [
    story(1, 'Bitcoin hits a record'),
    story(2, 'Storm floods the coast'),
    story(3, 'Cup final tonight', { topics: ['sport'] }),
    story(4, 'Derby ends level', { topics: ['sport'] }),
    story(5, 'Bitcoin miners move', {
      sources: [testSource(5, { feedId: 2, feedTitle: 'Outlet B' })],
    }),
  ];
  const base = {
    subscription,
    slot: Date.UTC(2026, 10, 28, 17, 0),
    candidates,
    mutes: ['sport'],
    topics,
    maxStories: 10,
    onlyTopic: null,
    feedCount: 2,
    activeFeedIds: new Set([1, 2]),
  };

  it('keeps only stories that match a chat filter, and counts what it left out by reason', () => {
    const digest = composeDigest({ ...base, filters: [compiled('bitcoin')] });
    expect(digest.entries.map((e) => e.storyId).sort()).toEqual([1, 5]);
    expect(digest.leftOut).toEqual({ muted: [{ label: 'Sport', count: 2 }], unmatched: 1 });
    expect(describeLeftOut(digest.leftOut)).toBe('2 Sport stories muted · 1 not matching your filters');
  });

  it('a per-feed filter narrows only that feed', () => {
    const digest = composeDigest({ ...base, mutes: [], filters: [compiled('storm', false, 2)] });
    // Feed 2 brought only a bitcoin story, which does not mention a storm.
    expect(digest.entries.map((e) => e.storyId).sort()).toEqual([1, 2, 3, 4]);
    expect(digest.leftOut).toEqual({ muted: [], unmatched: 1 });
  });

  it('shows the chat’s name for a feed and leaves a paused feed out of the sources', () => {
    const shared = story(6, 'Shared story', {
      sources: [
        testSource(6, { feedId: 1, feedTitle: 'Outlet A' }),
        testSource(7, { feedId: 2, feedTitle: 'Outlet B' }),
      ],
    });
    const digest = composeDigest({
      ...base,
      candidates: [shared],
      mutes: [],
      feedNames: new Map([[1, 'My A']]),
      pausedFeedIds: new Set([2]),
    });
    expect(digest.entries[0]?.sources.map((s) => s.name)).toEqual(['My A']);
    expect(digest.leftOut).toBeUndefined();
  });

  it('names three mute reasons and counts the rest, within a short line', () => {
    const line = describeLeftOut({
      muted: [
        { label: 'x'.repeat(64), count: 5 },
        { label: 'Sport', count: 4 },
        { label: 'bitcoin', count: 1 },
        { label: 'World', count: 2 },
        { label: 'Business', count: 3 },
      ],
      unmatched: 0,
    });
    expect(line).toMatch(
      /^5 x{39}… stories muted · 4 Sport stories muted · 1 bitcoin story muted · 5 more stories muted$/,
    );
    expect(describeLeftOut({ muted: [], unmatched: 0 })).toBeNull();
  });
});
