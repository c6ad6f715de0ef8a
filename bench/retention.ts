/**
 * Database size in a steady state, with the daily prune and without it, on both stores. The clock
 * is simulated (time-compressed): feeds are polled every 30 minutes, each adding one item to the 20
 * it lists; every item becomes a story; every subscription gets a three-message digest twice a
 * day, sent at once. Retention keeps items for 48 hours and digests for `retention.days` = 2, so a
 * steady state comes after three simulated days; size is then sampled every 2 simulated hours for
 * three more. PostgreSQL gets a plain VACUUM after each prune, as autovacuum would give it in the
 * day between two prunes that this run compresses into seconds.
 */

import type { NormalizedItem } from '../src/core/types.js';
import { pruneOnce } from '../src/pipeline/retention.js';
import { createSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { type BenchStore, postgresBench, sqliteBench } from './lib/bench-stores.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2026, 0, 1);
const LISTED = 20;
/** PostgreSQL pays a round trip a statement: it runs a tenth of the load, which keeps the shape. */
const feedsOf = (bench: BenchStore): number => (bench.name === 'SQLite' ? 60 : 6);
const subscriptionsOf = (bench: BenchStore): number => (bench.name === 'SQLite' ? 100 : 10);
const POLL = HOUR / 2;
const WARM_DAYS = 3;
const MEASURE_DAYS = 3;
const POLICY = { itemsMs: 48 * HOUR, digestsMs: 2 * DAY };

const body = (n: number): string =>
  `Item ${n}. `.concat(
    'The council said the bridge would reopen next week after repairs to its deck. '.repeat(14),
  );

function entry(feed: number, n: number, at: number): NormalizedItem {
  const text = body(n);
  return {
    key: `f${feed}-${n}`,
    url: `https://f${feed}.example/${n}`,
    title: `Headline ${n} of feed ${feed}`,
    text,
    author: null,
    imageUrl: null,
    publishedAt: at,
    categories: [],
    contentHash: `h${feed}-${n}`,
  };
}

interface Run {
  readonly samples: number[];
  readonly logMax: number;
  readonly pruned: number;
}

async function steadyState(bench: BenchStore, every: number | null): Promise<Run> {
  const { store } = bench;
  const FEEDS = feedsOf(bench);
  const SUBSCRIPTIONS = subscriptionsOf(bench);
  const feedIds: number[] = [];
  for (let f = 0; f < FEEDS; f++)
    feedIds.push((await store.feeds.upsert({ url: `https://f${f}.example/rss` }, START)).id);
  const subs: number[] = [];
  for (let s = 0; s < SUBSCRIPTIONS; s++) {
    const sub = await store.subscriptions.ensure(
      {
        platform: 'telegram',
        chatId: `c${s}`,
        threadId: '',
        schedule: '0 8,20 * * *',
        timezone: 'UTC',
        nextDigestAt: null,
      },
      START,
    );
    await store.subscriptions.addFeed(sub.id, feedIds[s % FEEDS] ?? 0, 0, START);
    subs.push(sub.id);
  }
  const samples: number[] = [];
  let logMax = 0;
  const recentStories: number[] = [];
  let pruned = 0;
  let n = 0;
  for (let at = START; at < START + (WARM_DAYS + MEASURE_DAYS) * DAY; at += POLL) {
    n++;
    for (const [f, feedId] of feedIds.entries()) {
      const listed = Array.from({ length: LISTED }, (_, i) => entry(f, n - i, at - i * POLL));
      const { inserted } = await store.items.save(feedId, listed, at, 3);
      for (const item of inserted) {
        const storyId = await store.stories.create(
          {
            leadItemId: item.id,
            headline: item.title ?? '',
            summary: body(0).slice(0, 300),
            url: item.url,
            topics: ['world'],
            mainTopics: 1,
            entities: [],
            publishedAt: at,
          },
          at,
        );
        await store.items.saveCondensed(
          item.id,
          {
            summary: body(0).slice(0, 300),
            topics: ['world'],
            mainTopics: 1,
            entities: [],
            topicScores: { world: 0.9 },
            language: 'en',
            contentHash: item.contentHash,
          },
          storyId,
        );
        recentStories.push(storyId);
      }
    }
    recentStories.splice(0, Math.max(0, recentStories.length - 30));
    if ((at - START) % (12 * HOUR) === 0) {
      for (const subscriptionId of subs) {
        const shown = recentStories.slice(-3);
        const digestId = await store.outbox.createDigest(
          {
            subscriptionId,
            slot: at,
            storyIds: [],
            parts: shown.map((id) => ({ payload: body(id).slice(0, 1_500), storyIds: [id] })),
            nextDigestAt: at + 12 * HOUR,
          },
          at,
        );
        for (const part of await store.outbox.pendingOf(digestId ?? -1))
          await store.outbox.markSent(part.id, 'm', at);
      }
    }
    if (every !== null && (at - START) % every === 0 && at > START) {
      const report = await pruneOnce(store, POLICY, at);
      pruned += report.items + report.stories + report.digests;
      if (bench.name === 'PostgreSQL') await bench.exec('VACUUM');
    }
    if (at >= START + WARM_DAYS * DAY && (at - START) % (2 * HOUR) === 0) {
      samples.push(await bench.size());
      logMax = Math.max(logMax, bench.logSize());
    }
  }
  return { samples, pruned, logMax };
}

const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;

function report(name: string, every: number | null, run: Run): void {
  const retention = every !== null;
  const mean = run.samples.reduce((a, b) => a + b, 0) / run.samples.length;
  const low = Math.min(...run.samples);
  const high = Math.max(...run.samples);
  const perDay = 12;
  const peaks = Array.from({ length: Math.ceil(run.samples.length / perDay) }, (_, d) =>
    Math.max(...run.samples.slice(d * perDay, (d + 1) * perDay)),
  );
  const first = run.samples[0] ?? 0;
  const last = run.samples.at(-1) ?? 0;
  // The goal's "flat over a 2-hour run": the largest change between two samples 2 hours apart.
  const steps = run.samples
    .slice(1)
    .map((size, i) => (size - (run.samples[i] ?? size)) / (run.samples[i] ?? size));
  const worstStep = steps.reduce((worst, step) => (Math.abs(step) > Math.abs(worst) ? step : worst), 0);
  console.log(
    `${name.padEnd(10)} ${every === null ? 'no prune   ' : every === DAY ? 'daily prune' : 'hourly prune (default)'}: ${mb(first)} → ${mb(last)} over ${MEASURE_DAYS} days ` +
      `(largest 2-hour change ${(worstStep * 100).toFixed(1)}%) ` +
      `(mean ${mb(mean)}, ${(((low - mean) / mean) * 100).toFixed(1)}% / +${(((high - mean) / mean) * 100).toFixed(1)}% around it; ` +
      `daily peaks ${peaks.map(mb).join(', ')}; ${run.samples.length} samples${retention ? `; ${run.pruned.toLocaleString('en')} rows pruned` : ''}` +
      `${run.logMax > 0 ? `; write-ahead log apart, at most ${mb(run.logMax)}` : ''})`,
  );
}

console.log(
  `retention: 60 feeds every 30 min (1 new item each, ${LISTED} listed), 100 subscriptions with 2 digests a day (PostgreSQL: 6 and 10, with retention only); ` +
    `simulated, ${WARM_DAYS} days to settle then ${MEASURE_DAYS} measured (size every 2 simulated hours)`,
);
// `GAZETTE_BENCH_STORES=sqlite` (or `postgres`) measures one store only.
const only = process.env.GAZETTE_BENCH_STORES;
const opens = [
  ...(only === 'postgres' ? [] : [() => Promise.resolve(sqliteBench())]),
  ...(only === 'sqlite' ? [] : [postgresBench]),
];
for (const open of opens) {
  for (const every of [HOUR, DAY, null]) {
    const bench = await open();
    // PostgreSQL prunes at the default only: the other runs show the same as SQLite's and take long on a shared machine.
    if (bench?.name === 'PostgreSQL' && every !== HOUR) {
      await bench.dispose();
      break;
    }
    if (bench === null) break;
    try {
      report(bench.name, every, await steadyState(bench, every));
      if (bench.name === 'SQLite' && every === null) await switchCost(bench);
    } finally {
      await bench.dispose();
    }
  }
}

/** What opening a database made before incremental auto-vacuum costs once: a full VACUUM. */
async function switchCost(bench: BenchStore): Promise<void> {
  await bench.exec('PRAGMA auto_vacuum = NONE');
  await bench.exec('VACUUM');
  const size = await bench.size();
  const file = bench.file;
  if (file === null) return;
  await bench.store.close();
  const started = performance.now();
  const reopened = createSqliteStore({ path: file });
  const ms = performance.now() - started;
  await reopened.close();
  console.log(
    `SQLite     switching a ${mb(size)} database to incremental auto-vacuum at open: ${ms.toFixed(0)} ms, once`,
  );
}
