/**
 * The two stores side by side on the work a busy instance does most: saving polled items
 * (new, then the same again unchanged), and claiming due feeds from several pollers at once.
 * PostgreSQL is the machine's (`GAZETTE_BENCH_DATABASE_URL`, else 127.0.0.1:5432), in a schema
 * of its own that is dropped afterwards; without one, only SQLite is measured.
 */

import type { NormalizedItem } from '../src/core/types.js';
import type { Store } from '../src/store/store.js';
import { postgresBench, sqliteBench } from './lib/bench-stores.js';
import { median } from './lib/timing.js';

const FEEDS = 40;
const ITEMS_PER_FEED = 50;
const CLAIMERS = 4;
const ROUNDS = 5;
const NOW = Date.UTC(2026, 0, 1);

const text = (n: number): string =>
  `Paragraph ${n}. `.concat(
    'Officials said the storm had passed and the roads would reopen by noon. '.repeat(12),
  );

function itemsOf(feed: number, round: number): NormalizedItem[] {
  return Array.from({ length: ITEMS_PER_FEED }, (_, i) => ({
    key: `r${round}-f${feed}-i${i}`,
    url: `https://news.example/${round}/${feed}/${i}`,
    title: `Story ${i} of feed ${feed}`,
    text: text(i),
    author: null,
    publishedAt: NOW - i * 60_000,
    categories: ['World'],
    imageUrl: null,
    contentHash: `h${round}-${feed}-${i}`,
  }));
}

interface Result {
  readonly newPerSecond: number;
  readonly unchangedPerSecond: number;
  readonly claimMs: number;
}

async function measure(store: Store): Promise<Result> {
  const sub = await store.subscriptions.ensure(
    {
      platform: 'console',
      chatId: 'bench',
      threadId: '',
      schedule: '0 8 * * *',
      timezone: 'UTC',
      nextDigestAt: null,
    },
    NOW,
  );
  const feeds = [];
  for (let f = 0; f < FEEDS; f++) {
    const feed = await store.feeds.upsert({ url: `https://f${f}.example/rss` }, NOW);
    await store.subscriptions.addFeed(sub.id, feed.id, NOW, NOW);
    feeds.push(feed);
  }
  const fresh: number[] = [];
  const same: number[] = [];
  const claims: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let started = performance.now();
    await Promise.all(feeds.map((feed, f) => store.items.save(feed.id, itemsOf(f, round), NOW, 3)));
    fresh.push((FEEDS * ITEMS_PER_FEED) / ((performance.now() - started) / 1000));
    started = performance.now();
    await Promise.all(feeds.map((feed, f) => store.items.save(feed.id, itemsOf(f, round), NOW, 3)));
    same.push((FEEDS * ITEMS_PER_FEED) / ((performance.now() - started) / 1000));
    // Every feed due again; several pollers claim side by side until none is left.
    const at = NOW + (round + 1) * 3_600_000;
    started = performance.now();
    await Promise.all(
      Array.from({ length: CLAIMERS }, async () => {
        while ((await store.feeds.claimDue(at, 4, 60_000)).length > 0);
      }),
    );
    claims.push(performance.now() - started);
  }
  return { newPerSecond: median(fresh), unchangedPerSecond: median(same), claimMs: median(claims) };
}

function print(name: string, r: Result): void {
  console.log(
    `${name.padEnd(11)} save new: ${Math.round(r.newPerSecond).toLocaleString('en')} items/s · ` +
      `save unchanged: ${Math.round(r.unchangedPerSecond).toLocaleString('en')} items/s · ` +
      `claim ${FEEDS} due feeds with ${CLAIMERS} pollers: ${r.claimMs.toFixed(1)} ms`,
  );
}

console.log(
  `store: ${FEEDS} feeds × ${ITEMS_PER_FEED} items (${text(0).length} chars of text each), saved concurrently; median of ${ROUNDS} rounds`,
);
for (const bench of [sqliteBench(), await postgresBench()]) {
  if (bench === null) continue;
  try {
    print(bench.name, await measure(bench.store));
  } finally {
    await bench.dispose();
  }
}
