import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleChat } from '../../src/platforms/console/console-platform.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { rssFeed, startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { dropSchema, freshSchema, openTestStore, postgresAvailable } from '../helpers/postgres.js';

const available = await postgresAvailable('Gazette on PostgreSQL');
const T0 = Date.UTC(2026, 10, 28, 6, 0);
const HOUR = 3_600_000;

const headlines = [
  'Dam breaks after record rain in northern valley',
  'Parliament approves new budget after long debate',
  'Rail strike called off at last minute',
  'Harbour crane collapses in overnight storm',
];

let server: FeedServer;

beforeAll(async () => {
  server = await startFeedServer();
  const items = (from: number, to: number) =>
    headlines.slice(from, to).map((title, i) => ({
      id: `${from + i}`,
      title,
      body: `${title}, officials said on Friday. The report was published in full.`,
      date: new Date(T0 - (i + 1) * HOUR),
    }));
  server.route('/valley.xml', (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Valley Post', items(0, 2))),
  );
  server.route('/coast.xml', (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Coast Times', items(2, 4))),
  );
});

afterAll(async () => {
  await server.close();
});

describe.skipIf(!available)('two Gazette processes sharing one PostgreSQL database', () => {
  it('split polling, condense once and send one digest once', async () => {
    const schema = freshSchema();
    const apps: TestApp[] = [0, 1].map(() => createTestApp(T0, {}, openTestStore(schema).store));
    const [one, two] = apps;
    if (!one || !two) throw new Error('apps missing');
    try {
      await one.app.services.subscribe(consoleChat, `${server.base}/valley.xml`, T0);
      await one.app.services.subscribe(consoleChat, `${server.base}/coast.xml`, T0);
      // Subscribing condenses the new feeds' items at once; both processes then try again.
      const settled = await Promise.all(apps.map(({ app }) => app.condensePending()));
      const fetchedOnSubscribe = server.requests.length;
      for (const { clock } of apps) clock.set(T0 + HOUR);

      const cycles = await Promise.all(apps.map(({ app }) => app.pollOnce()));
      // Each due feed was fetched by exactly one of the two.
      expect(cycles.reduce((n, c) => n + c.polled, 0)).toBe(2);
      expect(server.requests.length - fetchedOnSubscribe).toBe(2);
      // The lease stays with one process, and no item is condensed twice: all four once, by it.
      const again = await Promise.all(apps.map(({ app }) => app.pollOnce()));
      const condensed = [...settled, ...cycles.map((c) => c.condensed), ...again.map((c) => c.condensed)];
      expect(condensed.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(4);
      expect(await one.app.store.items.recentCondensed(0)).toHaveLength(4);
      expect(await one.app.store.items.needingCondense(10)).toEqual([]);
      const queued = await two.app.services.digestNow(consoleChat, null, T0 + HOUR);
      expect(queued.stories).toBe(4);
      await Promise.all(apps.map(({ app }) => app.deliverDue()));
      const printed = apps.map(({ output }) => output()).join('\n');
      expect(printed.match(/digest · /g)).toHaveLength(1);
      headlines.forEach((headline, i) => {
        expect(printed.split(`<https://example.org/${i}>`).length - 1, headline).toBe(1);
      });
      // Exactly one process held the console's delivery lease and printed the digest.
      expect(apps.filter(({ output }) => output().includes(headlines[0] ?? '')).length).toBe(1);
    } finally {
      for (const { app } of apps) await app.stop();
      await dropSchema(schema);
    }
  });

  it('hands the jobs of a stopped process to the one still running', async () => {
    const schema = freshSchema();
    const first = createTestApp(T0, {}, openTestStore(schema).store);
    const second = createTestApp(T0, {}, openTestStore(schema).store);
    try {
      await first.app.services.subscribe(consoleChat, `${server.base}/valley.xml`, T0);
      await first.app.condensePending();
      expect(await first.app.store.items.recentCondensed(0)).toHaveLength(2);
      // Stopping releases the leases: the second takes over without waiting for them to run out.
      await first.app.stop();
      await second.app.services.subscribe(consoleChat, `${server.base}/coast.xml`, T0 + HOUR);
      await second.app.condensePending();
      expect(await second.app.store.items.recentCondensed(0)).toHaveLength(4);
      second.clock.set(T0 + 2 * HOUR);
      await second.app.pollOnce();
      await second.app.services.digestNow(consoleChat, null, T0 + 2 * HOUR);
      await second.app.deliverDue();
      for (const headline of headlines) expect(second.output()).toContain(headline);
    } finally {
      await second.app.stop();
      await dropSchema(schema);
    }
  });
});
