import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/ingest/parse-feed.js';
import { normalizeEntries } from '../../src/ingest/normalize.js';
import { xhtmlAsHtml } from '../../src/ingest/xhtml-text.js';

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
