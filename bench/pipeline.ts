/**
 * `npm run bench -- pipeline [--feeds 1000] [--store sqlite|postgres] [--processes 1] [--minutes 3]
 * [--interval 60] [--wire 1000] [--concurrency 32]`: runs the built Gazette (`gazette start`) against
 * a local farm of feeds (see lib/pipeline-farm.ts) with a poll interval compressed to `--interval`
 * seconds, and prints every 10 s: feeds polled, feeds overdue, CPU per poll, items condensed per
 * second, event-loop lag p99, RSS and database size. After the first cycle `--wire` feeds tell one
 * wire story; the bench reports how long each member took from fetch to its story. It ends with
 * SIGTERM and reports how long each process took to exit.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import buildDist from '../test/setup/build.js';
import { consoleChat } from '../src/platforms/console/console-platform.js';
import { createPostgresStore } from '../src/store/postgres/postgres-store.js';
import { createSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { CORPUS_DIR, hasCorpus } from './lib/corpus.js';
import { corpusItems } from './lib/corpus-items.js';
import { startFarm } from './lib/pipeline-farm.js';
import {
  cpuSeconds,
  memoryMiB,
  postgresProbe,
  scrape,
  sqliteProbe,
  type DbProbe,
} from './lib/pipeline-probe.js';

const { values: flags } = parseArgs({
  options: {
    feeds: { type: 'string', default: '1000' },
    store: { type: 'string', default: 'sqlite' },
    processes: { type: 'string', default: '1' },
    minutes: { type: 'string', default: '3' },
    interval: { type: 'string', default: '60' },
    wire: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '32' },
  },
  strict: true,
});
const FEEDS = Number(flags.feeds);
const PROCESSES = Number(flags.processes);
const INTERVAL_MS = Number(flags.interval) * 1000;
const RUN_MS = Number(flags.minutes) * 60_000;
const WIRE = Math.min(Number(flags.wire), FEEDS);
const POSTGRES = flags.store === 'postgres';
const DATABASE_URL = process.env.GAZETTE_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const root = path.resolve(import.meta.dirname, '..');

/** Items of the corpus's real-world, well-formed feeds with enough text to condense. */

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => {
        resolve(port);
      });
    });
  });

async function seed(store: Store, urls: readonly string[]): Promise<void> {
  const sub = await store.subscriptions.ensure(
    { ...consoleChat, schedule: '0 8 * * *', timezone: 'UTC', nextDigestAt: null },
    Date.now(),
  );
  // Twenty at a time: on PostgreSQL one by one costs a round trip each.
  for (let i = 0; i < urls.length; i += 20)
    await Promise.all(
      urls.slice(i, i + 20).map(async (url) => {
        const feed = await store.feeds.upsert({ url }, Date.now());
        await store.subscriptions.addFeed(sub.id, feed.id, 0, Date.now());
      }),
    );
}

async function main(): Promise<void> {
  if (!hasCorpus()) {
    console.log(`pipeline: skipped, no corpus at ${CORPUS_DIR}`);
    return;
  }
  buildDist();
  const pool = await corpusItems();
  const farm = await startFarm({
    feeds: FEEDS,
    intervalMs: INTERVAL_MS,
    ports: 50,
    pool,
    slowMs: 3_000,
    hangMs: 15_000,
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'gazette-bench-pipeline-'));
  const schema = `gazette_bench_${process.pid}`;
  let probe: DbProbe;
  if (POSTGRES) {
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const store = createPostgresStore({ url: DATABASE_URL, schema });
    await seed(store, farm.urls);
    await store.close();
    probe = postgresProbe(DATABASE_URL, schema);
  } else {
    const store = createSqliteStore({ path: path.join(dir, 'gazette.db') });
    await seed(store, farm.urls);
    await store.close();
    probe = sqliteProbe(path.join(dir, 'gazette.db'));
  }
  const minutes = INTERVAL_MS / 60_000;
  const config = path.join(dir, 'bench.yaml');
  writeFileSync(
    config,
    [
      'schedule:',
      "  default: '0 8 * * *'",
      'limits:',
      '  feedsPerChat: 100000',
      'extraction:',
      '  minWords: 0',
      'fetch:',
      '  allowPrivateNetworks: loopback',
      '  timeoutMs: 10000',
      'polling:',
      `  intervalMinutes: ${minutes}`,
      `  minIntervalMinutes: ${minutes}`,
      `  maxIntervalMinutes: ${minutes}`,
      "  tick: '*/2 * * * * *'",
      `  concurrency: ${flags.concurrency}`,
      '  perHostConcurrency: 4',
      '  backoffBaseMinutes: 0.5',
      'postgres:',
      '  poolSize: 10',
      '',
    ].join('\n'),
  );
  const children: { child: ChildProcess; port: number; exited: Promise<number> }[] = [];
  for (let p = 0; p < PROCESSES; p++) {
    const port = await freePort();
    const dataDir = path.join(dir, PROCESSES === 1 ? '' : `p${p}`);
    // The heap cap `npm start` and the image set, unless overridden; a profile of Gazette alone:
    // `GAZETTE_BENCH_NODE_ARGS='--max-old-space-size=256 --cpu-prof --cpu-prof-dir=/tmp/prof'`.
    const nodeArgs = (process.env.GAZETTE_BENCH_NODE_ARGS ?? '--max-old-space-size=256')
      .split(' ')
      .filter((a) => a !== '');
    const child = spawn(process.execPath, [...nodeArgs, path.join(root, 'dist', 'src', 'cli.js'), 'start'], {
      cwd: root,
      env: {
        ...process.env,
        GAZETTE_CONFIG: config,
        GAZETTE_DATA_DIR: path.join(dataDir, '.'),
        GAZETTE_HTTP_PORT: String(port),
        GAZETTE_LOG_LEVEL: 'error',
        LOG_FORMAT: 'json',
        ...(POSTGRES ? { DATABASE_URL: `${DATABASE_URL}?options=-c%20search_path%3D${schema}` } : {}),
      },
      stdio: ['pipe', 'ignore', 'inherit'],
    });
    const exited = new Promise<number>((resolve) =>
      child.on('exit', () => {
        resolve(performance.now());
      }),
    );
    children.push({ child, port, exited });
  }
  console.log(
    `pipeline: ${FEEDS} feeds (+3 hostile), ${flags.store}, ${PROCESSES} process(es), interval ${INTERVAL_MS / 1000} s, ${pool.length} corpus items, concurrency ${flags.concurrency}`,
  );
  console.log('   t   polled  overdue>1/15  cpu/poll  condensed/s  pending  lag-p99  rss(MiB)  db(MiB)');
  const started = Date.now();
  let lastT = started;
  let lastCpu = 0;
  let lastCondensed = 0;
  let peakRss = 0;
  let maxLag = 0;
  const lags: number[] = [];
  const firstDb = await probe.sample(Date.now(), INTERVAL_MS / 15, 0);
  let wireAt: number | null = null;
  let wirePrefix = '';
  const wireTitle = 'Wire: Central bank raises rates by half a point in surprise move';
  const wireFiled = new Map<number, number>();
  let wireStories = 0;
  let wireFetched = 0;
  let tick = 0;
  while (Date.now() - started < RUN_MS) {
    await new Promise((r) => setTimeout(r, 2_000));
    // A Gazette that died (its error is above) would leave the rest of the run measuring nothing.
    const dead = children.find((c) => c.child.exitCode !== null || c.child.signalCode !== null);
    if (dead !== undefined) {
      console.log(
        `a Gazette process exited (${String(dead.child.exitCode ?? dead.child.signalCode)}); run stopped`,
      );
      break;
    }
    const now = Date.now();
    if (wireAt === null && WIRE > 0 && now - started >= Math.max(INTERVAL_MS * 1.2, 30_000)) {
      const members = Array.from({ length: WIRE }, (_, i) => Math.floor((i * FEEDS) / WIRE));
      wirePrefix = `wire-${farm.tellWire(members, wireTitle)}-`;
      wireAt = now;
    }
    if (wireAt !== null) {
      const wire = await probe.wire(wirePrefix);
      const told = wire.items;
      wireFetched = told.length;
      for (const item of told)
        if (item.filed && !wireFiled.has(item.id)) wireFiled.set(item.id, now - item.firstSeenAt);
      wireStories = wire.stories;
    }
    if (++tick % 5 !== 0) continue;
    const cpu = children.reduce((sum, c) => sum + cpuSeconds(c.child.pid ?? 0), 0);
    const mem = children.map((c) => memoryMiB(c.child.pid ?? 0));
    const rss = mem.reduce((sum, m) => sum + m.rss, 0);
    peakRss = Math.max(peakRss, ...mem.map((m) => m.peak));
    const scraped = await Promise.all(children.map((c) => scrape(c.port)));
    const lag = Math.max(...scraped.map((s) => s.lagP99));
    if (Number.isFinite(lag)) {
      lags.push(lag);
      maxLag = Math.max(maxLag, lag);
    }
    const db = await probe.sample(now, INTERVAL_MS / 15, lastT);
    // Counted in the database: the process's counter moves only when a whole condense run ends.
    const condensed = db.condensed;
    const seconds = (now - lastT) / 1000;
    console.log(
      [
        String(Math.round((now - started) / 1000)).padStart(4),
        String(db.polledSince).padStart(8),
        String(db.overdue).padStart(13),
        `${(((cpu - lastCpu) * 1000) / Math.max(db.polledSince, 1)).toFixed(2)} ms`.padStart(9),
        ((condensed - lastCondensed) / seconds).toFixed(1).padStart(12),
        String(db.pending).padStart(8),
        `${lag.toFixed(0)} ms`.padStart(8),
        rss.toFixed(0).padStart(9),
        (db.bytes / 2 ** 20).toFixed(1).padStart(8),
      ].join(' '),
    );
    lastT = now;
    lastCpu = cpu;
    lastCondensed = condensed;
  }
  const stopTimes: number[] = [];
  for (const c of children) {
    const sent = performance.now();
    c.child.kill('SIGTERM');
    stopTimes.push((await c.exited) - sent);
  }
  const last = await probe.sample(Date.now(), INTERVAL_MS / 15, started);
  const latencies = [...wireFiled.values()].sort((a, b) => a - b);
  const totalCpu = lastCpu;
  console.log('');
  console.log(
    `requests ${farm.requests()}, 304 ${farm.notModified()} (${((100 * farm.notModified()) / Math.max(farm.requests(), 1)).toFixed(0)}%), feeds polled twice within half an interval: ${farm.doublePolls()}`,
  );
  console.log(
    `CPU ${totalCpu.toFixed(1)} s over ${(RUN_MS / 1000).toFixed(0)} s (${((totalCpu * 1000) / Math.max(farm.requests(), 1)).toFixed(2)} ms per request); condensed ${last.condensed} items, ${last.pending} pending at the end`,
  );
  console.log(
    `event-loop lag p99 per 10 s: max ${maxLag.toFixed(0)} ms, median ${(lags.sort((a, b) => a - b)[Math.floor(lags.length / 2)] ?? 0).toFixed(0)} ms; peak RSS ${peakRss.toFixed(0)} MiB per process`,
  );
  console.log(
    `database ${(firstDb.bytes / 2 ** 20).toFixed(1)} MiB → ${(last.bytes / 2 ** 20).toFixed(1)} MiB`,
  );
  if (wireAt !== null)
    console.log(
      `wire story told by ${WIRE} feeds: ${wireFetched} fetched, ${latencies.length} in a story (in ${wireStories} stor${wireStories === 1 ? 'y' : 'ies'}); fetch→story p50 ${latencies[Math.floor(latencies.length / 2)] ?? NaN} ms, max ${latencies[latencies.length - 1] ?? NaN} ms (2 s sampling)`,
    );
  console.log(`SIGTERM to exit: ${stopTimes.map((t) => `${t.toFixed(0)} ms`).join(', ')}`);
  await probe.close();
  await farm.close();
  if (POSTGRES) {
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
  rmSync(dir, { recursive: true, force: true });
}

await main();
