import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../helpers/config.js';
import { createFetcher } from '../../src/ingest/fetch.js';
import { runPollCycle, type PollCycleDeps } from '../../src/pipeline/poll-cycle.js';
import type { PollOutcome } from '../../src/pipeline/poll-feed.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { StoreFullError, type Store } from '../../src/store/store.js';
import { pino } from 'pino';
import { captureStream } from '../helpers/capture.js';
import { silentLogger } from '../helpers/logger.js';
import { rssFeed, startFeedServer, type FeedServer } from '../helpers/feed-server.js';

const T0 = Date.UTC(2026, 10, 28, 6, 0);

let server: FeedServer;
// The slow feed answers only when the test lets it: no timing decides the outcome.
let releaseSlow: () => void = () => undefined;
const slowReleased = new Promise<void>((resolve) => {
  releaseSlow = resolve;
});

beforeAll(async () => {
  server = await startFeedServer();
  for (let i = 0; i < 20; i++) {
    server.route(`/fast-${i}.xml`, (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(rssFeed(`Fast ${i}`, [{ id: `f${i}`, title: `Story ${i}`, body: 'Body.', date: new Date(T0) }])),
    );
  }
  server.route('/slow.xml', (_req, res) => {
    void slowReleased.then(() =>
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Slow', [])),
    );
  });
});

afterAll(async () => {
  releaseSlow();
  await server.close();
});

async function followed(store: Store, paths: readonly string[]): Promise<void> {
  const sub = await store.subscriptions.ensure(
    {
      platform: 'console',
      chatId: 'c',
      threadId: '',
      schedule: '0 8 * * *',
      timezone: 'UTC',
      nextDigestAt: null,
    },
    T0,
  );
  for (const path of paths) {
    const feed = await store.feeds.upsert({ url: `${server.base}${path}` }, T0);
    await store.subscriptions.addFeed(sub.id, feed.id, 0, T0);
  }
}

function deps(store: Store, concurrency: number): PollCycleDeps {
  const config = testConfig({});
  return {
    poll: {
      store,
      fetcher: createFetcher({ ...config.fetch, timeoutMs: 60_000 }),
      policy: config.polling,
      newFeedItems: 3,
      random: () => 0.5,
      log: silentLogger(),
    },
    store,
    concurrency,
    perHostConcurrency: concurrency,
    leaseMs: 60_000,
    passMs: 60_000,
    log: silentLogger(),
    now: () => T0,
  };
}

describe('the poll pool', () => {
  it('refills a slot as soon as it frees: a slow feed holds one slot and delays no other', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    // The slow feed is claimed first, so every other feed is polled while it still hangs.
    await followed(store, ['/slow.xml', ...Array.from({ length: 20 }, (_, i) => `/fast-${i}.xml`)]);
    const done: PollOutcome['kind'][] = [];
    let fastDone!: () => void;
    const allFast = new Promise<void>((resolve) => {
      fastDone = resolve;
    });
    const pass = runPollCycle(deps(store, 2), (outcome) => {
      done.push(outcome.kind);
      if (done.length === 20) fastDone();
    });
    await allFast;
    // Twenty feeds through the one slot left free, with the slow one still unanswered.
    expect(done).toHaveLength(20);
    releaseSlow();
    const result = await pass;
    expect(result.polled).toBe(21);
    expect(result.failed).toBe(0);
    await store.close();
  });

  it('claims nothing once stopped, and lets the polls under way finish', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    await followed(
      store,
      Array.from({ length: 20 }, (_, i) => `/fast-${i}.xml`),
    );
    const stop = new AbortController();
    stop.abort();
    const result = await runPollCycle(deps(store, 2), undefined, stop.signal);
    expect(result.polled).toBe(0);
    // Nothing claimed: every feed is still due for the next pass.
    expect(await store.feeds.claimDue(T0, 100, 1)).toHaveLength(20);
    await store.close();
  });

  it("leaves a full disk to the store's own once-a-minute line, not one error per feed", async () => {
    const store = createSqliteStore({ path: ':memory:' });
    await followed(
      store,
      Array.from({ length: 5 }, (_, i) => `/fast-${i}.xml`),
    );
    const full: Store = {
      ...store,
      items: {
        ...store.items,
        save: () => Promise.reject(new StoreFullError('database or disk is full')),
      },
    };
    const lines = captureStream(false);
    const log = pino({ level: 'info' }, lines);
    const base = deps(full, 2);
    await runPollCycle({ ...base, log, poll: { ...base.poll, store: full, log } });
    expect(lines.text()).not.toContain('polling a feed failed');
    await store.close();
  });
});
