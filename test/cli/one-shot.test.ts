import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { oneShotDigest } from '../../src/cli/one-shot.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { testConfig } from '../helpers/config.js';
import { rssFeed, startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { silentLogger } from '../helpers/logger.js';

const T0 = Date.UTC(2026, 10, 28, 6, 0);
const HOUR = 3_600_000;

let server: FeedServer;
// Which feed answers last: the other one is fetched, stored and timed first.
let slow = '/a.xml';

const item = (id: string, title: string, hoursAgo: number) => ({
  id,
  title,
  body: `${title}, officials said. The full report follows later in the week.`,
  date: new Date(T0 - hoursAgo * HOUR),
});

const feeds: Record<string, string> = {
  // Published days before the run: a backlog the engine places no earlier than its lag allows.
  '/a.xml': rssFeed('Outlet A', [
    item('a1', 'Flood waters rise in river town as dam gives way', 50),
    item('a2', 'Central bank holds interest rates steady', 49),
  ]),
  '/b.xml': rssFeed('Outlet B', [
    item('b1', 'River town flooded after dam gives way', 51),
    item('b2', 'Interest rates held steady by central bank', 48),
  ]),
};

beforeAll(async () => {
  server = await startFeedServer();
  for (const [route, body] of Object.entries(feeds)) {
    server.route(route, (_req, res) => {
      const answer = (): void => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body);
      if (route === slow) setTimeout(answer, 150);
      else answer();
    });
  }
});

afterAll(async () => {
  await server.close();
});

/** A one-shot digest on a clock that moves a second every time it is read, as a busy run's would. */
async function digestOnce(): Promise<{ printed: string; seen: number[] }> {
  let ticks = 0;
  const clock = { now: () => T0 + 1_000 * ticks++ };
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  const store = createSqliteStore({ path: ':memory:' });
  const app = createApp(testConfig({}), {
    output,
    input: null,
    log: silentLogger(),
    clock,
    random: () => 0.5,
    store,
  });
  await app.platforms.get('console')?.start();
  const result = await oneShotDigest(
    app,
    [`${server.base}/a.xml`, `${server.base}/b.xml`],
    7 * 24 * HOUR,
    new PassThrough(),
    T0,
  );
  expect(result.fetched).toBe(2);
  const items = (await Promise.all([1, 2].map((feed) => store.items.latest(feed, 10)))).flat();
  await app.stop();
  return { printed, seen: items.map((i) => i.firstSeenAt) };
}

describe('gazette digest (one-shot)', () => {
  it('sees every feed at one moment, so the digest does not depend on which fetch answered first', async () => {
    slow = '/a.xml';
    const first = await digestOnce();
    slow = '/b.xml';
    const second = await digestOnce();
    expect(first.seen).toHaveLength(4);
    expect(new Set([...first.seen, ...second.seen])).toEqual(new Set([T0]));
    expect(first.printed).toContain('dam gives way');
    expect(second.printed).toBe(first.printed);
  });
});
