/**
 * Ingest throughput on the corpus's real-world feeds: bare rss-parser `parseString` against
 * Gazette's decode + parse + normalise + dedup + store (SQLite), same files, same run.
 * Run: `npx tsx bench/ingest.ts` (or `npm run bench -- ingest`). Prints numbers; never fails.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Parser from 'rss-parser';
import { readFeedBytes } from '../src/ingest/read-feed.js';
import { createSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';

const PASSES = 7;
const NOW = Date.UTC(2026, 0, 1);
const feedsDir = path.resolve(import.meta.dirname, '../../shared/corpus/feeds');

interface CorpusFile {
  readonly name: string;
  readonly bytes: Buffer;
  readonly text: string;
}

/** MANIFEST.tsv rows that rss-parser 3.13 read without error, all of them or only real-world feeds. */
function selectFiles(realWorldOnly: boolean): CorpusFile[] {
  const [header = '', ...rows] = readFileSync(path.join(feedsDir, 'MANIFEST.tsv'), 'utf8')
    .trimEnd()
    .split('\n');
  const columns = header.split('\t');
  const at = (name: string): number => columns.indexOf(name);
  const load = (name: string): CorpusFile => {
    const bytes = readFileSync(path.join(feedsDir, name));
    return { name, bytes, text: bytes.toString('utf8') };
  };
  const files: CorpusFile[] = [];
  for (const row of rows) {
    const cells = row.split('\t');
    if (cells[at('rss_parser_3.13_utf8')] !== 'ok') continue;
    if (realWorldOnly && !(cells[at('real_world')] ?? '').startsWith('yes')) continue;
    files.push(load(cells[at('file')] ?? ''));
  }
  return files;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const peakRssMb = (): string => (process.resourceUsage().maxRSS / 1024).toFixed(0);

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function rssParserPass(parser: Parser, files: readonly CorpusFile[]): Promise<void> {
  for (const file of files) {
    try {
      await parser.parseString(file.text);
    } catch {
      // The baseline only times parsing; a file it refuses costs what it costs.
    }
  }
}

/** Decode + parse + normalise every file, then save its items (dedup by key) in the store. */
async function gazettePass(
  files: readonly CorpusFile[],
  store: Store | null,
  feedIds: readonly number[],
): Promise<number> {
  let items = 0;
  for (const [i, file] of files.entries()) {
    const read = await readFeedBytes(file.bytes, null, `https://bench.example/${file.name}`, NOW);
    if (!read.ok) continue;
    items += read.value.items.length;
    const feedId = feedIds[i];
    // A poll that found no items has nothing to deduplicate or store.
    if (store !== null && feedId !== undefined && read.value.items.length > 0) {
      await store.items.save(feedId, read.value.items, NOW, 3);
    }
  }
  return items;
}

/** A fresh SQLite file with one feed row per corpus file; created outside the timed part. */
async function freshStore(
  dir: string,
  pass: number,
  files: readonly CorpusFile[],
): Promise<{ store: Store; feedIds: number[] }> {
  const store = createSqliteStore({ path: path.join(dir, `bench-${pass}.db`) });
  const feedIds: number[] = [];
  for (const file of files)
    feedIds.push((await store.feeds.upsert({ url: `https://bench.example/${file.name}` }, NOW)).id);
  return { store, feedIds };
}

async function bench(label: string, files: readonly CorpusFile[], dir: string): Promise<void> {
  const megabytes = files.reduce((sum, f) => sum + f.bytes.length, 0) / 2 ** 20;
  console.log(
    `\n${label}: ${files.length} files, ${megabytes.toFixed(2)} MB; median of ${PASSES} warm passes`,
  );
  const parser = new Parser();
  // Warm-up: JIT, caches, SQLite statement preparation. The peak after rss-parser's own pass
  // shows how much of the final peak is the runtime, the corpus and the baseline parser.
  await rssParserPass(parser, files);
  console.log(`  peak RSS after loading and one rss-parser pass: ${peakRssMb()} MB`);
  await gazettePass(files, null, []);
  const baseline: number[] = [];
  const gazette: number[] = [];
  const withoutStore: number[] = [];
  const repoll: number[] = [];
  let items = 0;
  for (let pass = 0; pass < PASSES; pass += 1) {
    const { store, feedIds } = await freshStore(dir, pass, files);
    baseline.push(await timed(() => rssParserPass(parser, files)));
    gazette.push(
      await timed(async () => {
        items = await gazettePass(files, store, feedIds);
      }),
    );
    // The same feeds polled again: every item is already stored, so save only deduplicates.
    repoll.push(await timed(() => gazettePass(files, store, feedIds)));
    withoutStore.push(await timed(() => gazettePass(files, null, [])));
    await store.close();
  }
  const [base, full, parseOnly, again] = [
    median(baseline),
    median(gazette),
    median(withoutStore),
    median(repoll),
  ];
  const line = (name: string, ms: number): string =>
    `  ${name.padEnd(44)} ${ms.toFixed(1).padStart(8)} ms  ${(megabytes / (ms / 1000)).toFixed(1).padStart(6)} MB/s  ${(ms / base).toFixed(2)}x`;
  console.log(line('rss-parser parseString (UTF-8, not timed)', base));
  console.log(line('Gazette decode+parse+normalise', parseOnly));
  console.log(line('Gazette decode+parse+normalise+dedup+store', full));
  console.log(line('  same, re-poll (all items already stored)', again));
  console.log(
    `  Gazette/rss-parser ratio: ${(full / base).toFixed(2)}x (goal ≤ 1.5x); ${items} items, ${Math.round(items / (full / 1000))} items/s stored`,
  );
}

async function main(): Promise<void> {
  if (!existsSync(path.join(feedsDir, 'MANIFEST.tsv'))) {
    console.log(`ingest bench skipped: no corpus at ${feedsDir}`);
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gazette-bench-'));
  try {
    // One set in memory at a time, so the peak is the pipeline's, not the corpus held twice.
    await bench('Real-world feeds (MANIFEST real_world=yes, rss-parser OK)', selectFiles(true), dir);
    console.log(`  peak RSS so far: ${peakRssMb()} MB`);
    await bench('All corpus files rss-parser reads without error', selectFiles(false), dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\npeak RSS: ${peakRssMb()} MB (goal < 300 MB)`);
}

await main();
