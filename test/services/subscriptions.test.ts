import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleChat } from '../../src/platforms/console/console-platform.js';
import { chatMinute, defaultScheduleFor } from '../../src/schedule/chat-minute.js';
import { testConfig } from '../helpers/config.js';
import { createTestApp, typeLine, type TestApp } from '../helpers/app.js';
import { rssFeed, startFeedServer, type FeedServer } from '../helpers/feed-server.js';

const T0 = Date.UTC(2026, 10, 28, 6, 0);
let server: FeedServer;
let harness: TestApp;
const type = (line: string): Promise<string> => typeLine(harness, line);

const feed = (title: string): string =>
  rssFeed(title, [
    {
      id: `${title}-1`,
      title: `${title} opens a lab`,
      body: 'It opened on Monday, officials said.',
      date: new Date(T0 - 3_600_000),
    },
  ]);

beforeAll(async () => {
  server = await startFeedServer();
  for (const name of ['alpha', 'gamma', 'x', 'y', 'z'])
    server.route(`/${name}.xml`, (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed(name)),
    );
  server.route('/beta.xml', (_req, res) => res.writeHead(503).end());
  const base = testConfig();
  const entry = (id: string, topics: string[]) => ({
    id,
    name: `${id} news`,
    url: `${server.base}/${id}.xml`,
    topics,
    language: 'en',
    extract: false,
  });
  harness = createTestApp(T0, {
    catalog: [entry('alpha', ['technology']), entry('beta', ['technology']), entry('gamma', ['science'])],
    console: { feeds: [] },
    limits: { ...base.limits, feedsPerChat: 4 },
  });
  await harness.app.platforms.get('console')?.start();
});

afterAll(async () => {
  await harness.app.stop();
  await server.close();
});

describe('subscriptions by topic, catalog id and URL', () => {
  it('previews catalog feeds, says which could not be read, and unsubscribes a topic only from what it added', async () => {
    expect(await type('/subscribe alpha')).toContain('Latest: • alpha opens a lab');
    const topic = await type('/subscribe technology');
    expect(topic).toContain('Now following beta news');
    expect(topic).toContain(
      '⚠️ Not readable just now: The server answered with HTTP status 503. Gazette keeps trying.',
    );
    expect(topic).toContain('Already followed: alpha news.');
    expect(await type('/feeds')).toMatch(/beta news \(127\.0\.0\.1\) \[beta\] — ⚠️ failing 1×/);

    const removed = await type('/unsubscribe technology');
    expect(removed).toContain('No longer following beta news.');
    expect(removed).toContain('Still following alpha news, which this chat followed on its own.');
    expect(await type('/unsubscribe technology')).toContain(
      'This chat follows no feed through the topic Technology; it follows alpha news on its own. /unsubscribe alpha removes one',
    );
    expect(await type('/feeds')).toContain('alpha news');
    // A key pressed after its feed went names it by id; the answer does not show the id.
    expect(await type('/unsubscribe feed-id:9999')).toContain('This chat no longer follows that feed.');
    expect(await type('/pause feed-id:9999')).toContain('This chat no longer follows that feed.');
  });

  it('holds every path to the chat limit and names the setting', async () => {
    await type('/subscribe science');
    await type(`/subscribe ${server.base}/x.xml`);
    await type(`/subscribe ${server.base}/y.xml`);
    expect(await type('/feeds')).toMatch(/^4 feeds/);
    expect(await type('/subscribe technology')).toContain(
      'A chat can follow at most 4 feeds (limits.feedsPerChat); this one follows 4, and this would add 1.',
    );
    expect(await type(`/subscribe ${server.base}/y.xml#latest`)).toContain('Already followed');
    const dir = mkdtempSync(path.join(tmpdir(), 'gazette-limit-'));
    const file = path.join(dir, 'more.opml');
    writeFileSync(
      file,
      // Y is listed three times, once with a fragment: one feed, counted once.
      `<opml version="2.0"><body><outline text="Y" xmlUrl="${server.base}/y.xml"/><outline text="Y again" xmlUrl="${server.base}/y.xml#top"/><outline text="Z" xmlUrl="${server.base}/z.xml"/><outline text="Y" xmlUrl="${server.base}/y.xml"/></body></opml>`,
    );
    const imported = await type(`/import ${file}`);
    expect(imported).toContain('Imported 0 feeds');
    expect(imported).toContain('Already followed: 1.');
    expect(imported).toContain(
      'Left out 1 (Z): this chat may follow 4 feeds (limits.feedsPerChat) and now follows 4.',
    );
  });
});

describe('a new chat’s default schedule', () => {
  it('keeps the configured hours at a minute derived from the chat id', async () => {
    const subscription = await harness.app.store.subscriptions.find(consoleChat);
    const configured = harness.app.config.schedule.default;
    expect(subscription?.schedule).toBe(defaultScheduleFor(configured, consoleChat));
    expect(subscription?.schedule.split(' ')[0]).toBe(String(chatMinute(consoleChat)));
    expect(new Date(subscription?.nextDigestAt ?? 0).getUTCMinutes()).toBe(chatMinute(consoleChat));
  });
});

describe('an import of feeds whose sites never answer', () => {
  let slow: FeedServer;
  let importing: TestApp;

  beforeAll(async () => {
    slow = await startFeedServer();
    // Each of these holds the request open and never answers.
    for (const name of ['s1', 's2', 's3']) slow.route(`/${name}.xml`, () => undefined);
    slow.route('/down.xml', (_req, res) => res.writeHead(503).end());
    for (const section of ['world', 'sport'])
      slow.route(`/bbc-${section}.xml`, (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed('BBC News')),
      );
    slow.route('/site.html', (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<html><head><link rel="alternate" type="application/rss+xml" href="/down.xml"></head></html>'),
    );
    const base = testConfig();
    importing = createTestApp(T0, {
      console: { feeds: [] },
      limits: { ...base.limits, importSeconds: 1 },
    });
    await importing.app.platforms.get('console')?.start();
  });

  afterAll(async () => {
    await importing.app.stop();
    await slow.close();
  });

  it('follows what it could not read within limits.importSeconds and leaves it to polling', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gazette-slow-'));
    const file = path.join(dir, 'slow.opml');
    writeFileSync(
      file,
      `<opml version="2.0"><body>${['s1', 's2', 's3']
        .map((name) => `<outline text="${name}" xmlUrl="${slow.base}/${name}.xml"/>`)
        .join('')}</body></opml>`,
    );
    const started = Date.now();
    const imported = await typeLine(importing, `/import ${file}`);
    // Well under the 20 s each fetch may take: the import's own second ran out first.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(imported).toContain('Imported 3 feeds');
    expect(imported).toContain('Followed but not reachable just now, retried by polling: s1, s2, s3.');
    const feeds = await typeLine(importing, '/feeds');
    expect(feeds).toMatch(/^3 feeds/);
    expect(feeds).toContain("Not read within the import's 1 s; the next poll reads it.");
  });

  it('refuses a name two followed feeds share, and names the addresses that tell them apart', async () => {
    for (const section of ['world', 'sport'])
      expect(await typeLine(importing, `/subscribe ${slow.base}/bbc-${section}.xml`)).toContain(
        'Now following BBC News',
      );
    for (const [command, typed] of [
      ['/unsubscribe BBC News', 'BBC News'],
      ['/pause bbc news', 'bbc news'],
      ['/rename "BBC News" Beeb', 'BBC News'],
    ])
      expect(await typeLine(importing, command ?? '')).toContain(
        `"${typed ?? ''}" names 2 feeds this chat follows: ${slow.base}/bbc-world.xml, ${slow.base}/bbc-sport.xml. Give the id or address of the one you mean.`,
      );
    // The same address with a tracking parameter is the same feed.
    expect(await typeLine(importing, `/subscribe ${slow.base}/bbc-sport.xml?utm_source=rss#top`)).toContain(
      'Already followed',
    );
    expect(await typeLine(importing, `/unsubscribe ${slow.base}/bbc-sport.xml`)).toContain(
      'No longer following BBC News',
    );
    expect(await typeLine(importing, '/pause BBC News')).toContain('Paused BBC News');
  });

  it('follows a site whose page names a feed that is away now, as it follows the feed itself', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gazette-site-'));
    const file = path.join(dir, 'site.opml');
    writeFileSync(
      file,
      `<opml version="2.0"><body><outline text="Site" xmlUrl="${slow.base}/site.html"/></body></opml>`,
    );
    const imported = await typeLine(importing, `/import ${file}`);
    expect(imported).toContain('Imported 1 feed');
    expect(imported).toContain('Followed but not reachable just now, retried by polling: Site.');
  });
});
