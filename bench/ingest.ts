/**
 * Ingest throughput on the corpus's real-world feeds: bare rss-parser `parseString` against
 * Gazette's decode + parse + normalise + dedup + store (SQLite), same files, same run.
 * Run: `npx tsx bench/ingest.ts [real-world|all] [--passes N] [--tsx]` (or `npm run bench -- ingest`).
 * Prints numbers; never fails for being slow.
 *
 * Each side runs in a worker process of its own (bench/ingest/worker.ts), one pair per corpus
 * set, so each peak RSS is that side's alone. The parent times the two sides in adjacent passes
 * and reports the median of those paired ratios, so noise from a shared machine falls on both. The workers run compiled (dist/bench/, built here by tsc):
 * under tsx each would also carry the loader thread and its transpiled sources.
 */
import { type ChildProcess, fork, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Command, PassKind, PassResult, Report, SetName } from './ingest/protocol.js';

const root = path.resolve(import.meta.dirname, '..');
const feedsDir = path.resolve(root, '../shared/corpus/feeds');
const SETS: Readonly<Record<SetName, string>> = {
  'real-world': 'Real-world feeds (MANIFEST real_world=yes, rss-parser OK)',
  all: 'All corpus files rss-parser reads without error',
};

/** What the ratio is held to: the goal is set on real feeds; the full set is mostly tiny test files. */
const RATIO_NOTE: Readonly<Record<SetName, string>> = {
  'real-world': 'goal ≤ 1.5x',
  all: 'for reference: mostly small parser test files, one transaction each',
};

const args = process.argv.slice(2);
const passesArg = args.indexOf('--passes');
const PASSES = passesArg === -1 ? 9 : Math.max(1, Number(args[passesArg + 1]) || 9);
const underTsx = args.includes('--tsx');
const wantedSets = (Object.keys(SETS) as SetName[]).filter((s) => args.includes(s));

/** How a worker is started: its compiled form unless `--tsx` asks for the source under tsx. */
function workerEntry(): { file: string; execArgv: string[] } {
  const expose = ['--expose-gc'];
  if (underTsx)
    return { file: path.join(root, 'bench/ingest/worker.ts'), execArgv: [...expose, '--import', 'tsx'] };
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const started = Date.now();
  const build = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.bench.json')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('compiling the benchmark worker failed');
  console.log(`(worker compiled to dist/bench/ in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return { file: path.join(root, 'dist/bench/bench/ingest/worker.js'), execArgv: expose };
}

/** A worker process answering one command at a time. */
class SideProcess {
  private readonly child: ChildProcess;
  private readonly replies: Report[] = [];
  private waiting: { resolve: (report: Report) => void; reject: (error: Error) => void } | null = null;
  private failure: Error | null = null;

  constructor(entry: { file: string; execArgv: string[] }, side: string, set: SetName) {
    this.child = fork(entry.file, [side, set, feedsDir], { execArgv: entry.execArgv, stdio: 'inherit' });
    this.child.on('message', (report: Report) => {
      if (this.waiting === null) this.replies.push(report);
      else this.waiting.resolve(report);
    });
    this.child.on('exit', (code, signal) => {
      this.failure = new Error(`${side} worker exited (${code ?? signal ?? 'unknown'})`);
      this.waiting?.reject(this.failure);
    });
  }

  async next<T extends Report['type']>(type: T): Promise<Extract<Report, { type: T }>> {
    const queued = this.replies.shift();
    if (queued === undefined && this.failure !== null) throw this.failure;
    const report =
      queued ??
      (await new Promise<Report>((resolve, reject) => {
        this.waiting = { resolve, reject };
      }).finally(() => {
        this.waiting = null;
      }));
    if (report.type !== type) throw new Error(`expected ${type} from the worker, got ${report.type}`);
    return report as Extract<Report, { type: T }>;
  }

  async send<T extends Report['type']>(command: Command, reply: T): Promise<Extract<Report, { type: T }>> {
    if (this.failure !== null) throw this.failure;
    this.child.send(command);
    return this.next(reply);
  }

  async pass(kind: PassKind): Promise<PassResult> {
    return this.send({ type: 'pass', kind }, 'passed');
  }
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function benchSet(set: SetName, entry: { file: string; execArgv: string[] }): Promise<void> {
  const baseline = new SideProcess(entry, 'rss-parser', set);
  const gazette = new SideProcess(entry, 'gazette', set);
  const [baseReady, ready] = [await baseline.next('ready'), await gazette.next('ready')];
  const megabytes = ready.bytes / 2 ** 20;
  console.log(
    `\n${SETS[set]}: ${ready.files} files, ${megabytes.toFixed(2)} MB; median of ${PASSES} warm rounds, each side in its own process`,
  );
  const results: Record<PassKind, PassResult[]> = { 'rss-parser': [], parse: [], store: [], repoll: [] };
  const run = async (side: SideProcess, kind: PassKind): Promise<void> => {
    results[kind].push(await side.pass(kind));
  };
  // Each round times the baseline right next to Gazette's full path, in either order, so their
  // ratio is paired: load on a shared machine drifts over seconds and moves both alike.
  for (let pass = 0; pass < PASSES; pass += 1) {
    if (pass % 2 === 0) {
      await run(baseline, 'rss-parser');
      await run(gazette, 'store');
      await run(gazette, 'repoll');
      await run(gazette, 'parse');
    } else {
      await run(gazette, 'parse');
      await run(gazette, 'store');
      await run(baseline, 'rss-parser');
      await run(gazette, 'repoll');
    }
  }
  const basePeak = (await baseline.send({ type: 'finish' }, 'finished')).peakRssMb;
  const peak = (await gazette.send({ type: 'finish' }, 'finished')).peakRssMb;

  const wall = (kind: PassKind): number => median(results[kind].map((r) => r.ms));
  const cpu = (kind: PassKind): number => median(results[kind].map((r) => r.cpuMs));
  const itemsOf = (kind: PassKind): number => results[kind][0]?.items ?? 0;
  console.log(
    `  ${''.padEnd(44)} ${'wall'.padStart(11)} ${'CPU'.padStart(11)}   MB/s  items/s  ratio (wall, CPU)`,
  );
  const line = (name: string, kind: PassKind): void => {
    const ms = wall(kind);
    const columns = [
      `${ms.toFixed(1).padStart(8)} ms`,
      `${cpu(kind).toFixed(1).padStart(8)} ms`,
      (megabytes / (ms / 1000)).toFixed(1).padStart(6),
      String(Math.round(itemsOf(kind) / (ms / 1000))).padStart(8),
      `  ${(ms / wall('rss-parser')).toFixed(2)}x, ${(cpu(kind) / cpu('rss-parser')).toFixed(2)}x`,
    ];
    console.log(`  ${name.padEnd(44)} ${columns.join(' ')}`);
  };
  line('rss-parser parseString (UTF-8, not timed)', 'rss-parser');
  line('Gazette decode+parse+normalise', 'parse');
  line('Gazette decode+parse+normalise+dedup+store', 'store');
  line('  same, re-poll (all items already stored)', 'repoll');
  const paired = (of: (r: PassResult) => number): { median: number; low: number; high: number } => {
    const ratios = results.store.map((r, i) => of(r) / of(results['rss-parser'][i] ?? r));
    return { median: median(ratios), low: Math.min(...ratios), high: Math.max(...ratios) };
  };
  const describe = (r: { median: number; low: number; high: number }, unit: string): string =>
    `${r.median.toFixed(2)}x ${unit} (rounds ${r.low.toFixed(2)}–${r.high.toFixed(2)})`;
  console.log(
    `  Gazette/rss-parser, median of the rounds' paired ratios: ${describe(
      paired((r) => r.ms),
      'wall',
    )}, ` +
      `${describe(
        paired((r) => r.cpuMs),
        'CPU',
      )} (${RATIO_NOTE[set]}); ` +
      `rss-parser read ${itemsOf('rss-parser')} items, Gazette stored ${itemsOf('store')}`,
  );
  const mb = (value: number): string => `${value.toFixed(0)} MB`;
  console.log(
    `  peak RSS: rss-parser process ${mb(basePeak)} (${mb(baseReady.loadedRssMb)} with the set loaded); ` +
      `Gazette process ${mb(peak)} (${mb(ready.loadedRssMb)} with the set loaded) (goal < 300 MB)`,
  );
}

async function main(): Promise<void> {
  const cpus = os.cpus();
  console.log(`machine: ${cpus[0]?.model.trim() ?? 'unknown cpu'} × ${cpus.length}, Node ${process.version}`);
  if (!existsSync(path.join(feedsDir, 'MANIFEST.tsv'))) {
    console.log(`ingest bench skipped: no corpus at ${feedsDir}`);
    return;
  }
  const entry = workerEntry();
  if (underTsx) console.log('(workers under tsx: their peak RSS includes the loader thread)');
  for (const set of wantedSets.length === 0 ? (Object.keys(SETS) as SetName[]) : wantedSets)
    await benchSet(set, entry);
}

await main();
