import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { consoleChat } from '../../src/platforms/console/console-platform.js';
import { createTestApp } from '../helpers/app.js';
import { rssFeed, startFeedServer, type FeedServer } from '../helpers/feed-server.js';

const T0 = Date.UTC(2026, 10, 28, 6, 0);
const MIN = 60_000;

const story = (
  id: string,
  title: string,
  hoursAgo: number,
  body = `${title}, officials said on Friday. The report was published in full.`,
) => ({
  id,
  title,
  body,
  date: new Date(T0 - hoursAgo * 3_600_000),
});

let server: FeedServer;
let okItems = [
  story('a', 'Dam breaks after record rain in northern valley', 3),
  story('b', 'Parliament approves new budget after long debate', 2),
];

beforeAll(async () => {
  server = await startFeedServer();
  server.route('/ok.xml', (req, res) => {
    const body = rssFeed('Valley Post', okItems);
    const etag = `"v${okItems.length}-${okItems[0]?.title.length ?? 0}"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
    res
      .writeHead(200, {
        'content-type': 'application/rss+xml',
        etag,
        'last-modified': new Date(T0).toUTCString(),
      })
      .end(body);
  });
  server.route('/moved.xml', (_req, res) => res.writeHead(301, { location: '/ok.xml' }).end());
  server.route('/page.html', (_req, res) =>
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><html><body><p>Hi</p></body></html>'),
  );
  const page = (links: string) => (_req: unknown, res: import('node:http').ServerResponse) =>
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(`<!doctype html><html><head><title>Valley</title>${links}</head><body><p>News</p></body></html>`);
  server.route(
    '/site/',
    page(
      '<link rel="stylesheet" href="/style.css"><link rel="alternate" type="application/rss+xml" title="Valley Post" href="../ok.xml">' +
        '<link rel="alternate" type="application/rss+xml" title="Comments" href="/comments.xml">',
    ),
  );
  server.route(
    '/broken-site.html',
    page('<link rel="alternate" type="application/atom+xml" href="/missing.xml">'),
  );
  server.route(
    '/private-site.html',
    page('<link rel="alternate" type="application/rss+xml" href="http://10.0.0.1/feed.xml">'),
  );
  server.route(
    '/loop-site.html',
    page('<link rel="alternate" type="application/rss+xml" href="/page.html">'),
  );
  server.route('/flaky.xml', (_req, res, hits) => {
    if (hits === 1)
      return void res
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(rssFeed('Flaky', [story('f1', 'Flaky story', 1)]));
    res.writeHead(500, { 'retry-after': '7200' }).end('down');
  });
  server.route('/slow.xml', (_req, res) => {
    setTimeout(() => res.writeHead(200).end(rssFeed('Slow', [])), 5_000).unref();
  });
});

afterAll(async () => {
  await server.close();
});

describe('polling feeds over HTTP', () => {
  it('previews a feed on subscribe, then polls it with validators and dedups', async () => {
    const { app, clock } = createTestApp(T0);
    const outcome = await app.services.subscribe(consoleChat, `${server.base}/ok.xml`, clock.now());
    expect(outcome.added[0]?.name).toBe('Valley Post');
    expect(outcome.added[0]?.latest).toContain('Parliament approves new budget after long debate');
    // Not due yet: nothing is fetched again.
    await app.pollOnce();
    expect(server.requests.filter((r) => r.path === '/ok.xml')).toHaveLength(1);
    clock.advance(20 * MIN);
    await app.pollOnce();
    const conditional = server.requests.filter((r) => r.path === '/ok.xml').at(-1);
    expect(conditional?.headers['if-none-match']).toMatch(/^"v2-\d+"$/);
    expect(conditional?.headers['if-modified-since']).toBe(new Date(T0).toUTCString());
    expect(conditional?.headers['user-agent']).toMatch(/Gazette/);
    const first = await app.services.digestNow(consoleChat, null, clock.now());
    expect(first.stories).toBe(2);
    // One item is edited and one is new: only the new one is news.
    okItems = [
      story('a', 'Dam breaks after record rain in northern valley, dozens evacuated', 3),
      ...okItems.slice(1),
      story('c', 'Rail strike called off at last minute', 0.5),
    ];
    clock.advance(20 * MIN);
    await app.pollOnce();
    const second = await app.services.digestNow(consoleChat, null, clock.now());
    expect(second.stories).toBe(1);
    const feeds = await app.services.feeds(consoleChat, clock.now());
    expect(feeds.feeds[0]?.health).toBe('ok');
    await app.stop();
  });

  it('follows a permanent redirect and stores the feed at its new address', async () => {
    const { app, clock } = createTestApp(T0);
    await app.services.subscribe(consoleChat, `${server.base}/moved.xml`, clock.now());
    const { feeds } = await app.services.feeds(consoleChat, clock.now());
    expect(feeds.map((f) => f.feed.url)).toEqual([`${server.base}/ok.xml`]);
    await app.stop();
  });

  it('follows the feed a web page advertises, and stores the feed, not the page', async () => {
    const { app, clock } = createTestApp(T0);
    const outcome = await app.services.subscribe(consoleChat, `${server.base}/site/`, clock.now());
    expect(outcome.added[0]?.name).toBe('Valley Post');
    const { feeds } = await app.services.feeds(consoleChat, clock.now());
    expect(feeds.map((f) => f.feed.url)).toEqual([`${server.base}/ok.xml`]);
    // The comments feed the page lists second is never fetched once the first one reads.
    expect(server.requests.some((r) => r.path === '/comments.xml')).toBe(false);
    const again = await app.services.subscribe(consoleChat, `${server.base}/ok.xml`, clock.now());
    expect(again.added).toEqual([]);
    expect(again.already).toHaveLength(1);
    await app.stop();
  });

  it('refuses a page whose advertised feed is missing, private or another page, changing nothing', async () => {
    const { app, clock } = createTestApp(T0);
    const attempt = (path: string) =>
      app.services.subscribe(consoleChat, `${server.base}${path}`, clock.now());
    await expect(attempt('/broken-site.html')).rejects.toThrow(
      'That web page names a feed, but the feed could not be read: the server answered with HTTP status 404.',
    );
    for (const path of ['/private-site.html', '/loop-site.html']) {
      await expect(attempt(path)).rejects.toThrow(/names a feed, but the feed could not be read: \S/);
    }
    expect(server.requests.filter((r) => r.path === '/page.html')).toHaveLength(1);
    expect(await app.store.subscriptions.find(consoleChat)).toBeNull();
    expect(await app.store.feeds.list()).toEqual([]);
    await app.stop();
  });

  it('refuses a page, a 404 and a blocked address on subscribe, changing nothing', async () => {
    const { app, clock } = createTestApp(T0);
    const attempt = (ref: string) => app.services.subscribe(consoleChat, ref, clock.now());
    await expect(attempt(`${server.base}/page.html`)).rejects.toThrow(/web page that names no feed/);
    await expect(attempt(`${server.base}/missing.xml`)).rejects.toThrow(/404/);
    await expect(attempt('http://10.0.0.1/feed.xml')).rejects.toBeInstanceOf(UserError);
    await expect(attempt('not a url at all')).rejects.toThrow(/not a feed address/);
    expect(await app.store.subscriptions.find(consoleChat)).toBeNull();
    expect(await app.store.feeds.list()).toEqual([]);
    await app.stop();
  });

  it('backs off a failing feed as told, disables it after 10 failures and tells subscribers once', async () => {
    const { app, clock, output } = createTestApp(T0);
    await app.platforms.get('console')?.start();
    await app.services.subscribe(consoleChat, `${server.base}/flaky.xml`, clock.now());
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      const feed = (await app.store.feeds.list())[0];
      if (!feed) throw new Error('feed missing');
      clock.set(feed.nextPollAt);
      await app.pollOnce();
      const after = (await app.store.feeds.list())[0];
      if (after) waits.push(after.nextPollAt - clock.now());
    }
    const feed = (await app.store.feeds.list())[0];
    expect(feed?.consecutiveFailures).toBe(10);
    expect(feed?.disabledReason).toMatch(/500/);
    // Retry-After (2 h) is a floor; the exponential backoff grows past it and caps at 24 h (± jitter).
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(7_200_000);
    expect(Math.max(...waits)).toBeLessThanOrEqual(24 * 3_600_000 * 1.2);
    expect(waits.at(-1)).toBeGreaterThan(waits[0] ?? 0);
    expect(output().match(/Stopped polling/g)).toHaveLength(1);
    clock.advance(48 * 3_600_000);
    await app.pollOnce();
    expect(output().match(/Stopped polling/g)).toHaveLength(1);
    expect(server.requests.filter((r) => r.path === '/flaky.xml')).toHaveLength(11);
    await app.stop();
  });

  it('times out a slow feed without delaying the others', async () => {
    const { app, clock } = createTestApp(T0, {});
    const store = app.store;
    const sub = await store.subscriptions.ensure(
      { ...consoleChat, schedule: '0 8 * * *', timezone: 'UTC', nextDigestAt: null },
      clock.now(),
    );
    for (const path of ['/slow.xml', '/ok.xml']) {
      const feed = await store.feeds.upsert({ url: `${server.base}${path}` }, clock.now());
      await store.subscriptions.addFeed(sub.id, feed.id, 0, clock.now());
    }
    const started = performance.now();
    const result = await app.pollOnce();
    expect(performance.now() - started).toBeLessThan(4_000);
    expect(result).toMatchObject({ polled: 2, failed: 1 });
    const slow = (await store.feeds.list()).find((f) => f.url.endsWith('/slow.xml'));
    expect(slow?.lastError).toMatch(/did not answer in full within 2000 ms/);
    await app.stop();
  });
});
