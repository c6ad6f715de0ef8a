import { describe, expect, it } from 'vitest';
import type { Story, StorySource } from '../../src/core/types.js';
import { growthOf, isBreaking, storyFeedIds } from '../../src/digest/continuity.js';

const MINUTE = 60_000;

function source(feedId: number, feedTitle: string, publishedAt: number): StorySource {
  return {
    itemId: feedId * 10,
    feedId,
    feedTitle,
    // An outlet's feeds link to its one site.
    url: `https://${feedTitle.replace(/\W/gu, '').toLowerCase()}.example/${feedId}`,
    title: 'T',
    publishedAt,
    summary: null,
    language: 'en',
    imageUrl: null,
  };
}

function story(sources: readonly StorySource[]): Story {
  return {
    id: 1,
    headline: 'H',
    summary: 'S.',
    url: null,
    topics: ['world'],
    mainTopics: 1,
    entities: [],
    leadItemId: 10,
    createdAt: 0,
    updatedAt: 0,
    publishedAt: 0,
    sources,
    flags: 0,
    leads: {},
  };
}

describe('continuity', () => {
  it("counts an outlet's video channel as that outlet, neither news joining nor a second outlet breaking", () => {
    const told = story([source(1, 'Fox News', 0), source(2, 'Fox News (YouTube)', MINUTE)]);
    expect(growthOf(told, [1])).toBeNull();
    expect(isBreaking(told, { outlets: 2, windowMs: 60 * MINUTE })).toBe(false);
    const wider = story([...told.sources, source(3, 'Other Outlet', 2 * MINUTE)]);
    expect(growthOf(wider, [1])?.addedOutlets).toBe(1);
    expect(isBreaking(wider, { outlets: 2, windowMs: 60 * MINUTE })).toBe(true);
  });

  it('names only the outlets that joined, one telling each', () => {
    const grown = story([
      source(1, 'A', 0),
      source(2, 'B', 1),
      source(3, 'C', 2),
      source(4, 'C', 3),
      source(5, 'A', 4),
    ]);
    const growth = growthOf(grown, [1, 2]);
    expect(growth?.addedOutlets).toBe(1);
    expect(growth?.sources.map((s) => s.feedTitle)).toEqual(['C']);
    expect(growthOf(grown, [1, 2, 3, 4, 5])).toBeNull();
    expect(storyFeedIds(grown)).toEqual([1, 2, 3, 4, 5]);
  });

  it('counts only outlets the chat follows: another chat’s outlet joining is no news here', () => {
    const grown = story([source(1, 'A', 0), source(2, 'B', 1), source(3, 'C', 2)]);
    expect(growthOf(grown, [1], new Set([1, 3]))?.sources.map((s) => s.feedTitle)).toEqual(['C']);
    expect(growthOf(grown, [1], new Set([1]))).toBeNull();
  });

  it('calls a story breaking when enough outlets told it within the window', () => {
    const lane = { outlets: 3, windowMs: 10 * MINUTE };
    const spread = story([
      source(1, 'A', 0),
      source(2, 'B', 8 * MINUTE),
      source(3, 'C', 30 * MINUTE),
      source(4, 'D', 35 * MINUTE),
    ]);
    expect(isBreaking(spread, lane)).toBe(false);
    const close = story([...spread.sources, source(5, 'E', 38 * MINUTE)]);
    expect(isBreaking(close, lane)).toBe(true);
    // A second feed of one outlet is still one outlet.
    const oneOutlet = story([source(1, 'A', 0), source(2, 'A', MINUTE), source(3, 'A', 2 * MINUTE)]);
    expect(isBreaking(oneOutlet, lane)).toBe(false);
  });
});
