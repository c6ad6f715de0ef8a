import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/ingest/parse-feed.js';
import { normalizeEntries } from '../../src/ingest/normalize.js';
import { rawMarkupAsHtml, xhtmlAsHtml } from '../../src/ingest/xhtml-text.js';

const atom = (entry: string): string =>
  `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><id>e1</id>${entry}</entry></feed>`;

async function textsOf(xml: string): Promise<{ title: string | null; text: string }[]> {
  const parsed = await parseFeed(xml);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return normalizeEntries(parsed.value, { feedUrl: 'https://feed.example/', now: 0 }).map((item) => ({
    title: item.title,
    text: item.text,
  }));
}

describe('Atom xhtml text constructs', () => {
  it('become escaped HTML, attributes and surrounding markup kept', () => {
    const xml = atom(
      '<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">A &amp; <b>B</b></div></title>',
    );
    expect(xhtmlAsHtml(xml)).toBe(
      atom(
        '<title type="html">&lt;div xmlns="http://www.w3.org/1999/xhtml"&gt;A &amp;amp; &lt;b&gt;B&lt;/b&gt;&lt;/div&gt;</title>',
      ),
    );
  });

  it('read in document order, with prefixed XHTML elements as HTML', async () => {
    const xml = atom(
      "<content type='xhtml'><x:div xmlns:x='http://www.w3.org/1999/xhtml'><x:p>First <x:em>one</x:em>.</x:p>" +
        '<x:p>Second.</x:p></x:div></content><summary type="xhtml"/>',
    );
    expect(await textsOf(xml)).toEqual([{ title: null, text: 'First one.\n\nSecond.' }]);
  });

  it('keep escaped markup as the literal text it is', async () => {
    expect(
      await textsOf(atom('<content type="xhtml"><code>&lt;p&gt;foo&lt;/p&gt;</code></content>')),
    ).toEqual([{ title: null, text: '<p>foo</p>' }]);
  });

  it('without a closing tag are read again once a repair has cut the feed to whole entries', async () => {
    const truncated =
      '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>' +
      '<entry><id>e1</id><content type="xhtml"><div><p>Whole <b>one</b>.</p><p>Two.</p></div></content></entry>' +
      '<entry><id>e2</id><content type="xhtml"><div>Cut <b>off';
    expect(xhtmlAsHtml(truncated)).toBeNull();
    expect(await textsOf(truncated)).toEqual([{ title: null, text: 'Whole one.\n\nTwo.' }]);
  });

  it('stay linear on hostile input', () => {
    const started = performance.now();
    xhtmlAsHtml(atom(`<content type="xhtml">${'<content type="xhtml">'.repeat(50_000)}</content>`));
    xhtmlAsHtml(atom('<content type="xhtml">'.repeat(50_000)));
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('HTML written as raw elements inside a description', () => {
  const rss = (description: string): string =>
    `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><guid>g1</guid><title>Driving for Uber</title>${description}</item></channel></rss>`;

  it('is read in document order', async () => {
    const description =
      '<description><table><tr><td>submitted by<a href="https://www.reddit.com/user/eskimio">eskimio</a>to' +
      '<a href="https://www.reddit.com/r/pics/">pics</a><br/><a href="http://i.imgur.com/q.jpg">[link]</a>' +
      '<a href="https://www.reddit.com/r/pics/comments/42bic6/">[533 comments]</a></td></tr></table></description>';
    expect(await textsOf(rss(description))).toEqual([
      { title: 'Driving for Uber', text: 'submitted byeskimiotopics\n[link][533 comments]' },
    ]);
    expect(await textsOf(rss('<content:encoded>First <b>bold</b> then plain.</content:encoded>'))).toEqual([
      { title: 'Driving for Uber', text: 'First bold then plain.' },
    ]);
  });

  it('is left as written when it is escaped, in CDATA or empty', () => {
    for (const description of [
      '<description>&lt;p&gt;Escaped&lt;/p&gt;</description>',
      '<description><![CDATA[<p>In <b>CDATA</b></p>]]></description>',
      '<description/>',
      '<description>Plain &amp; simple</description>',
    ])
      expect(rawMarkupAsHtml(rss(description))).toBe(rss(description));
  });

  it('stays linear on hostile input', () => {
    const started = performance.now();
    rawMarkupAsHtml(rss(`<description><![CDATA[${'<description>'.repeat(50_000)}]]></description>`));
    rawMarkupAsHtml(rss('<description><b>'.repeat(50_000)));
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
