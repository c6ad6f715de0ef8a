import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createFetcher } from '../../src/ingest/fetch.js';
import { readFeed, readFeedBytes } from '../../src/ingest/read-feed.js';
import { fixtureBytes } from './fixtures.js';
import { startServer, type LocalServer } from './local-server.js';

const NOW = Date.UTC(2024, 5, 4, 12);
const fetcher = createFetcher({
  userAgent: 'Gazette-test/1.0',
  connectTimeoutMs: 1_000,
  timeoutMs: 3_000,
  maxBytes: 1024 * 1024,
  maxRedirects: 5,
  allowPrivateNetworks: 'loopback',
});

let server: LocalServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('readFeed', () => {
  it('reads a feed, then gets 304 with the validators it returned, then follows a permanent move', async () => {
    const feed = fixtureBytes('rss2-harbour-times.xml');
    const local = await startServer((req, res) => {
      if (req.url === '/old') {
        res.writeHead(301, { location: '/feed.xml' }).end();
      } else if (req.headers['if-none-match'] === '"abc"') {
        res.writeHead(304).end();
      } else {
        res.writeHead(200, {
          'content-type': 'application/rss+xml',
          'content-encoding': 'gzip',
          etag: '"abc"',
          'last-modified': 'Tue, 04 Jun 2024 10:00:00 GMT',
        });
        res.end(gzipSync(feed));
      }
    });
    server = local;
    const first = await readFeed(
      fetcher,
      { url: `${local.origin}/feed.xml`, etag: null, lastModified: null },
      NOW,
    );
    if (!first.ok || first.value.notModified) throw new Error('expected a fresh read');
    expect(first.value).toMatchObject({
      url: `${local.origin}/feed.xml`,
      permanentUrl: null,
      title: 'Harbour Times & Gazette',
      siteUrl: 'https://harbour-times.example/',
      etag: '"abc"',
      lastModified: 'Tue, 04 Jun 2024 10:00:00 GMT',
    });
    expect(first.value.items.map((i) => i.key)).toContain('ht-2024-0042');
    // Relative links resolve against the URL the feed was fetched from.
    expect(first.value.items[1]?.url).toBe(`${local.origin}/news/storm?page=2`);

    const second = await readFeed(
      fetcher,
      { url: `${local.origin}/feed.xml`, etag: first.value.etag, lastModified: first.value.lastModified },
      NOW,
    );
    // A 304 still tells how long the server says its answer stays fresh (none here).
    expect(second).toEqual({
      ok: true,
      value: {
        notModified: true,
        url: `${local.origin}/feed.xml`,
        cadence: { declaredMs: null, httpMaxAgeMs: null },
      },
    });

    const moved = await readFeed(
      fetcher,
      { url: `${local.origin}/old`, etag: null, lastModified: null },
      NOW,
    );
    expect(moved.ok && !moved.value.notModified && moved.value.permanentUrl).toBe(`${local.origin}/feed.xml`);
  });

  it('passes fetch and parse failures through as named reasons', async () => {
    const local = await startServer((req, res) => {
      if (req.url === '/page')
        res.writeHead(200, { 'content-type': 'text/html' }).end(fixtureBytes('web-page.html'));
      else res.writeHead(404).end();
    });
    server = local;
    const page = await readFeed(
      fetcher,
      { url: `${local.origin}/page`, etag: null, lastModified: null },
      NOW,
    );
    expect(page.ok ? null : [page.error.reason, page.error.message]).toEqual([
      'not_a_feed',
      'That address returned a web page, not a feed.',
    ]);
    const missing = await readFeed(
      fetcher,
      { url: `${local.origin}/gone`, etag: null, lastModified: null },
      NOW,
    );
    expect(missing.ok ? null : missing.error.reason).toBe('http_status');
  });
});

describe('readFeedBytes', () => {
  it('decodes, parses and normalises without the network', async () => {
    const result = await readFeedBytes(
      fixtureBytes('jsonfeed-1.1.json'),
      'application/feed+json',
      'https://field-notes.example/feed.json',
      NOW,
    );
    if (!result.ok) throw new Error(result.error.reason);
    expect(result.value.title).toBe('Field Notes');
    expect(result.value.items[0]).toMatchObject({
      key: 'https://field-notes.example/a',
      author: 'Ines Berg',
      publishedAt: Date.UTC(2024, 4, 30, 10),
      categories: ['Nature', 'Birds'],
    });
  });

  it('resolves a relative site URL against the feed URL', async () => {
    const body = Buffer.from(
      '<rss version="2.0"><channel><title>x</title><link>/home</link><item><title>a</title></item></channel></rss>',
    );
    const result = await readFeedBytes(body, null, 'https://site.example/feeds/main.xml', NOW);
    expect(result.ok && result.value.siteUrl).toBe('https://site.example/home');
  });
});
