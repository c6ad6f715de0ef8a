import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTopicTagger } from '../../src/condense/topics.js';
import type { NormalizedItem } from '../../src/core/types.js';
import { condensePending, type CondenseDeps } from '../../src/pipeline/condense-pending.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { silentLogger } from '../helpers/logger.js';

const NOW = Date.UTC(2026, 2, 10, 12);
const dir = mkdtempSync(path.join(tmpdir(), 'gazette-condense-'));

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const item = (i: number): NormalizedItem => ({
  key: `k${i}`,
  url: `https://many.example/news/${i}`,
  title: `Bridge ${i} reopens after repairs`,
  text: `Bridge number ${i} reopened to traffic on Monday. Engineers said the repairs took a year. Drivers welcomed it.`,
  author: null,
  imageUrl: null,
  publishedAt: NOW - i * 60_000,
  categories: [],
  contentHash: `hash-${i}`,
});

async function withItems(store: Store, count: number): Promise<void> {
  const feed = await store.feeds.upsert({ url: 'https://many.example/feed.xml' }, NOW);
  await store.items.save(
    feed.id,
    Array.from({ length: count }, (_, i) => item(i)),
    NOW,
    count,
  );
}

/** A clock that moves one millisecond each time it is read: slices end after a set number of items. */
function steppingClock(): () => number {
  let t = 0;
  return () => ++t;
}

const deps = (store: Store, extra: Partial<CondenseDeps> = {}): CondenseDeps => ({
  store,
  tagger: createTopicTagger([]),
  feedTopics: () => [],
  summary: { maxSentences: 3, maxChars: 400 },
  log: silentLogger(),
  sliceMs: 5,
  elapsed: steppingClock(),
  ...extra,
});

describe('a condense pass shares the event loop', () => {
  it('lets a timer fire while it runs', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    await withItems(store, 300);
    const order: string[] = [];
    setTimeout(() => order.push('timer'), 0);
    const done = await condensePending(deps(store), NOW);
    order.push('pass');
    expect(done).toBe(300);
    expect(order).toEqual(['timer', 'pass']);
    await store.close();
  });

  it('stops between two items when aborted, keeping what it condensed', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    await withItems(store, 300);
    const stop = new AbortController();
    setTimeout(() => {
      stop.abort();
    }, 0);
    const done = await condensePending(deps(store, { signal: stop.signal }), NOW);
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(300);
    expect(await store.items.needingCondense(1_000)).toHaveLength(300 - done);
    await store.close();
  });

  it('is split between processes sharing a database: each item is condensed once', async () => {
    const file = path.join(dir, 'shared.db');
    const one = createSqliteStore({ path: file });
    const two = createSqliteStore({ path: file });
    await withItems(one, 400);
    const [a, b] = await Promise.all([
      condensePending(deps(one, { batchSize: 50 }), NOW),
      condensePending(deps(two, { batchSize: 50 }), NOW),
    ]);
    expect(a + b).toBe(400);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect(await one.items.needingCondense(10)).toEqual([]);
    await one.close();
    await two.close();
  });
});
