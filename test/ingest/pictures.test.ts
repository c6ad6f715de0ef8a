import { parseFeed as feedsmithParse } from 'feedsmith';
import { describe, expect, it } from 'vitest';
import { pageImage } from '../../src/extract/page-image.js';
import { fromFeedsmith } from '../../src/ingest/from-feedsmith.js';
import { readJsonFeed } from '../../src/ingest/json-feed.js';
import { imageUrlOf, normalizeEntries } from '../../src/ingest/normalize.js';
import { parseFeed } from '../../src/ingest/parse-feed.js';

const FEED_URL = 'https://news.example.net/feed.xml';

const rss = `<?xml version="1.0"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>T</title>
<item><title>Content</title><link>https://news.example.net/1</link><media:thumbnail url="https://img.example.net/t1.jpg"/><media:content url="https://img.example.net/1.jpg" medium="image"/></item>
<item><title>Video first</title><link>https://news.example.net/2</link><media:content url="https://img.example.net/2.mp4" medium="video"/><media:thumbnail url="/thumbs/2.jpg"/></item>
<item><title>Enclosure</title><link>https://news.example.net/3</link><enclosure url="https://img.example.net/3.png" type="image/png" length="10"/></item>
<item><title>Audio enclosure</title><link>https://news.example.net/4</link><enclosure url="https://img.example.net/4.mp3" type="audio/mpeg" length="10"/></item>
<item><title>Group</title><link>https://news.example.net/5</link><media:group><media:content url="https://img.example.net/5.jpg" type="image/jpeg"/></media:group></item>
<item><title>Hostile</title><link>https://news.example.net/6</link><media:content url="javascript:alert(1)" medium="image"/></item>
<item><title>Data</title><link>https://news.example.net/7</link><media:thumbnail url="data:image/png;base64,AAAA"/></item>
</channel></rss>`;

const expected = [
  'https://img.example.net/1.jpg',
  'https://news.example.net/thumbs/2.jpg',
  'https://img.example.net/3.png',
  null,
  'https://img.example.net/5.jpg',
  null,
  null,
];

describe('an item’s picture', () => {
  it('comes from media:content, media:thumbnail or an image enclosure, through either parser', async () => {
    const parsed = await parseFeed(rss);
    if (!parsed.ok) throw parsed.error;
    const items = normalizeEntries(parsed.value, { feedUrl: FEED_URL, now: 0 });
    expect(items.map((i) => i.imageUrl)).toEqual(expected);
    const viaFeedsmith = fromFeedsmith(feedsmithParse(rss));
    if (viaFeedsmith === null) throw new Error('feedsmith read nothing');
    expect(normalizeEntries(viaFeedsmith, { feedUrl: FEED_URL, now: 0 }).map((i) => i.imageUrl)).toEqual(
      expected,
    );
  });

  it('comes from an Atom enclosure link or media thumbnail', async () => {
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"><title>A</title>
<entry><id>a1</id><title>One</title><link href="https://news.example.net/a1"/><link rel="enclosure" type="image/png" href="https://img.example.net/a1.png"/></entry>
<entry><id>a2</id><title>Two</title><link href="https://news.example.net/a2"/><media:thumbnail url="https://img.example.net/a2.jpg"/></entry></feed>`;
    const parsed = await parseFeed(atom);
    if (!parsed.ok) throw parsed.error;
    const fromParser = normalizeEntries(parsed.value, { feedUrl: FEED_URL, now: 0 }).map((i) => i.imageUrl);
    expect(fromParser[1]).toBe('https://img.example.net/a2.jpg');
    const viaFeedsmith = fromFeedsmith(feedsmithParse(atom));
    if (viaFeedsmith === null) throw new Error('feedsmith read nothing');
    expect(normalizeEntries(viaFeedsmith, { feedUrl: FEED_URL, now: 0 }).map((i) => i.imageUrl)).toEqual([
      'https://img.example.net/a1.png',
      'https://img.example.net/a2.jpg',
    ]);
  });

  it('comes from JSON Feed image, banner_image or an image attachment', () => {
    const feed = readJsonFeed({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'J',
      items: [
        { id: '1', url: 'https://news.example.net/j1', title: 'A', image: 'https://img.example.net/j1.jpg' },
        { id: '2', url: 'https://news.example.net/j2', title: 'B', banner_image: '/j2.jpg' },
        {
          id: '3',
          url: 'https://news.example.net/j3',
          title: 'C',
          attachments: [{ url: 'https://img.example.net/j3.webp', mime_type: 'image/webp' }],
        },
        { id: '4', url: 'https://news.example.net/j4', title: 'D', image: { nested: 'object' } },
      ],
    });
    if (feed === null) throw new Error('not read');
    expect(normalizeEntries(feed, { feedUrl: FEED_URL, now: 0 }).map((i) => i.imageUrl)).toEqual([
      'https://img.example.net/j1.jpg',
      'https://news.example.net/j2.jpg',
      'https://img.example.net/j3.webp',
      null,
    ]);
  });

  it('is only ever an absolute http(s) address without credentials, of a sane length', () => {
    expect(imageUrlOf('ftp://img.example.net/a.jpg', FEED_URL)).toBeNull();
    expect(imageUrlOf('https://user:pw@img.example.net/a.jpg', FEED_URL)).toBeNull();
    expect(imageUrlOf(`https://img.example.net/${'a'.repeat(3000)}.jpg`, FEED_URL)).toBeNull();
    expect(imageUrlOf('  //img.example.net/a.jpg ', FEED_URL)).toBe('https://img.example.net/a.jpg');
  });

  it('comes from a page’s og:image, else twitter:image, read in linear time', () => {
    expect(pageImage('<head><meta property="og:image" content="/a.jpg?x=1&amp;y=2"></head>')).toBe(
      '/a.jpg?x=1&y=2',
    );
    expect(pageImage("<meta name='twitter:image' content='https://t.example/b.png'>")).toBe(
      'https://t.example/b.png',
    );
    expect(pageImage('<meta name="description" content="no picture">')).toBeNull();
    const hostile = `<meta ${'a'.repeat(150_000)}`;
    const started = performance.now();
    expect(pageImage(hostile)).toBeNull();
    expect(pageImage('<meta '.repeat(40_000))).toBeNull();
    expect(pageImage(`<meta ${'a-'.repeat(1_500)}=`.repeat(60) + '>')).toBeNull();
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
