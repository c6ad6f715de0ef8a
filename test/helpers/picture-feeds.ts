import type { ServerResponse } from 'node:http';
import type { FeedServer } from './feed-server.js';

const HOUR = 3_600_000;

/** A real (tiny) PNG: its signature, then bytes no check reads. */
export const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 1),
]);
/** Twenty megabytes that begin as a JPEG. */
export const HUGE_BYTES = 20 * 1024 * 1024;

/** An address in 10.0.0.0/8: the guarded fetch refuses it before connecting. */
export const PRIVATE_IMAGE = 'http://10.255.255.1/photo.jpg';

/** Serves the pictures the feeds below name: a good PNG, a 20 MB JPEG, a page naming its own picture. */
export function servePictures(feeds: FeedServer): void {
  feeds.route('/img/ok.png', (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(PNG));
  feeds.route('/img/og.png', (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(PNG));
  feeds.route('/img/huge.jpg', (_req, res) => {
    streamHuge(res, true);
  });
  feeds.route('/img/huge-chunked.jpg', (_req, res) => {
    streamHuge(res, false);
  });
  feeds.route('/img/page.html', (_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>not a picture</body></html>'),
  );
}

/** 20 MB of JPEG, with or without saying its length first; stops when the reader hangs up. */
function streamHuge(res: ServerResponse, declared: boolean): void {
  res.writeHead(200, {
    'content-type': 'image/jpeg',
    ...(declared ? { 'content-length': String(HUGE_BYTES) } : {}),
  });
  res.on('error', () => undefined);
  const chunk = Buffer.alloc(256 * 1024, 0);
  chunk[0] = 0xff;
  chunk[1] = 0xd8;
  chunk[2] = 0xff;
  let sent = 0;
  const more = (): void => {
    while (sent < HUGE_BYTES && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', more);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  more();
}

/**
 * An RSS feed with Media RSS whose four stories name a good picture, a private-address one, a
 * 20 MB one and a `javascript:` one; a fifth names none, but its page names one (`og:image`).
 */
export function pictureFeed(base: string, prefix: string, t0: number): string {
  const items = [
    ['ok', 'Harbour cranes restored after storm', `<media:content url="${base}/img/ok.png" medium="image"/>`],
    [
      'private',
      'Council approves new tram line',
      `<enclosure url="${PRIVATE_IMAGE}" type="image/jpeg" length="1"/>`,
    ],
    ['huge', 'Museum reopens its east wing', `<media:thumbnail url="${base}/img/huge.jpg"/>`],
    [
      'script',
      'Rail strike called off at last minute',
      '<media:content url="javascript:alert(1)" medium="image"/>',
    ],
    ['og', 'Observatory spots a new comet', ''],
  ];
  const body = items
    .map(
      (
        [id = '', title = '', media = ''],
        i,
      ) => `<item><title>${prefix} ${title}</title><guid>${prefix}-${id}</guid>
<link>${base}/article/${prefix}-${id}</link><pubDate>${new Date(t0 - (i + 1) * HOUR).toUTCString()}</pubDate>
<description>${title}, officials said on Monday in a statement about the ${id} story.</description>${media}</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>${prefix} Pictures</title><link>${base}/</link>${body}</channel></rss>`;
}

/** Serves `/<prefix>.xml` and its article pages; the `og` article names `/img/og.png`. */
export function servePictureFeed(feeds: FeedServer, prefix: string, t0: number): string {
  feeds.route(`/${prefix}.xml`, (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(pictureFeed(feeds.base, prefix, t0)),
  );
  feeds.route(`/article/${prefix}-og`, (_req, res) =>
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end(
        `<!doctype html><html><head><meta property="og:image" content="/img/og.png"><title>Comet</title></head><body><p>Short.</p></body></html>`,
      ),
  );
  return `${feeds.base}/${prefix}.xml`;
}
