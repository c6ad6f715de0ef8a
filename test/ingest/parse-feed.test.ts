import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { parseFeed, type ParsedFeed } from '../../src/ingest/parse-feed.js';
import { fixtureText } from './fixtures.js';

async function parsed(text: string): Promise<ParsedFeed> {
  const result = await parseFeed(text);
  if (!result.ok) throw new Error(`expected a feed, got ${result.error.reason}`);
  return result.value;
}

async function reason(text: string): Promise<string> {
  const result = await parseFeed(text);
  if (result.ok) throw new Error('expected a failure');
  return result.error.reason;
}

describe('parseFeed: formats', () => {
  it('reads RSS 2.0 with content:encoded, dc:creator and categories', async () => {
    const feed = await parsed(fixtureText('rss2-harbour-times.xml'));
    expect(feed.format).toBe('rss');
    expect(feed.title).toBe('Harbour Times & Gazette');
    expect(feed.siteUrl).toBe('https://harbour-times.example/');
    expect(feed.entries).toHaveLength(4);
    const [first] = feed.entries;
    expect(first?.id).toBe('ht-2024-0042');
    expect(first?.author).toBe('Ana Ribeiro');
    expect(first?.content).toContain('<p>Two explosions');
    expect(first?.summary).toBe('Two explosions tore through the port.');
    expect(first?.categories).toEqual(['World', ' Port ', 'world']);
  });

  it('reads RDF (RSS 1.0) with Dublin Core fields', async () => {
    const feed = await parsed(fixtureText('rdf-science.rdf'));
    expect(feed.format).toBe('rdf');
    expect(feed.entries[0]).toMatchObject({
      title: 'Protein folding at scale',
      link: 'https://science-digest.example/p/1',
      author: 'R. Okafor',
      published: '2024-06-02T00:00:00Z',
      categories: ['Biology'],
    });
  });

  it('reads Atom with xhtml titles and content as markup in document order, never as objects', async () => {
    const feed = await parsed(fixtureText('atom-xhtml.xml'));
    expect(feed.format).toBe('atom');
    expect(typeof feed.title).toBe('string');
    expect(feed.title).toContain('Daily <em>Wire</em> notes');
    const [first, second] = feed.entries;
    expect(first?.title).toContain('Markets <strong>rally</strong> after rate cut');
    expect(first?.content).toMatch(
      /Shares rose <a href="\/x">sharply<\/a> on Tuesday\..*Bond yields fell\./s,
    );
    expect(first?.link).toBe('https://daily-wire.example/2024/06/markets');
    expect(first?.categories).toEqual(['Business']);
    expect(second?.title).toBe('Rates <i>held</i> elsewhere');
  });

  it('reads JSON Feed 1.0 (single author) and skips entries that are not objects', async () => {
    const feed = await parsed(fixtureText('jsonfeed-1.0.json'));
    expect(feed.format).toBe('json');
    expect(feed.title).toBe('Example World');
    expect(feed.entries).toHaveLength(2);
    expect(feed.entries[0]).toMatchObject({
      id: '2024-06-04-port',
      author: 'Maria Lopez',
      categories: ['World', 'Ports'],
    });
    expect(feed.entries[1]?.id).toBe('17');
    expect(feed.entries[1]?.content).toContain(
      '&lt;angle&gt; brackets &amp; an ampersand.</p><p>Second paragraph.',
    );
  });

  it('reads JSON Feed 1.1 (authors array) and non-standard version strings', async () => {
    const feed = await parsed(fixtureText('jsonfeed-1.1.json'));
    expect(feed.entries[0]).toMatchObject({ author: 'Ines Berg', published: '2024-05-30T12:00:00+02:00' });
    const odd = await parsed(fixtureText('jsonfeed-nonstandard.json'));
    expect(odd.entries[0]?.title).toBe('Still a feed');
  });
});

describe('parseFeed: what rss-parser alone gets wrong', () => {
  const rssParser = new Parser();

  it('keeps the good entries when one Atom date is unreadable (rss-parser throws RangeError)', async () => {
    const text = fixtureText('atom-bad-date.xml');
    await expect(rssParser.parseString(text)).rejects.toThrow(RangeError);
    const feed = await parsed(text);
    expect(feed.entries.map((e) => e.title)).toEqual(['Compiler release', 'Kernel patch']);
    expect(feed.entries[0]?.published).toBe('last Tuesday');
  });

  it('reads <rss> without <channel> (rss-parser throws TypeError)', async () => {
    const text = fixtureText('rss-without-channel.xml');
    await expect(rssParser.parseString(text)).rejects.toThrow(TypeError);
    const feed = await parsed(text);
    expect(feed.entries.map((e) => e.link)).toEqual(['https://bare.example/1', 'https://bare.example/2']);
  });

  it('reads Atom entries whose link is text, not an href (rss-parser throws TypeError)', async () => {
    const text = fixtureText('atom-link-as-text.xml');
    await expect(rssParser.parseString(text)).rejects.toThrow(TypeError);
    const feed = await parsed(text);
    expect(feed.entries.map((e) => e.title)).toEqual(['Written by hand', 'Written properly']);
  });

  it('recovers the complete items of a truncated download', async () => {
    const full = fixtureText('rss2-harbour-times.xml');
    const cut = full.slice(0, full.indexOf('Court rules') + 5);
    await expect(rssParser.parseString(cut)).rejects.toThrow();
    const feed = await parsed(cut);
    expect(feed.entries.map((e) => e.title)).toEqual([
      'Port blast: <b>dozens</b> hurt in capital',
      'Storm leaves a million without power',
    ]);
  });

  it('recovers a truncated Atom feed and a truncated JSON Feed', async () => {
    const atom = fixtureText('atom-bad-date.xml');
    const atomFeed = await parsed(atom.slice(0, atom.indexOf('Kernel patch')));
    expect(atomFeed.entries.map((e) => e.title)).toEqual(['Compiler release']);
    const json = fixtureText('jsonfeed-1.0.json');
    const jsonFeed = await parsed(json.slice(0, json.indexOf('"id": 17')));
    expect(jsonFeed.entries.map((e) => e.id)).toEqual(['2024-06-04-port']);
  });

  it('reads undefined HTML entities and control characters that strict XML refuses', async () => {
    const text =
      '<rss version="2.0"><channel><title>T</title><item><title>A&nbsp;b\u0001c</title><link>https://x.example/1</link></item></channel></rss>';
    const feed = await parsed(text);
    expect(feed.entries).toHaveLength(1);
    expect(feed.entries[0]?.link).toBe('https://x.example/1');
  });

  it('cuts junk printed before the feed', async () => {
    const text = `<br />\n<b>Warning</b>: something in <b>/var/www/feed.php</b><br />\n${fixtureText('rdf-science.rdf').replace(/^<\?xml[^>]*>/, '')}`;
    const feed = await parsed(text);
    expect(feed.entries).toHaveLength(1);
  });
});

describe('parseFeed: named failures', () => {
  it('calls an HTML page a web page', async () => {
    const result = await parseFeed(fixtureText('web-page.html'));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.reason).toBe('not_a_feed');
      expect(result.error.message).toBe('That address returned a web page, not a feed.');
      expect(result.error.permanent).toBe(true);
    }
  });

  it('names OPML, other XML, other JSON and empty bodies as not a feed', async () => {
    expect(await reason(fixtureText('subscriptions.opml'))).toBe('not_a_feed');
    expect(await reason('<?xml version="1.0"?><catalog><book/></catalog>')).toBe('not_a_feed');
    expect(await reason('{"hello": "world"}')).toBe('not_a_feed');
    expect(await reason('   \n ')).toBe('not_a_feed');
    expect(await reason('Service unavailable')).toBe('not_a_feed');
  });

  it('calls broken feeds malformed', async () => {
    expect(await reason('<rss version="2.0"><channel><item><title>x</ti')).toBe('malformed');
    expect(await reason('{"version": "https://jsonfeed.org/version/1.1", "items": [ {"id": ')).toBe(
      'malformed',
    );
    expect(await reason('<feed xmlns="http://www.w3.org/2005/Atom"><entry></entry><entry>')).toBe(
      'malformed',
    );
  });

  it('reads a feed with no items as empty, not as a failure', async () => {
    const feed = await parsed('<rss version="2.0"><channel><title>Quiet</title></channel></rss>');
    expect(feed.entries).toEqual([]);
    expect(feed.title).toBe('Quiet');
  });

  it('never throws on hostile input, and none of it takes long', async () => {
    const hostile = [
      // Each of these once cost seconds to hours: a prolog of comments that leads nowhere
      // (exponential backtracking), and the same broken document twice through one xml2js parser.
      `${'<!-- c -->'.repeat(40)}x`,
      `<rss><channel><item>${'<a '.repeat(1_000_000)}`,
      `<rss><channel><item>${'<a '.repeat(1_000_000)}`,
      `<rss><channel>${'<![CDATA['.repeat(100_000)}`,
      '<rss>'.repeat(20_000),
      `<rss version="2.0"><channel>${'<item>'.repeat(5_000)}`,
      '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><rss><channel><item><title>&b;</title></item></channel></rss>',
      '['.repeat(100_000),
      '{"items": [' + '{"a":'.repeat(1_000),
      '<feed><entry><title type="xhtml">' + '<div>'.repeat(2_000) + '</title></entry></feed>',
    ];
    for (const text of hostile) {
      const started = performance.now();
      const result = await parseFeed(text);
      expect(typeof result.ok).toBe('boolean');
      // Generous: each takes milliseconds; the bound only catches the super-linear cases above.
      expect(performance.now() - started, text.slice(0, 40)).toBeLessThan(3_000);
    }
  });
});

describe('parseFeed: hostile text', () => {
  it('drops references to entities neither XML nor HTML defines, keeping HTML ones and CDATA', async () => {
    const xml = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol10 "&lol;&lol;">]>
<rss version="2.0"><channel><title>t</title><item><title>Boom &lol10; end&eacute;</title>
<link>https://example.org/a</link><description><![CDATA[AT&T; stays]]></description></item></channel></rss>`;
    const result = await parseFeed(xml);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [entry] = result.value.entries;
    expect(entry?.title).toBe('Boom  endé');
    expect(entry?.summary).toBe('AT&T; stays');
  });

  it('reads a description of half a million escaped "<" quickly, never through a snippet', async () => {
    const flood = '&lt;'.repeat(500_000);
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>x</title>
<link>https://example.org/a</link><description>${flood}</description></item></channel></rss>`;
    const started = performance.now();
    const result = await parseFeed(xml);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(result.ok && result.value.entries[0]?.summary?.length).toBe(500_000);
  });
});

describe('parseFeed: large malformed feeds', () => {
  const item = (i: number, body: string): string =>
    `<item><guid>g${i}</guid><title>Story ${i}</title><link>https://example.org/${i}</link>` +
    `<description>${body}</description></item>`;
  const rss = (items: string): string =>
    `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://example.org/</link>${items}</channel></rss>`;

  it('reads a bare "&" as the character meant, outside CDATA only', async () => {
    const result = await parseFeed(rss(item(1, 'AT&T and R&amp;D &#38; &l') + item(2, '<![CDATA[a & b]]>')));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.entries.map((e) => e.summary)).toEqual(['AT&T and R&D & &l', 'a & b']);
  });

  it('reads every entry of a 3 MB feed that only the lenient parser accepts, a run of entries at a time', async () => {
    const body = 'The council met on Tuesday and agreed the budget for the coming year. '.repeat(40);
    // One stray close tag: the strict parser refuses the whole document.
    const items = Array.from({ length: 1000 }, (_, i) => item(i, body) + (i === 500 ? '</b>' : '')).join('');
    const xml = rss(items);
    expect(xml.length).toBeGreaterThan(2_500_000);
    let longestTurnMs = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longestTurnMs = Math.max(longestTurnMs, now - last);
      last = now;
    }, 1);
    const result = await parseFeed(xml);
    clearInterval(timer);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.title).toBe('t');
    expect(result.value.entries.map((e) => e.id)).toEqual(Array.from({ length: 1000 }, (_, i) => `g${i}`));
    // The timer ran between pieces: the parse did not hold the loop for the whole document.
    expect(longestTurnMs).toBeLessThan(2_000);
    expect(longestTurnMs).toBeGreaterThan(0);
  });
});
