import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RawEntry } from '../../src/ingest/feed-shape.js';
import { htmlToText } from '../../src/ingest/html-text.js';
import { canonicalUrl, normalizeEntries } from '../../src/ingest/normalize.js';
import { parseFeed, type ParsedFeed } from '../../src/ingest/parse-feed.js';
import { fixtureText } from './fixtures.js';

const NOW = Date.UTC(2024, 5, 4, 12, 0, 0);
const FEED_URL = 'https://harbour-times.example/feed.xml';

const blank: RawEntry = {
  id: null,
  link: null,
  title: null,
  content: null,
  summary: null,
  author: null,
  published: null,
  updated: null,
  categories: [],
  image: null,
};

function feedOf(...entries: Partial<RawEntry>[]): ParsedFeed {
  return { format: 'rss', title: null, siteUrl: null, entries: entries.map((e) => ({ ...blank, ...e })) };
}

async function fixtureItems(name: string) {
  const parsed = await parseFeed(fixtureText(name));
  if (!parsed.ok) throw new Error(parsed.error.reason);
  return normalizeEntries(parsed.value, { feedUrl: FEED_URL, now: NOW });
}

describe('normalizeEntries', () => {
  it('normalises a real-looking RSS feed', async () => {
    const items = await fixtureItems('rss2-harbour-times.xml');
    expect(items).toHaveLength(4);
    const [blast, storm, court, archive] = items;
    expect(blast).toMatchObject({
      key: 'ht-2024-0042',
      url: 'https://harbour-times.example/news/port-blast?id=42',
      title: 'Port blast: dozens hurt in capital',
      text: 'Two explosions tore through the port on Tuesday, the health ministry said.\n\nThe cause is under investigation — officials said.',
      author: 'Ana Ribeiro',
      publishedAt: Date.UTC(2024, 5, 4, 9, 15),
      categories: ['World', 'Port'],
    });
    expect(storm).toMatchObject({
      key: 'https://harbour-times.example/news/storm?page=2',
      url: 'https://harbour-times.example/news/storm?page=2',
      text: 'Power lines fell across the north.',
      author: 'Weather Desk',
    });
    expect(court?.publishedAt).toBeNull();
    expect(archive?.publishedAt).toBeNull();
    expect(archive?.url).toBeNull();
    expect(archive?.key).toBe(
      `sha256:${createHash('sha256').update('Archive: harbour opened\n').digest('hex')}`,
    );
  });

  it('computes contentHash from title, url and text', async () => {
    const [blast] = await fixtureItems('rss2-harbour-times.xml');
    const expected = createHash('sha256')
      .update(`${blast?.title ?? ''}\u0000${blast?.url ?? ''}\u0000${blast?.text ?? ''}`)
      .digest('hex');
    expect(blast?.contentHash).toBe(expected);
  });

  it('reads xhtml Atom titles and content as plain text in order', async () => {
    const [markets] = await fixtureItems('atom-xhtml.xml');
    expect(markets?.title).toBe('Markets rally after rate cut');
    expect(markets?.text).toBe('Shares rose sharply on Tuesday.\n\nBond yields fell.');
    expect(markets?.publishedAt).toBe(Date.UTC(2024, 5, 4, 6, 0));
  });

  it('reads plain-text JSON content literally', async () => {
    const items = await fixtureItems('jsonfeed-1.0.json');
    expect(items[1]?.text).toBe('Plain text with <angle> brackets & an ampersand.\n\nSecond paragraph.');
    expect(items[0]?.url).toBe('https://example-world.example/port');
  });

  it('reads the HTML entities many JSON Feed writers put in titles, and a < as itself', async () => {
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'F',
      items: [
        { id: '1', title: 'Workflow: Add Task &amp; Sub Tasks', content_text: 'a' },
        { id: '2', title: 'I&#039;m A Guest! <3 R&D', content_text: 'b' },
      ],
    });
    const parsed = await parseFeed(json);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const items = normalizeEntries(parsed.value, { feedUrl: FEED_URL, now: NOW });
    expect(items.map((item) => item.title)).toEqual([
      'Workflow: Add Task & Sub Tasks',
      "I'm A Guest! <3 R&D",
    ]);
  });

  it("keeps a wire headline's tickers, which look like tags HTML does not have", async () => {
    const xml =
      '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>' +
      '<item><title>Apple Inc &lt;AAPL.O&gt; beats estimates</title><link>https://w.example/a</link>' +
      '<description><![CDATA[<p>Shares of Apple Inc <AAPL.O> rose; <b>AT&amp;T</b> <Co> fell.</p>]]></description></item>' +
      '</channel></rss>';
    const parsed = await parseFeed(xml);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const [item] = normalizeEntries(parsed.value, { feedUrl: FEED_URL, now: NOW });
    expect(item?.title).toBe('Apple Inc <AAPL.O> beats estimates');
    expect(item?.text).toBe('Shares of Apple Inc <AAPL.O> rose; AT&T <Co> fell.');
  });

  it('prefers the full content when it is longer than the description, else the description', () => {
    const [long, teaser] = normalizeEntries(
      feedOf(
        { id: 'a', summary: 'Short.', content: '<p>A much longer full text.</p>' },
        { id: 'b', summary: 'A description longer than the teaser.', content: 'Teaser' },
      ),
      { feedUrl: FEED_URL, now: NOW },
    );
    expect(long?.text).toBe('A much longer full text.');
    expect(teaser?.text).toBe('A description longer than the teaser.');
  });

  it('clips a runaway title at a word boundary, with an ellipsis', () => {
    const words = Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ');
    const [item] = normalizeEntries(feedOf({ id: 'long', title: words, summary: 'Text.' }), {
      feedUrl: FEED_URL,
      now: NOW,
    });
    const title = item?.title ?? '';
    expect(title.length).toBeLessThanOrEqual(500);
    expect(title.endsWith('…')).toBe(true);
    expect(words.startsWith(title.slice(0, -1))).toBe(true);
    expect(words.charAt(title.length - 1)).toBe(' ');
  });

  it('keys by id, then canonical link, then a hash; drops duplicates and empty entries', () => {
    const items = normalizeEntries(
      feedOf(
        { id: '  guid-1 ', link: 'https://a.example/1', title: 'One' },
        { id: 'guid-1', link: 'https://a.example/1-again', title: 'Duplicate' },
        { link: 'https://a.example/2?utm_source=x#top', title: 'Two' },
        { link: 'https://a.example/2', title: 'Same link' },
        { id: 'https://a.example/3', title: 'Atom id as permalink' },
        { title: 'Only a title' },
        { author: 'Nobody', published: '2024-06-01T00:00:00Z' },
      ),
      { feedUrl: FEED_URL, now: NOW },
    );
    expect(items.map((i) => i.key)).toEqual([
      'guid-1',
      'https://a.example/2',
      'https://a.example/3',
      `sha256:${createHash('sha256').update('Only a title\n').digest('hex')}`,
    ]);
    expect(items[2]?.url).toBe('https://a.example/3');
  });

  it('turns missing, unreadable and absurd dates into null, falling back to the updated date', () => {
    const dates = normalizeEntries(
      feedOf(
        { id: '1', title: 't', published: 'Tue, 04 Jun 2024 10:00:00 GMT' },
        { id: '2', title: 't', published: 'soon' },
        { id: '3', title: 't', published: '1989-12-31T23:59:59Z' },
        { id: '4', title: 't', published: new Date(NOW + 3 * 86_400_000).toISOString() },
        { id: '5', title: 't', published: new Date(NOW + 86_400_000).toISOString() },
        { id: '6', title: 't', published: 'garbage', updated: '2024-06-01T00:00:00Z' },
        { id: '7', title: 't', published: ' 2024-06-01 10:00:00 +0200 ' },
        { id: '8', title: 't' },
        // JavaScript reads these years as 2000 and 2019.
        { id: '9', title: 't', published: 'Sat, 01 Jan 0000 00:00:00 GMT' },
        { id: '10', title: 't', published: '0019-06-01T00:00:00+0000' },
        { id: '11', title: 't', published: 'Tue, 04 Jun 2024 00:05:00 +0000' },
      ),
      { feedUrl: FEED_URL, now: NOW },
    ).map((i) => i.publishedAt);
    expect(dates).toEqual([
      Date.UTC(2024, 5, 4, 10),
      null,
      null,
      null,
      NOW + 86_400_000,
      Date.UTC(2024, 5, 1),
      Date.UTC(2024, 5, 1, 8),
      null,
      null,
      null,
      Date.UTC(2024, 5, 4, 0, 5),
    ]);
  });

  it('reads month and weekday names in Portuguese, Spanish, French, German and Italian', () => {
    const dates = normalizeEntries(
      feedOf(
        { id: '1', title: 't', published: 'Seg, 24 Set 2018 19:22:00 -0300' },
        { id: '2', title: 't', published: 'mié, 05 dic 2018 08:00:00 +0100' },
        { id: '3', title: 't', published: 'lun., 3 déc. 2018 10:00:00 +0100' },
        { id: '4', title: 't', published: 'Mi, 12 Dez 2018 10:00:00 +0100' },
        { id: '5', title: 't', published: 'gio, 11 ott 2018 10:00:00 +0200' },
        { id: '6', title: 't', published: '24 Foo 2018 10:00:00 GMT' },
      ),
      { feedUrl: FEED_URL, now: NOW },
    ).map((i) => i.publishedAt);
    expect(dates).toEqual([
      Date.UTC(2018, 8, 24, 22, 22),
      Date.UTC(2018, 11, 5, 7),
      Date.UTC(2018, 11, 3, 9),
      Date.UTC(2018, 11, 12, 9),
      Date.UTC(2018, 9, 11, 8),
      null,
    ]);
  });

  it('cleans categories and authors and never throws on odd values', () => {
    const [item] = normalizeEntries(
      feedOf({
        id: 'x',
        title: '<script>alert(1)</script>Hello &amp; welcome',
        author: '  <b>Jane</b> ',
        categories: ['  Tech ', 'tech', '', 'Science &amp; Health', 'x'.repeat(500)],
      }),
      { feedUrl: FEED_URL, now: NOW },
    );
    expect(item?.title).toBe('Hello & welcome');
    expect(item?.author).toBe('Jane');
    expect(item?.categories.slice(0, 2)).toEqual(['Tech', 'Science & Health']);
    expect(item?.categories[2]?.length).toBe(100);
  });
});

describe('canonicalUrl', () => {
  it.each([
    ['https://a.example/p?utm_source=rss&utm_medium=x&id=3', 'https://a.example/p?id=3'],
    ['https://a.example/p?b=2&fbclid=1&a=1&gclid=2&dclid=3', 'https://a.example/p?b=2&a=1'],
    ['https://a.example/p?mc_cid=1&mc_eid=2&igshid=3&_hsenc=4&ref_src=5', 'https://a.example/p'],
    ['https://a.example/p?UTM_Campaign=x&q=a%20b+c', 'https://a.example/p?q=a%20b+c'],
    ['https://a.example/p#section', 'https://a.example/p'],
    ['HTTPS://A.Example:443/p', 'https://a.example/p'],
    ['https://a.example/p?', 'https://a.example/p'],
    [
      'https://www.google.com/url?rct=j&sa=t&url=https://investorplace.com/2019/05/slack-ipo/%3Futm_source%3Drss&ct=ga&cd=CAE&usg=AFQjCNF',
      'https://investorplace.com/2019/05/slack-ipo/',
    ],
    [
      'https://www.bing.com/news/apiclick.aspx?ref=FexRss&aid=&url=https%3a%2f%2fb.example%2fstory&c=1',
      'https://b.example/story',
    ],
    ['https://l.facebook.com/l.php?u=https%3A%2F%2Fc.example%2Fa&h=AT0', 'https://c.example/a'],
    [
      'https://www.google.com/url?url=javascript:alert(1)',
      'https://www.google.com/url?url=javascript:alert(1)',
    ],
    [
      'https://www.google.com/search?q=https://d.example/',
      'https://www.google.com/search?q=https://d.example/',
    ],
  ])('%s → %s', (input, expected) => {
    expect(canonicalUrl(input)).toBe(expected);
  });

  it('resolves relative links against the base and refuses what is not http(s)', () => {
    expect(canonicalUrl('/news/1', FEED_URL)).toBe('https://harbour-times.example/news/1');
    expect(canonicalUrl('2', 'https://a.example/dir/feed')).toBe('https://a.example/dir/2');
    expect(canonicalUrl('javascript:alert(1)', FEED_URL)).toBeNull();
    expect(canonicalUrl('mailto:x@example.org')).toBeNull();
    expect(canonicalUrl('not a url')).toBeNull();
    expect(canonicalUrl('')).toBeNull();
    expect(canonicalUrl(`https://a.example/${'x'.repeat(3000)}`)).toBeNull();
  });
});

describe('htmlToText', () => {
  it.each([
    ['<p>One</p><p>Two</p>', 'One\n\nTwo'],
    ['Line<br>next<br/>last', 'Line\nnext\nlast'],
    ['<div>\n  spaced   <b>out</b>\n</div>', 'spaced out'],
    ['<style>p{}</style><script>x()</script><!-- c -->Kept', 'Kept'],
    ['caf&eacute; &amp; &#8217;s &#x1F600; &nbsp;x', 'café & ’s 😀 x'],
    ['a < b and c > d', 'a < b and c > d'],
    ['&lt;b&gt;escaped&lt;/b&gt;', '<b>escaped</b>'],
    ['<ul><li>a</li><li>b</li></ul>', 'a\n\nb'],
    ['<script>never closed <p>hidden', ''],
    ['bell\u0007 and nul\u0000', 'bell and nul'],
    ['A<BR>b<Td>c</TD>d<BLOCKQUOTE>e', 'A\nb c d\n\ne'],
    ['a <!-- c --><p>b', 'a\n\nb'],
    ['x<script_x>y</script_x>z', 'xyz'],
    ['<a <p>>x', '<a\n\n>x'],
    ['a]]>b', 'a]]>b'],
    ['Apple Inc <AAPL.O> beats; AT&amp;T <Co> cuts', 'Apple Inc <AAPL.O> beats; AT&T <Co> cuts'],
    ['Nice <gorilla> what now?', 'Nice <gorilla> what now?'],
    ['<p>Ford <F.N> recalls</p>', 'Ford <F.N> recalls'],
    ['This is <bogus>XHTML</bogus> content.', 'This is XHTML content.'],
    ['x<bogus xmlns="urn:b"/>y<o:p>z</o:p><amp-img src=a>', 'xyz'],
  ])('%j → %j', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });

  it('stays linear on hostile markup', () => {
    const started = performance.now();
    htmlToText('<a'.repeat(200_000) + '<!--'.repeat(100_000) + '<script'.repeat(100_000));
    htmlToText('<x>'.repeat(200_000) + '</y>'.repeat(200_000) + `<${'n'.repeat(500)}>`.repeat(2_000));
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
