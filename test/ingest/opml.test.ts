import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOpml, MAX_OPML_FEEDS, parseOpml, type OpmlFeed } from '../../src/ingest/opml.js';
import { corpusDir, fixtureText } from './fixtures.js';

function feedsOf(text: string): OpmlFeed[] {
  const result = parseOpml(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('parseOpml', () => {
  it('flattens nested outlines, keeps document order and drops duplicates and notes', () => {
    expect(feedsOf(fixtureText('subscriptions.opml'))).toEqual([
      {
        title: 'Harbour Times & Gazette',
        url: 'https://harbour-times.example/feed.xml',
        siteUrl: 'https://harbour-times.example/',
      },
      { title: 'Example World', url: 'https://example-world.example/feed.json', siteUrl: null },
      { title: 'North <Post>', url: 'https://north.example/rss?a=1&b=2', siteUrl: null },
    ]);
  });

  it('refuses what is not OPML with a message, never by throwing', () => {
    for (const text of ['', 'garbage', '<rss version="2.0"><channel/></rss>', '{"opml": 1}']) {
      const result = parseOpml(text);
      expect(result.ok, text).toBe(false);
      if (!result.ok) expect(result.error.message.length).toBeGreaterThan(0);
    }
  });

  it('reads the feeds of a broken export and nothing from a cut one', () => {
    const broken =
      '<opml version="1.0"><body><outline text="Show" title="The Show" description="called "the best" by many" xmlUrl="https://show.example/rss" type="rss" />' +
      '<outline text="Next" xmlUrl="https://next.example/rss"/></body></opml>';
    expect(feedsOf(broken).map((f) => [f.title, f.url])).toEqual([
      ['The Show', 'https://show.example/rss'],
      ['Next', 'https://next.example/rss'],
    ]);
    expect(feedsOf('<opml><body><outline')).toEqual([]);
  });

  it('survives hostile documents: deep nesting, entity tricks, too many outlines, huge input', () => {
    const deep = `<opml version="2.0"><body>${'<outline text="x">'.repeat(5_000)}${'</outline>'.repeat(5_000)}</body></opml>`;
    expect(typeof parseOpml(deep).ok).toBe('boolean');
    const entities =
      '<!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' +
      '<opml version="2.0"><body><outline text="&b;" xmlUrl="https://x.example/&b;"/></body></opml>';
    const expanded = parseOpml(entities);
    if (expanded.ok) expect(expanded.value[0]?.url.length ?? 0).toBeLessThan(100);
    const many = `<opml version="2.0"><body>${Array.from({ length: MAX_OPML_FEEDS + 1 }, (_, i) => `<outline text="f" xmlUrl="https://x.example/${i}"/>`).join('')}</body></opml>`;
    const tooMany = parseOpml(many);
    expect(tooMany.ok).toBe(false);
    if (!tooMany.ok) expect(tooMany.error.code).toBe('too_many');
    const huge = parseOpml(`<opml>${' '.repeat(6 * 1024 * 1024)}</opml>`);
    expect(huge.ok ? 'ok' : huge.error.code).toBe('too_large');
  });
});

describe('buildOpml', () => {
  it('escapes every value and round-trips through parseOpml', () => {
    const feeds: OpmlFeed[] = [
      {
        title: 'Tom & Jerry\'s "News" <daily>',
        url: 'https://a.example/feed?x=1&y=2',
        siteUrl: 'https://a.example/?q="1"',
      },
      { title: 'Line\nbreak\tand\u0001control', url: 'https://b.example/rss' },
      { title: 'Ünïcødé 日本', url: 'https://c.example/atom', siteUrl: null },
    ];
    const xml = buildOpml('Gazette & friends', feeds);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<opml version="2.0">/);
    expect(xml).toContain('<title>Gazette &amp; friends</title>');
    expect(xml).not.toContain('\u0001');
    expect(feedsOf(xml)).toEqual([
      {
        title: 'Tom & Jerry\'s "News" <daily>',
        url: 'https://a.example/feed?x=1&y=2',
        siteUrl: 'https://a.example/?q="1"',
      },
      { title: 'Line\nbreak\tandcontrol', url: 'https://b.example/rss', siteUrl: null },
      { title: 'Ünïcødé 日本', url: 'https://c.example/atom', siteUrl: null },
    ]);
  });
});

const awesome = path.join(corpusDir, 'feeds/awesome-rss-feeds');
const available = existsSync(awesome);
if (!available && process.env.CI) throw new Error('corpus missing: ../shared/corpus is required in CI');
if (!available) console.log(`opml: corpus not found at ${awesome}; real OPML files not checked`);

describe.skipIf(!available)('parseOpml on the corpus OPML files', () => {
  it('reads every awesome-rss-feeds list and round-trips it', () => {
    const files = readdirSync(awesome, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.opml'),
    );
    expect(files.length).toBeGreaterThan(20);
    let total = 0;
    for (const file of files) {
      const feeds = feedsOf(readFileSync(path.join(awesome, file), 'utf8'));
      expect(feeds.length, file).toBeGreaterThan(0);
      for (const feed of feeds) expect(feed.url, file).toMatch(/^https?:\/\//);
      expect(feedsOf(buildOpml('x', feeds))).toEqual(feeds);
      total += feeds.length;
    }
    console.log(`opml: ${files.length} corpus OPML files, ${total} feeds`);
  });
});
