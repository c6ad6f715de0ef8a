import { describe, expect, it } from 'vitest';
import { withoutInvisibles } from '../../src/core/invisible.js';
import type { Digest, DigestEntry, Topic } from '../../src/core/types.js';
import { renderConsoleDigest } from '../../src/platforms/console/render.js';
import { renderDiscordDigest } from '../../src/platforms/discord/render-digest.js';
import { renderTelegramDigest } from '../../src/platforms/telegram/render-digest.js';

const world: Topic = { id: 'world', label: 'World', emoji: '🌍', categories: [] };

// Bidi overrides and isolates, direction marks, zero-width space, word joiner, BOM, soft hyphen,
// a tag character, a Hangul filler and a C1 control.
const HIDDEN = [
  '\u202e',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200e',
  '\u200f',
  '\u061c',
  '\u200b',
  '\u2060',
  '\ufeff',
  '\u00ad',
  '\u{E0041}',
  '\u3164',
  '\u0085',
];
const HIDDEN_PATTERN = new RegExp(`[${HIDDEN.join('')}]|\u200d(?=[a-z])`, 'u');

const entry: DigestEntry = {
  storyId: 1,
  headline: 'Invoice \u202egnp.exe from bit\u200bcoin and bit\u200dcoin',
  url: 'https://example.org/a',
  summary: `Hidden ${HIDDEN.join('x')} text; a family 👨\u200d👩\u200d👧 and Persian می\u200cخواهم stay.`,
  topics: [world],
  mainTopics: [world],
  sources: [{ name: 'Out\u2066let\u2069', url: 'https://example.org/b' }],
  publishedAt: 0,
  imageUrl: null,
};
const digest: Digest = {
  subscriptionId: 1,
  slot: Date.UTC(2026, 10, 28, 18),
  timeZone: 'UTC',
  title: 'Evening digest',
  entries: [entry],
  feedCount: 1,
  mutedApplied: [],
  omitted: 0,
  pings: [],
};

describe('invisible characters', () => {
  it('are removed by the one shared function, keeping emoji sequences and joining scripts', () => {
    expect(withoutInvisibles('Invoice \u202egnp.exe')).toBe('Invoice gnp.exe');
    expect(withoutInvisibles('bit\u200bco\u200din\u2060')).toBe('bitcoin');
    expect(withoutInvisibles('👨\u200d👩\u200d👧')).toBe('👨\u200d👩\u200d👧');
    expect(withoutInvisibles('می\u200cخواهم')).toBe('می\u200cخواهم');
    expect(withoutInvisibles('🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}')).toHaveLength(14);
    expect(withoutInvisibles('a\tb\nc\u0000d')).toBe('a\tb\ncd');
  });

  const rendered: [string, string][] = [
    [
      'Telegram',
      renderTelegramDigest(digest, { linkPreviews: false })
        .map((p) => p.payload)
        .join(''),
    ],
    [
      'Discord',
      renderDiscordDigest(digest)
        .map((p) => p.payload)
        .join(''),
    ],
    [
      'console',
      renderConsoleDigest(digest)
        .map((p) => p.payload)
        .join(''),
    ],
  ];
  it.each(rendered)('never reach a %s digest', (_, payload) => {
    expect(HIDDEN_PATTERN.test(payload)).toBe(false);
    expect(payload).toContain('gnp.exe');
    expect(payload).toContain('👨\u200d👩\u200d👧');
  });
});
