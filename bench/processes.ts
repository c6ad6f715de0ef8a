/**
 * `npm run bench -- processes [--items 3000] [--processes 2] [--cpu-prof-dir DIR]`: condensing shared by Gazette
 * processes on one PostgreSQL database. Corpus items are stored unprocessed in a fresh schema;
 * then one process, and then `--processes` processes on a second schema with the same items,
 * condense them all (summary, topics, and the story step, which one process at a time holds).
 * Each process is a child of its own that loads its models first and starts on a signal, so the
 * time counted is condensing alone. Prints items per second for each run and their ratio. The
 * ratio only means something when each process has a core to itself: on a machine with fewer
 * idle cores than processes it shows how much of the work is serialised, not the gain. It also
 * prints the cores Gazette and PostgreSQL kept busy, and the share of the story step, which bounds
 * the gain on a machine with a free core per process. With `--cpu-prof-dir` each process writes a
 * V8 CPU profile there as it exits (which slows it a little).
 */

import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import path from 'node:path';
import pg from 'pg';
import type { NormalizedItem } from '../src/core/types.js';
import { createPostgresStore } from '../src/store/postgres/postgres-store.js';
import type { Store } from '../src/store/store.js';
import { readLabelledItems } from '../src/training/corpus.js';
import { testConfig } from '../test/helpers/config.js';
import { benchApp } from './lib/bench-app.js';
import { CORPUS_DIR, hasCorpus } from './lib/corpus.js';
import { corpusItems, type CorpusItem } from './lib/corpus-items.js';

const URL = process.env.GAZETTE_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const { values: flags } = parseArgs({
  options: {
    items: { type: 'string', default: '3000' },
    processes: { type: 'string', default: '2' },
    child: { type: 'string' },
    'cpu-prof-dir': { type: 'string' },
  },
});
// Node refuses --cpu-prof in NODE_OPTIONS, so the children are given it directly.
const profileDir = flags['cpu-prof-dir'];
const profiling =
  profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`];
/** Items a feed lists: the store keeps every one of them as news. */
const PER_FEED = 50;

/**
 * Items each process condenses, and files into stories, on a private in-memory store before the
 * clock starts: a service's processes run for days, and a short run would otherwise count each
 * process compiling its hot code as the work of condensing.
 */
const WARM_UP_ITEMS = 600;

async function warmUp(): Promise<void> {
  const { app, store } = benchApp(testConfig());
  await storeItems(store, await itemsToCondense(WARM_UP_ITEMS), Date.now());
  for (let n = await app.condensePending(); n > 0; n = await app.condensePending());
  await app.stop();
}

async function condenseAll(schema: string): Promise<void> {
  await warmUp();
  const { app, store } = benchApp(testConfig(), createPostgresStore({ url: URL, schema }));
  // A first empty pass loads the models and opens the pool before the clock starts.
  await store.items.needingCondense(1);
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  // The open pipe would keep the process alive once the work is done.
  process.stdin.destroy();
  const cpu = process.cpuUsage();
  let condensed = 0;
  for (let n = await app.condensePending(); n > 0; n = await app.condensePending()) condensed += n;
  const used = process.cpuUsage(cpu);
  const storyMetric = await app.ops.metrics.registry.getSingleMetric('gazette_story_seconds_total')?.get();
  const storyMs = (storyMetric?.values[0]?.value ?? 0) * 1000;
  const storyCpu = await app.ops.metrics.registry.getSingleMetric('gazette_story_cpu_seconds_total')?.get();
  const storyCpuMs = (storyCpu?.values[0]?.value ?? 0) * 1000;
  process.stdout.write(
    `${JSON.stringify({ condensed, cpuMs: (used.user + used.system) / 1000, storyMs, storyCpuMs })}\n`,
  );
  await app.stop();
}

/**
 * The corpus feeds' items, then as many headline-and-description items of the labelled topic set as
 * it takes to reach `count`: a run long enough for story runs to overlap the other processes'
 * condensing, as they do in a running service, rather than one story run at the end.
 */
async function itemsToCondense(count: number): Promise<CorpusItem[]> {
  const items = (await corpusItems()).slice(0, count);
  if (items.length >= count) return items;
  const more = readLabelledItems(path.join(CORPUS_DIR, 'topics', 'topics-train.jsonl.gz'));
  for (const item of more.slice(0, count - items.length)) items.push({ title: item.title, text: item.text });
  return items;
}

async function seed(schema: string, count: number): Promise<void> {
  const admin = new pg.Client({ connectionString: URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const store = createPostgresStore({ url: URL, schema });
  await storeItems(store, await itemsToCondense(count), Date.now());
  await store.close();
}

/** Stores `items` unprocessed, {@link PER_FEED} to a feed. */
async function storeItems(store: Store, items: readonly CorpusItem[], now: number): Promise<void> {
  for (let from = 0, feed = 0; from < items.length; from += PER_FEED, feed++) {
    const { id } = await store.feeds.upsert({ url: `https://feed${feed}.example/rss` }, now);
    const listed: NormalizedItem[] = items.slice(from, from + PER_FEED).map((item, i) => ({
      key: `f${feed}-${i}`,
      url: `https://feed${feed}.example/${i}`,
      title: item.title,
      text: item.text,
      author: null,
      imageUrl: null,
      publishedAt: now - i * 60_000,
      categories: [],
      contentHash: `f${feed}-${i}`,
    }));
    await store.items.save(id, listed, now, PER_FEED);
  }
}

async function drop(schema: string): Promise<void> {
  const admin = new pg.Client({ connectionString: URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
}

interface ChildReport {
  readonly condensed: number;
  readonly cpuMs: number;
  /** Time in the story step, which one process at a time runs, and the CPU time it took. */
  readonly storyMs: number;
  readonly storyCpuMs: number;
}

/**
 * CPU time of the machine's PostgreSQL processes so far, from /proc (Linux): the database shares
 * the cores with the processes measured. Read while the children's connections are open, since a
 * backend's time leaves the sum when it exits. Null where /proc is not there.
 */
function postgresCpuMs(): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/u.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
      // Fields after the parenthesised name: utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended while it was read.
    }
  }
  // Linux reports in clock ticks of 1/100 s on every common configuration.
  return ticks * 10;
}

/** Starts `processes` children on `schema`, lets them go at once, and times them to the last. */
async function run(
  schema: string,
  processes: number,
): Promise<{ wallMs: number; reports: ChildReport[]; postgresMs: number | null }> {
  const children = Array.from({ length: processes }, () =>
    spawn(process.execPath, [...profiling, '--import', 'tsx', import.meta.filename, '--child', schema], {
      stdio: ['pipe', 'pipe', 'inherit'],
    }),
  );
  const exited = children.map((child) => new Promise((resolve) => child.once('exit', resolve)));
  const lines = children.map((child) => {
    const out: string[] = [];
    let buffered = '';
    const waiters: ((line: string) => void)[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      for (let at = buffered.indexOf('\n'); at !== -1; at = buffered.indexOf('\n')) {
        const line = buffered.slice(0, at);
        buffered = buffered.slice(at + 1);
        const waiter = waiters.shift();
        if (waiter) waiter(line);
        else out.push(line);
      }
    });
    return (): Promise<string> => {
      const line = out.shift();
      return line === undefined ? new Promise((resolve) => waiters.push(resolve)) : Promise.resolve(line);
    };
  });
  await Promise.all(lines.map((next) => next()));
  const postgresBefore = postgresCpuMs();
  const started = performance.now();
  for (const child of children) child.stdin.write('go\n');
  const reports = await Promise.all(lines.map(async (next) => JSON.parse(await next()) as ChildReport));
  const wallMs = performance.now() - started;
  const postgresAfter = postgresCpuMs();
  await Promise.all(exited);
  const postgresMs =
    postgresBefore === null || postgresAfter === null ? null : Math.max(0, postgresAfter - postgresBefore);
  return { wallMs, reports, postgresMs };
}

if (flags.child !== undefined) {
  await condenseAll(flags.child);
} else if (!hasCorpus()) {
  console.log('processes: the shared corpus is not here; skipped');
} else {
  const count = Number(flags.items);
  const processes = Number(flags.processes);
  console.log(
    `processes: ${count} corpus items on PostgreSQL, 1 process then ${processes}; ${cpus().length} cores`,
  );
  const rates: number[] = [];
  let serialShare = 0;
  let serialCpuShare = 0;
  for (const n of [1, processes]) {
    const schema = `gazette_bench_processes_${process.pid}_${n}`;
    try {
      await seed(schema, count);
      const { wallMs, reports, postgresMs } = await run(schema, n);
      const condensed = reports.reduce((sum, r) => sum + r.condensed, 0);
      const check = createPostgresStore({ url: URL, schema });
      const left = (await check.items.needingCondense(count)).length;
      const outside = (await check.items.unclustered(count, Date.now())).length;
      await check.close();
      rates.push(condensed / (wallMs / 1000));
      console.log(
        `${n} process(es): ${condensed} items condensed in ${(wallMs / 1000).toFixed(1)} s = ${(condensed / (wallMs / 1000)).toFixed(0)} items/s; ` +
          `per process ${reports.map((r) => `${r.condensed} items, ${(r.cpuMs / 1000).toFixed(1)} s CPU, ${(r.storyMs / 1000).toFixed(1)} s in stories (${(r.storyCpuMs / 1000).toFixed(1)} s CPU)`).join('; ')}; ` +
          `left uncondensed ${left}, outside a story ${outside}`,
      );
      const gazetteMs = reports.reduce((sum, r) => sum + r.cpuMs, 0);
      const storyMs = reports.reduce((sum, r) => sum + r.storyMs, 0);
      console.log(
        `  cores busy: Gazette ${(gazetteMs / wallMs).toFixed(2)}, PostgreSQL ${postgresMs === null ? 'n/a' : (postgresMs / wallMs).toFixed(2)} of ${cpus().length}; ` +
          `story step ${(storyMs / 1000).toFixed(2)} s (${((100 * storyMs) / wallMs).toFixed(0)}% of the run)`,
      );
      if (n === 1) {
        serialShare = storyMs / wallMs;
        serialCpuShare = reports.reduce((sum, r) => sum + r.storyCpuMs, 0) / gazetteMs;
      }
    } finally {
      await drop(schema);
    }
  }
  const [one = 0, many = 0] = rates;
  console.log(
    `throughput ${processes} processes / 1 process: ${(many / one).toFixed(2)}× (goal ≥ 1.6× with a free core each)`,
  );
  // One process at a time runs the story step, while the others go on condensing: with a free core
  // per process, throughput is bounded by the processes' count and by the story step alone taking
  // a whole core (1 / its share of one process's work). Its share of wall time counts on a quiet
  // machine; its share of CPU where other work stretches every wait.
  const bound = (share: number): string => Math.min(processes, 1 / share).toFixed(2);
  console.log(
    `with a free core per process, the story step allows at most ${bound(serialShare)}× by its share of one process's time (${(100 * serialShare).toFixed(0)}%), ${bound(serialCpuShare)}× by its share of its CPU (${(100 * serialCpuShare).toFixed(0)}%)`,
  );
}
