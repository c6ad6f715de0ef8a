import { describe, expect, it } from 'vitest';
import type { Digest, DigestEntry, LeftOut } from '../../src/core/types.js';
import { renderConsoleDigest } from '../../src/platforms/console/render.js';
import { renderDiscordDigest } from '../../src/platforms/discord/render-digest.js';
import { decodePayload } from '../../src/platforms/telegram/payload.js';
import { renderTelegramDigest } from '../../src/platforms/telegram/render-digest.js';
import { limitViolations } from '../fakes/discord-limits.js';
import { checkTelegramHtml } from '../fakes/telegram-html-check.js';

const world = { id: 'world', label: 'World', emoji: '🌍', categories: [] };

function entry(i: number, long: boolean): DigestEntry {
  return {
    storyId: i,
    headline: `${long ? 'Headline that runs on '.repeat(10) : 'Headline'} ${i}`,
    url: `https://example.org/${i}`,
    summary: long ? 'A summary that fills the card with words. '.repeat(9) : 'Short.',
    topics: [world],
    mainTopics: [world],
    sources: [{ name: 'Example', url: `https://example.org/s/${i}` }],
    publishedAt: 0,
    imageUrl: null,
  };
}

// Hostile labels: markup, mentions and markdown that a muted keyword could never hold, and more.
const leftOut: LeftOut = {
  muted: [
    { label: '<b>@everyone</b> **x** & y'.padEnd(64, '_'), count: 12 },
    { label: 'Sport', count: 4 },
    { label: 'bitcoin', count: 1 },
    { label: 'World', count: 2 },
  ],
  unmatched: 7,
};

function digest(count: number, long: boolean): Digest {
  return {
    subscriptionId: 1,
    slot: Date.UTC(2026, 10, 28, 18, 0),
    timeZone: 'UTC',
    title: 'Evening digest',
    entries: Array.from({ length: count }, (_, i) => entry(i, long)),
    feedCount: 1,
    mutedApplied: ['Sport'],
    omitted: 3,
    pings: [],
    leftOut,
  };
}

describe('the left-out line on every platform', () => {
  it('ends a Discord digest, escaped, within every message limit', () => {
    for (const d of [digest(1, false), digest(25, true)]) {
      const bodies = renderDiscordDigest(d).map(
        (p) => JSON.parse(p.payload) as Parameters<typeof limitViolations>[0] & { content: string },
      );
      for (const body of bodies) expect(limitViolations(body)).toEqual([]);
      const last = bodies.at(-1)?.content ?? '';
      expect(last).toContain('-# Left out: 12 ');
      expect(last).toContain(
        '· 4 Sport stories muted · 1 bitcoin story muted · 2 more stories muted · 7 not matching your filters',
      );
      expect(last).not.toContain('**x**');
      expect(bodies.slice(0, -1).every((b) => !b.content.includes('Left out'))).toBe(true);
    }
  });

  it('ends a Telegram digest as escaped HTML within 4,096 characters', () => {
    for (const d of [digest(1, false), digest(40, true)]) {
      const texts = renderTelegramDigest(d, { linkPreviews: false }).map(
        (p) => decodePayload(p.payload)?.text ?? '',
      );
      for (const text of texts) {
        const check = checkTelegramHtml(text);
        if (!check.ok) throw new Error(check.error);
        expect(check.text.length).toBeLessThanOrEqual(4096);
      }
      const last = texts.at(-1) ?? '';
      expect(last).toContain('<i>Left out: 12 &lt;b&gt;@everyone&lt;/b&gt;');
      expect(last).toContain('7 not matching your filters</i>');
    }
  });

  it('ends a console digest', () => {
    const parts = renderConsoleDigest(digest(3, false)).map(
      (p) => (JSON.parse(p.payload) as { text: string }).text,
    );
    expect(parts.at(-1)).toMatch(/\n\nLeft out: 12 .* · 7 not matching your filters$/);
  });
});
