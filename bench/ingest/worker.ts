/**
 * One side of the ingest benchmark in a process of its own, so that its peak RSS holds only its
 * runtime, its copy of the corpus set and its own work: `rss-parser` (strings decoded up front,
 * untimed) or `gazette` (bytes; decode + parse + normalise, and dedup + store in SQLite).
 * Started by bench/ingest.ts with `--expose-gc`; runs one timed pass per command.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import Parser from 'rss-parser';
import { readFeedBytes } from '../../src/ingest/read-feed.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { type CorpusFile, selectFiles } from './corpus.js';
import {
  type Command,
  type PassKind,
  type PassResult,
  peakRssMb,
  type Report,
  type SetName,
} from './protocol.js';

const NOW = Date.UTC(2026, 0, 1);

type Side = 'rss-parser' | 'gazette';

interface SideRunner {
  run: (kind: PassKind) => Promise<PassResult>;
  close: () => void;
}

/**
 * Collects the garbage of earlier passes so that none of it is collected inside a timed one. A
 * regular major collection: a bare `gc()` is V8's memory-reducing last-resort kind, and the pass
 * after one ran up to twice as slow.
 */
function collectGarbage(): void {
  gc?.({ type: 'major', execution: 'sync', flavor: 'regular' });
}

/** How long a side waits after its collection before the clock starts. */
const SETTLE_MS = 100;

/**
 * Runs one pass after collecting earlier garbage. V8 marks and sweeps on helper threads; both
 * sides share the machine's cores, so the wait lets that work (this side's, and what the other
 * side's last pass left running) end before the clock starts. CPU time is this process's, main
 * thread and helpers: on a shared machine it does not grow while the process waits for a core.
 */
async function timed(pass: () => Promise<number>): Promise<PassResult> {
  collectGarbage();
  await delay(SETTLE_MS);
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const items = await pass();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const { user, system } = process.cpuUsage(cpu);
  return { ms, cpuMs: (user + system) / 1000, items };
}

const feedUrl = (file: CorpusFile): string => `https://bench.example/${file.name}`;

async function rssParserPass(texts: readonly string[]): Promise<number> {
  const parser = new Parser();
  let items = 0;
  for (const text of texts) {
    try {
      items += (await parser.parseString(text)).items.length;
    } catch {
      // The baseline only times parsing; a file it refuses costs what it costs.
    }
  }
  return items;
}

/** Decode + parse + normalise every file and, with a store, save its items (dedup by key). */
async function gazettePass(
  files: readonly CorpusFile[],
  store: { store: Store; feedIds: readonly number[] } | null,
): Promise<number> {
  let items = 0;
  for (const [i, file] of files.entries()) {
    const read = await readFeedBytes(file.bytes, null, feedUrl(file), NOW);
    if (!read.ok) continue;
    items += read.value.items.length;
    const feedId = store?.feedIds[i];
    // A poll that found no items has nothing to deduplicate or store.
    if (store !== null && feedId !== undefined && read.value.items.length > 0)
      await store.store.items.save(feedId, read.value.items, NOW, 3);
  }
  return items;
}

/** Gazette's side: a fresh SQLite file per `store` pass, polled again by the `repoll` pass. */
function gazetteSide(files: readonly CorpusFile[]): SideRunner {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gazette-bench-'));
  let current: { store: Store; feedIds: number[] } | null = null;
  let stores = 0;
  return {
    run: async (kind) => {
      if (kind === 'parse') return timed(() => gazettePass(files, null));
      if (kind === 'store') {
        // Opening the file and adding one feed row per corpus file is not part of a poll.
        stores += 1;
        const store = createSqliteStore({ path: path.join(dir, `bench-${stores}.db`) });
        const feedIds: number[] = [];
        for (const file of files) feedIds.push((await store.feeds.upsert({ url: feedUrl(file) }, NOW)).id);
        current = { store, feedIds };
        return timed(() => gazettePass(files, current));
      }
      if (kind === 'repoll' && current !== null) {
        // The same feeds polled again: every item is already stored, so save only deduplicates.
        const result = await timed(() => gazettePass(files, current));
        await current.store.close();
        current = null;
        return result;
      }
      throw new Error(`the gazette side cannot run a ${kind} pass now`);
    },
    close: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function rssParserSide(texts: readonly string[]): SideRunner {
  return {
    run: async (kind) => {
      if (kind !== 'rss-parser') throw new Error(`the rss-parser side cannot run a ${kind} pass`);
      return timed(() => rssParserPass(texts));
    },
    close: () => undefined,
  };
}

/** Loads the set; the rss-parser side keeps only its strings, the Gazette side only the bytes. */
function setUp(
  side: Side,
  set: SetName,
  feedsDir: string,
): { runner: SideRunner; files: number; bytes: number } {
  const files = selectFiles(feedsDir, set);
  const bytes = files.reduce((sum, f) => sum + f.bytes.length, 0);
  // The baseline is handed its strings: decoding is not part of what it is timed for.
  const runner =
    side === 'gazette' ? gazetteSide(files) : rssParserSide(files.map((f) => f.bytes.toString('utf8')));
  return { runner, files: files.length, bytes };
}

async function main(): Promise<void> {
  const [side, set, feedsDir] = process.argv.slice(2) as [Side, SetName, string];
  const send = (report: Report): void => {
    process.send?.(report);
  };
  const { runner, files, bytes } = setUp(side, set, feedsDir);
  const loadedRssMb = peakRssMb();
  // Warm-up, one pass of each kind: JIT, caches, SQLite statement preparation.
  const kinds: PassKind[] = side === 'gazette' ? ['parse', 'store', 'repoll'] : ['rss-parser'];
  for (const kind of kinds) await runner.run(kind);
  process.on('message', (command: Command) => {
    if (command.type === 'finish') {
      runner.close();
      send({ type: 'finished', peakRssMb: peakRssMb() });
      process.disconnect();
      return;
    }
    runner.run(command.kind).then(
      (result) => {
        send({ type: 'passed', ...result });
      },
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
  send({ type: 'ready', files, bytes, loadedRssMb });
}

await main();
