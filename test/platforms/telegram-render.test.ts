import { describe, expect, it } from 'vitest';
import type { Digest, DigestEntry, Topic } from '../../src/core/types.js';
import { clip, renderHtml, safeHref } from '../../src/platforms/telegram/html.js';
import {
  decodeCallback,
  hashValue,
  MAX_CALLBACK_BYTES,
  runData,
} from '../../src/platforms/telegram/keyboard.js';
import { decodePayload, type MessagePayload } from '../../src/platforms/telegram/payload.js';
import { renderTelegramDigest } from '../../src/platforms/telegram/render-digest.js';
import { checkTelegramHtml } from '../fakes/telegram-html-check.js';

const topic = (id: string, label: string, emoji: string): Topic => ({
  id,
  label,
  emoji,
  categories: [],
});
const world = topic('world', 'World', '🌍');
const topics = [
  world,
  topic('business', 'Business', '💼'),
  topic('sport', 'Sport', '⚽'),
  topic('science', 'Science', '🔬'),
];

function entry(i: number, over: Partial<DigestEntry> = {}): DigestEntry {
  return {
    storyId: i,
    headline: `Headline number ${i}`,
    url: `https://example.org/story/${i}`,
    summary: `Summary ${i}: ${'words that carry the news along '.repeat(12).trim()}.`,
    topics: [topics[i % topics.length] ?? world],
    mainTopics: [topics[i % topics.length] ?? world],
    sources: [
      { name: 'Example World', url: `https://example.org/a/${i}` },
      { name: 'Daily Wire', url: `https://wire.example/b/${i}` },
    ],
    publishedAt: 0,
    imageUrl: null,
    ...over,
  };
}

function digest(entries: DigestEntry[], omitted = 0): Digest {
  return {
    subscriptionId: 1,
    slot: Date.UTC(2026, 10, 28, 18, 0),
    timeZone: 'UTC',
    title: 'Evening digest',
    entries,
    feedCount: 2,
    mutedApplied: [],
    omitted,
    pings: [],
  };
}

const messages = (d: Digest): MessagePayload[] =>
  renderTelegramDigest(d, { linkPreviews: false }).map((p) => {
    const message = decodePayload(p.payload);
    if (message === null) throw new Error('bad payload');
    return message;
  });

/** Visible text of a part, checked as Telegram would parse it. */
function visible(message: MessagePayload): string {
  const check = checkTelegramHtml(message.text);
  if (!check.ok) throw new Error(check.error);
  expect(check.text.length).toBeLessThanOrEqual(4096);
  expect(check.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  return check.text;
}

describe('telegram digest rendering', () => {
  it('renders the header, a bold linked headline, the summary and every source', () => {
    const [only] = messages(digest([entry(0)]));
    expect(only?.text).toBe(
      '<b>Evening digest</b> · Sat 28 Nov · 1 story from 2 feeds\n\n' +
        '🌍 <b><a href="https://example.org/story/0">Headline number 0</a></b>\n' +
        `${entry(0).summary}\n` +
        'Sources: <a href="https://example.org/a/0">Example World</a> · <a href="https://wire.example/b/0">Daily Wire</a>',
    );
    expect(only?.preview).toBe(false);
  });

  it('splits a long digest between stories, each part within 4,096 UTF-16 units', () => {
    const entries = Array.from({ length: 40 }, (_, i) => entry(i));
    const parts = messages(digest(entries, 3));
    expect(parts.length).toBeGreaterThan(3);
    const texts = parts.map(visible);
    for (const e of entries) {
      expect(texts.filter((t) => t.includes(`${e.headline}\n`))).toHaveLength(1);
      // A story is never cut: its headline, summary and sources share one part.
      expect(
        texts.some((t) => t.includes(`${e.headline}\n${e.summary}\nSources: Example World · Daily Wire`)),
      ).toBe(true);
    }
    expect(texts[0]).toMatch(/^Evening digest · Sat 28 Nov · 40 stories from 2 feeds/);
    expect(texts.at(-1)).toMatch(/… and 3 more stories\.$/);
    expect(parts.slice(0, -1).every((p) => p.keyboard.length === 0)).toBe(true);
  });

  it('counts emoji as two units, as Telegram does', () => {
    // Each summary is 700 code points but 1,400 UTF-16 units: three stories overflow a message
    // that a count of code points would think half empty.
    const entries = Array.from({ length: 3 }, (_, i) => entry(i, { summary: '🌍'.repeat(700) }));
    const parts = messages(digest(entries));
    expect(parts.length).toBe(2);
    parts.forEach(visible);
  });

  it('escapes hostile feed text and drops unsafe links', () => {
    const hostile = entry(0, {
      headline: '<b>Bold</b> & </a> <script>alert(1)</script> "quoted"',
      summary: 'Text with </a>&amp; <i>tags</i> & <a href="javascript:alert(1)">x</a>',
      url: 'javascript:alert(1)',
      sources: [{ name: '</b><b>Evil & Co', url: 'https://evil.example/?a=1&b="2"' }],
    });
    const [part] = messages(digest([hostile]));
    if (!part) throw new Error('no part');
    const text = visible(part);
    expect(text).toContain('<b>Bold</b> & </a> <script>alert(1)</script> "quoted"');
    expect(part.text).not.toContain('<a href="javascript');
    expect(part.text).toContain('href="https://evil.example/?a=1&amp;b=%222%22"');
  });

  it('clips a 10 kB headline and cuts a story longer than a message with balanced tags', () => {
    const sources = Array.from({ length: 80 }, (_, i) => ({
      name: `Outlet ${i} ${'with a long name '.repeat(4)}`,
      url: `https://outlet${i}.example/story`,
    }));
    const parts = messages(digest([entry(0, { headline: 'Long '.repeat(2000), sources })]));
    expect(parts.length).toBeGreaterThan(1);
    const texts = parts.map(visible);
    expect(texts[0]?.split('\n')[2]?.length).toBeLessThanOrEqual('🌍 '.length + 512);
    // Pieces of the cut story end and start at word boundaries.
    for (const text of texts) expect(text).not.toMatch(/^\s|\s$/);
    expect(texts.join(' ')).toContain('Outlet 79');
  });

  it('puts mute keys for the main topics under the last part, with More… when they do not fit', () => {
    const parts = messages(digest(Array.from({ length: 8 }, (_, i) => entry(i))));
    const keys = parts.at(-1)?.keyboard.flat() ?? [];
    expect(keys.map((k) => k.text)).toEqual(['Mute World', 'Mute Business', 'Mute Sport', 'More…']);
    expect(keys.map((k) => k.callback_data)).toEqual([
      'v:mute:world',
      'v:mute:business',
      'v:mute:sport',
      'k:mute',
    ]);
  });

  it('offers every main topic of a story as a mute key, and no topic it merely touches', () => {
    const [business, sport, science] = [topics[1] ?? world, topics[2] ?? world, topics[3] ?? world];
    const both = entry(1, { topics: [business, sport, science], mainTopics: [business, sport] });
    const keys =
      messages(digest([both]))
        .at(-1)
        ?.keyboard.flat() ?? [];
    expect(keys.map((k) => k.callback_data)).toEqual(['v:mute:business', 'v:mute:sport']);
  });
});

describe('telegram html and keys', () => {
  it('accepts only http(s) links', () => {
    expect(safeHref('https://example.org/a b')).toBe('https://example.org/a%20b');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('not a url')).toBeNull();
    expect(safeHref(`https://example.org/${'a'.repeat(3000)}`)).toBeNull();
  });

  it('escapes text and attributes', () => {
    expect(renderHtml(['<&>', { tag: 'a', href: 'https://x.example/?q="1"', children: ['a&b'] }])).toBe(
      '&lt;&amp;&gt;<a href="https://x.example/?q=&quot;1&quot;">a&amp;b</a>',
    );
  });

  it('clips without splitting an emoji', () => {
    expect(clip('🌍'.repeat(10), 6)).toBe('🌍🌍…');
  });

  it('keeps callback data within 64 bytes, hashing long values', () => {
    const long = `https://example.org/${'ü'.repeat(80)}`;
    const data = runData('unsubscribe', long);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(MAX_CALLBACK_BYTES);
    expect(decodeCallback(data)).toEqual({
      kind: 'run-hashed',
      command: 'unsubscribe',
      hash: hashValue(long),
    });
    expect(decodeCallback(runData('mute', 'sport'))).toEqual({
      kind: 'run',
      command: 'mute',
      value: 'sport',
    });
    expect(decodeCallback('k:mute')).toEqual({ kind: 'choose', command: 'mute' });
    expect(decodeCallback('garbage')).toBeNull();
  });
});
