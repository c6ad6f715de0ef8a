import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { charsetOf, decodeBody } from '../../src/ingest/decode.js';
import { readFeedBytes } from '../../src/ingest/read-feed.js';
import { corpusDir } from './fixtures.js';

const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');
const utf16be = (text: string): Buffer => Buffer.from(text, 'utf16le').swap16();

describe('decodeBody', () => {
  it('decodes by BOM first, whatever the header or declaration say', () => {
    const body = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('<?xml version="1.0" encoding="iso-8859-1"?><t>é</t>'),
    ]);
    expect(decodeBody(body, 'text/xml; charset=windows-1252')).toBe(
      '<?xml version="1.0" encoding="iso-8859-1"?><t>é</t>',
    );
    expect(
      decodeBody(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<t>é</t>', 'utf16le')]), null),
    ).toBe('<t>é</t>');
    expect(decodeBody(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be('<t>é</t>')]), null)).toBe(
      '<t>é</t>',
    );
  });

  it('uses the HTTP charset before the XML declaration', () => {
    const body = latin1('<?xml version="1.0" encoding="utf-8"?><t>café</t>');
    expect(decodeBody(body, 'application/rss+xml; charset="ISO-8859-1"')).toContain('café');
  });

  it('maps windows-1252 bytes 0x80–0x9F as the Encoding Standard says, for latin1 labels too', () => {
    const body = Buffer.from([0x80, 0x20, 0x93, 0x71, 0x94, 0x20, 0x9f]);
    expect(decodeBody(body, 'text/xml; charset=windows-1252')).toBe('€ “q” Ÿ');
    expect(decodeBody(body, 'text/xml; charset=iso-8859-1')).toBe('€ “q” Ÿ');
  });

  it('uses the XML declaration when the header has no charset', () => {
    const koi8 = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="koi8-r"?><t>'),
      Buffer.from([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]),
      Buffer.from('</t>'),
    ]);
    expect(decodeBody(koi8, 'text/xml')).toBe('<?xml version="1.0" encoding="koi8-r"?><t>Привет</t>');
    const sjis = Buffer.concat([
      Buffer.from("<?xml version='1.0' encoding='Shift_JIS'?><t>"),
      Buffer.from([0x93, 0xfa, 0x96, 0x7b]),
      Buffer.from('</t>'),
    ]);
    expect(decodeBody(sjis, null)).toContain('<t>日本</t>');
  });

  it('reads an HTML meta charset', () => {
    expect(
      decodeBody(
        latin1('<html><head><meta charset="windows-1252"><title>\x93quoted\x94</title>'),
        'text/html',
      ),
    ).toContain('“quoted”');
  });

  it('falls back to UTF-8, also for an unknown label', () => {
    expect(decodeBody(Buffer.from('<t>naïve</t>'), null)).toBe('<t>naïve</t>');
    expect(decodeBody(Buffer.from('<t>naïve</t>'), 'text/xml; charset=x-bogus')).toBe('<t>naïve</t>');
    expect(decodeBody(Buffer.from('<?xml version="1.0" encoding="bogus"?><t>naïve</t>'), null)).toContain(
      'naïve',
    );
  });

  it('guesses the encoding of an undeclared body that is mostly not UTF-8, and leaves UTF-8 with a stray byte alone', () => {
    const portuguese =
      '<rss><title>Últimas Notícias</title><d>O índice Dow Jones fechou em alta no pregão de hoje, informou a bolsa.</d></rss>';
    expect(decodeBody(latin1(portuguese), null)).toBe(portuguese);
    const strayByte = Buffer.concat([
      Buffer.from('<t>naïve café, déjà vu '),
      Buffer.from([0xff]),
      Buffer.from('</t>'),
    ]);
    expect(decodeBody(strayByte, null)).toBe('<t>naïve café, déjà vu \ufffd</t>');
    // A declared charset is trusted: the guess is only for bodies that name none.
    expect(decodeBody(latin1('<?xml version="1.0" encoding="utf-8"?><t>preg\u00e3o</t>'), null)).toContain(
      'preg\ufffdo',
    );
  });

  it('reads UTF-16 and UTF-32 without a BOM from the first character', () => {
    expect(decodeBody(Buffer.from('<?xml version="1.0"?><t>é</t>', 'utf16le'), null)).toBe(
      '<?xml version="1.0"?><t>é</t>',
    );
    expect(decodeBody(utf16be('<?xml version="1.0"?><t>é</t>'), null)).toBe('<?xml version="1.0"?><t>é</t>');
    const utf32be = Buffer.alloc(12);
    [0x3c, 0x61, 0x3e].forEach((code, i) => utf32be.writeUInt32BE(code, i * 4));
    expect(decodeBody(utf32be, null)).toBe('<a>');
  });

  it('ignores a UTF-16 declaration on bytes that are plainly ASCII', () => {
    expect(decodeBody(Buffer.from('<?xml version="1.0" encoding="utf-16"?><t>x</t>'), null)).toBe(
      '<?xml version="1.0" encoding="utf-16"?><t>x</t>',
    );
  });

  it('inflates a gzip body served without Content-Encoding, and leaves fake gzip alone', () => {
    expect(decodeBody(gzipSync(Buffer.from('<rss version="2.0"/>')), 'application/xml')).toBe(
      '<rss version="2.0"/>',
    );
    const fake = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08]), Buffer.alloc(40, 0x41)]);
    expect(() => decodeBody(fake, null)).not.toThrow();
  });

  it('reads the opening 8 MiB of a gzip body that inflates to more, as it cuts a plain one', () => {
    const page = `<html><body><p>The opening paragraph.</p>${' '.repeat(10 * 1024 * 1024)}</body></html>`;
    const started = performance.now();
    const text = decodeBody(gzipSync(Buffer.from(page)), 'text/html');
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(text.startsWith('<html><body><p>The opening paragraph.</p>')).toBe(true);
    // As far as whole compressed bytes reach: within a few hundred characters of the limit.
    expect(text.length).toBeGreaterThan(8 * 1024 * 1024 - 64 * 1024);
    expect(text.length).toBeLessThanOrEqual(8 * 1024 * 1024);
  });

  it('reads a body that opens as ASCII markup as such, whatever wide encoding its header names', () => {
    const rss = '<?xml version="1.0"?><rss version="2.0"><channel><title>Café</title></channel></rss>';
    expect(decodeBody(Buffer.from(rss), 'application/rss+xml; charset=utf-16')).toBe(rss);
    const wide = Buffer.from(`\ufeff${rss}`, 'utf16le');
    expect(decodeBody(wide, 'application/rss+xml; charset=utf-16')).toBe(rss);
  });

  it('parses the charset parameter of a Content-Type', () => {
    expect(charsetOf('text/xml; charset=UTF-8')).toBe('UTF-8');
    expect(charsetOf('text/xml;charset= "us-ascii"')).toBe('us-ascii');
    expect(charsetOf('text/xml; format=flowed')).toBeNull();
    expect(charsetOf(null)).toBeNull();
  });
});

const corpusFeeds = path.join(corpusDir, 'feeds');
const corpusAvailable = existsSync(corpusFeeds);
if (!corpusAvailable && process.env.CI) throw new Error('corpus missing: ../shared/corpus is required in CI');
if (!corpusAvailable)
  console.log(`decode: corpus not found at ${corpusFeeds}; real non-UTF-8 feeds not checked`);

describe.skipIf(!corpusAvailable)('decodeBody on real non-UTF-8 feeds from the corpus', () => {
  const read = async (file: string) => {
    const result = await readFeedBytes(
      readFileSync(path.join(corpusFeeds, file)),
      null,
      'https://example.org/feed',
      Date.UTC(2026, 0, 1),
    );
    if (!result.ok) throw new Error(result.error.reason);
    return result.value;
  };

  it('gb2312 (declared in the XML)', async () => {
    const feed = await read('rsparser/Tests/RSParserTests/Resources/kc0011.rss');
    expect(feed.title).toBe('投资资讯网交易在线--流通纪念币最新20篇论坛主题-全文');
    expect(feed.items[0]?.title).toBe('建国35周年纪念，华表，和平鸽');
  });

  it('windows-1251 (declared in the XML)', async () => {
    const feed = await read('node-feedparser/test/feeds/iconv.xml');
    expect(feed.title).toBe('Новости Оренбурга и области / Раздел Новости');
  });

  it('a gzipped feed served as a plain file (windows-1251 inside), and gzipped pages that are not feeds', async () => {
    const feed = await read('node-feedparser/test/feeds/compressed.xml');
    expect(feed.title).toBe('Новости Оренбурга и области / Раздел Новости');
    expect(feed.items.length).toBeGreaterThan(0);
    const pagesDir = path.join(corpusDir, 'extraction/html');
    const pages = readdirSync(pagesDir)
      .filter((f) => f.endsWith('.gz'))
      .slice(0, 10);
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) {
      const bytes = readFileSync(path.join(pagesDir, page));
      expect(decodeBody(bytes, null), page).toMatch(/<html|<!doctype/i);
      const result = await readFeedBytes(bytes, null, 'https://example.org/page', Date.UTC(2026, 0, 1));
      expect(result.ok ? 'items' : result.error.reason, page).toBe('not_a_feed');
    }
  });

  it('undeclared Latin-1, KOI8-R and Shift_JIS, guessed from their bytes', async () => {
    const uol = await read('rss-parser/test/input/uolNoticias.rss');
    expect(uol.title).toBe('UOL Noticias');
    const told = uol.items.map((i) => `${i.title ?? ''} ${i.text}`).join(' ');
    expect(told).not.toContain('\ufffd');
    expect(told).toMatch(/[ãçéíóú]/u);
    const text = (file: string): string =>
      decodeBody(readFileSync(path.join(corpusFeeds, 'feedparser/tests/illformed/chardet', file)), null);
    expect(text('koi8r.xml')).toContain('Как пережить новогоднюю ночь');
    expect(text('shiftjis.xml')).toContain('DrecomRSSに記事投稿が反映されない');
  });

  it('euc-kr, UTF-16 and UTF-32 with and without BOM', async () => {
    expect((await read('feedparser/tests/encoding/euc-kr.xml')).title).toBe('\ub144');
    for (const file of [
      'utf-16le-bom.xml',
      'utf-16be.xml',
      'utf-16le-autodetect.xml',
      'utf-32le-bom.xml',
      'utf-32be-autodetect.xml',
    ]) {
      const text = decodeBody(readFileSync(path.join(corpusFeeds, 'feedparser/tests/encoding', file)), null);
      expect(text, file).toMatch(/^<\?xml version="1.0" encoding="utf[-_]?(16|32)(be|le)?"\?>/);
    }
  });
});
