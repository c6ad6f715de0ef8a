/**
 * The outbox and the scheduler at scale, on both stores. Outbox: the delivery loop's own cost per
 * part (the platform answers at once) over a whole pass through a queue of 1,000, 10,000 and
 * 100,000 pending parts, one a chat that was sent ten digests before: a page deep in the queue costs what the first one does. Schedules: finding due digests among 100,000 subscriptions
 * spread over the day, next to listing them all as a minute tick once did.
 */

import { pino } from 'pino';
import type { PlatformName } from '../src/core/types.js';
import { createDelivery } from '../src/pipeline/deliver.js';
import type { Platform } from '../src/platforms/platform.js';
import { type BenchStore, postgresBench, sqliteBench } from './lib/bench-stores.js';
import { median } from './lib/timing.js';

const NOW = Date.UTC(2026, 0, 1, 8, 0);
const DEPTHS = [1_000, 10_000, 100_000];
const SUBSCRIPTIONS = 100_000;

const silent = pino({ level: 'silent' });

/** A platform that takes every part at once: what is left is Gazette's own cost. */
function instantPlatform(): Platform & { sent(): number } {
  let n = 0;
  return {
    sent: () => n,
    name: 'telegram',
    renderDigest: () => [],
    send: () => Promise.resolve({ ok: true, messageId: String(++n) }),
    edit: () => Promise.resolve({ ok: true, messageId: String(n) }),
    notify: () => Promise.resolve({ ok: true, messageId: 'notice' }),
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
  };
}

/** `count` subscriptions, their next digests spread over a day from `NOW`. */
async function fillSubscriptions(bench: BenchStore, count: number): Promise<void> {
  const rows =
    bench.name === 'SQLite'
      ? `WITH RECURSIVE seq (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < $1)
         INSERT INTO subscriptions (platform, chat_id, thread_id, schedule, timezone, created_at, next_digest_at)
         SELECT 'telegram', 'c' || i, '', '0 8 * * *', 'UTC', $2, $2 + ((i * 7919) % 1440) * 60000 FROM seq`
      : `INSERT INTO subscriptions (platform, chat_id, thread_id, schedule, timezone, created_at, next_digest_at)
         SELECT 'telegram', 'c' || i, '', '0 8 * * *', 'UTC', $2::bigint, $2::bigint + ((i * 7919) % 1440) * 60000
         FROM generate_series(1, $1::int) AS i`;
  await bench.exec(rows, [count, NOW]);
}

/** Digests each chat was sent before: a digest's first part asks whether the one before it is done. */
const HISTORY = 10;

/** One pending part due now for each of `count` chats, each sent `HISTORY` digests on the days before. */
async function fillOutbox(bench: BenchStore, count: number): Promise<void> {
  await fillSubscriptions(bench, count);
  for (let day = HISTORY; day >= 1; day--) {
    const slot = NOW - day * 86_400_000;
    await bench.exec(
      'INSERT INTO digests (subscription_id, slot, created_at) SELECT id, $1, $1 FROM subscriptions',
      [slot],
    );
    await bench.exec(
      `INSERT INTO outbox_parts (digest_id, seq, payload, story_ids, state, attempts, next_attempt_at, platform_message_id)
       SELECT id, 0, 'part', '[]', 'sent', 0, $1, 'm' FROM digests WHERE slot = $1`,
      [slot],
    );
  }
  await bench.exec(
    'INSERT INTO digests (subscription_id, slot, created_at) SELECT id, $1, $1 FROM subscriptions',
    [NOW],
  );
  await bench.exec(
    `INSERT INTO outbox_parts (digest_id, seq, payload, story_ids, state, attempts, next_attempt_at)
     SELECT id, 0, 'part', '[]', 'pending', 0, $1 FROM digests WHERE slot = $1`,
    [NOW],
  );
  await analyze(bench);
}

/** Planner statistics, as autovacuum's analyze (PostgreSQL) would have them by now. */
async function analyze(bench: BenchStore): Promise<void> {
  await bench.exec('ANALYZE');
}

async function outboxAt(open: () => Promise<BenchStore | null>, depth: number): Promise<string | null> {
  const bench = await open();
  if (bench === null) return null;
  try {
    await fillOutbox(bench, depth);
    // The scheduler asks when the next part is due at every wake.
    const askedAt = performance.now();
    await bench.store.outbox.nextDueAt(['telegram']);
    const nextDueMs = performance.now() - askedAt;
    const delivery = createDelivery({ store: bench.store, log: silent, maxAttempts: 10, inFlight: () => 10 });
    const platform = instantPlatform();
    const platforms = new Map<PlatformName, Platform>([['telegram', platform]]);
    const cpu = process.cpuUsage();
    const started = performance.now();
    // Stops after the sample: each round asks first, as the lease check does.
    const sent = await delivery.run(
      { platforms, keepGoing: () => Promise.resolve(platform.sent() < depth) },
      () => NOW,
    );
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    return `${bench.name.padEnd(10)} ${depth.toLocaleString('en').padStart(7)} pending: ${(ms / sent).toFixed(3)} ms a part (${sent} sent in ${ms.toFixed(0)} ms; Gazette's CPU ${(cpuMs / sent).toFixed(3)} ms a part; next due time ${nextDueMs.toFixed(1)} ms)`;
  } finally {
    await bench.dispose();
  }
}

async function schedules(open: () => Promise<BenchStore | null>): Promise<string | null> {
  const bench = await open();
  if (bench === null) return null;
  try {
    await fillSubscriptions(bench, SUBSCRIPTIONS);
    await analyze(bench);
    const { subscriptions } = bench.store;
    const time = async (runs: number, call: () => Promise<unknown>): Promise<number> => {
      const ms: number[] = [];
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        await call();
        ms.push(performance.now() - started);
      }
      return median(ms);
    };
    const at = NOW + 10 * 60_000;
    const due = (await subscriptions.due('telegram', at, 1_000)).length;
    const next = await time(50, () => subscriptions.nextDigestDue(['telegram']));
    const page = await time(50, () => subscriptions.due('telegram', at, 200));
    const list = await time(3, () => subscriptions.list());
    return (
      `${bench.name.padEnd(10)} ${SUBSCRIPTIONS.toLocaleString('en')} subscriptions, ${due} due: ` +
      `next digest time ${next.toFixed(2)} ms · a page of 200 due ${page.toFixed(2)} ms · ` +
      `(listing all, as the minute tick did: ${list.toFixed(0)} ms)`
    );
  } finally {
    await bench.dispose();
  }
}

console.log(
  "outbox: delivery's own cost per part over a whole pass through the queue (platform answers at once)",
);
// `GAZETTE_BENCH_STORES=sqlite` (or `postgres`) measures one store only.
const only = process.env.GAZETTE_BENCH_STORES;
const opens = [
  ...(only === 'postgres' ? [] : [() => Promise.resolve(sqliteBench())]),
  ...(only === 'sqlite' ? [] : [postgresBench]),
];
// One untimed pass first: the smallest queue would otherwise pay for the JIT's warm-up.
await outboxAt(() => Promise.resolve(sqliteBench()), 1_000);
for (const open of opens) {
  for (const depth of DEPTHS) {
    const line = await outboxAt(open, depth);
    if (line === null) break;
    console.log(line);
  }
}
console.log('\nschedules: due digests among many subscriptions (median of 50; listing: median of 3)');
for (const open of opens) {
  const line = await schedules(open);
  if (line !== null) console.log(line);
}
