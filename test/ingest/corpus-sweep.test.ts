import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { INGEST_REASONS, type IngestReason } from '../../src/ingest/errors.js';
import { htmlToText } from '../../src/ingest/html-text.js';
import { canonicalUrl } from '../../src/ingest/normalize.js';
import { readFeedBytes } from '../../src/ingest/read-feed.js';
import { corpusDir } from './fixtures.js';

const feedsDir = path.join(corpusDir, 'feeds');
const available = existsSync(feedsDir);
if (!available && process.env.CI) throw new Error(`corpus missing: ${feedsDir} is required in CI`);
if (!available)
  console.log(`corpus sweep skipped: no corpus at ${feedsDir} (a fresh clone has no ../shared)`);

const PER_FILE_MS = 5_000;
const NOW = Date.UTC(2026, 0, 1);
const REASONS: ReadonlySet<IngestReason> = new Set(INGEST_REASONS);

function corpusFiles(): string[] {
  return readdirSync(feedsDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => {
      const relative = path.relative(feedsDir, file);
      return (
        relative !== 'MANIFEST.tsv' && relative !== 'README.md' && !relative.startsWith(`LICENSES${path.sep}`)
      );
    })
    .sort();
}

function within<T>(promise: Promise<T>, ms: number, file: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`${file} took longer than ${ms} ms`));
    }, ms);
  });
  return Promise.race([promise, deadline]).finally(() => {
    clearTimeout(timer);
  });
}

const BASE_URL = 'https://feeds.example/feed.xml';

const textOf = (value: unknown): string => (typeof value === 'string' ? htmlToText(value) : '');

/** An item rss-parser read that has something to show, judged by Gazette's own rules. */
function showable(item: Record<string, unknown>): boolean {
  const link = item.link;
  return (
    textOf(item.title) !== '' ||
    (typeof link === 'string' && canonicalUrl(link, BASE_URL) !== null) ||
    textOf(item.content) !== '' ||
    textOf(item['content:encoded']) !== ''
  );
}

/** Showable items rss-parser alone reads from the text; 0 when it throws. */
async function rssParserItems(parser: Parser, text: string): Promise<number> {
  try {
    const { items } = await parser.parseString(text);
    return items.filter((item) => showable(item as Record<string, unknown>)).length;
  } catch {
    return 0;
  }
}

describe.skipIf(!available)('corpus sweep: every file of shared/corpus/feeds through readFeedBytes', () => {
  it('ends every file with items, an empty feed or a named reason, in bounded time, and loses nothing rss-parser reads', async () => {
    const files = corpusFiles();
    const parser = new Parser();
    const perReason = new Map<string, number>();
    let withItems = 0;
    let empty = 0;
    let rssParserWithItems = 0;
    const recovered: string[] = [];
    const lost: string[] = [];
    for (const file of files) {
      const relative = path.relative(feedsDir, file);
      const bytes = readFileSync(file);
      const result = await within(readFeedBytes(bytes, null, BASE_URL, NOW), PER_FILE_MS, relative);
      const baseline = await within(rssParserItems(parser, bytes.toString('utf8')), PER_FILE_MS, relative);
      if (baseline > 0) rssParserWithItems += 1;
      if (!result.ok) {
        expect(REASONS.has(result.error.reason), relative).toBe(true);
        expect(result.error.message.length, relative).toBeGreaterThan(0);
        perReason.set(result.error.reason, (perReason.get(result.error.reason) ?? 0) + 1);
        if (baseline > 0) lost.push(relative);
      } else if (result.value.items.length > 0) {
        withItems += 1;
        if (baseline === 0) recovered.push(relative);
      } else {
        empty += 1;
        if (baseline > 0) lost.push(relative);
      }
    }
    const reasons = [...perReason].map(([reason, count]) => `${reason} ${count}`).join(', ');
    console.log(
      [
        `corpus sweep: ${files.length} files; ${withItems} with items, ${empty} feeds without items, failures by reason: ${reasons}`,
        `rss-parser alone: ${rssParserWithItems} files with items; Gazette recovers ${recovered.length} files rss-parser alone loses, and loses ${lost.length} it reads`,
      ].join('\n'),
    );
    expect(files.length).toBeGreaterThan(1000);
    expect(withItems + empty + [...perReason.values()].reduce((a, b) => a + b, 0)).toBe(files.length);
    expect(lost).toEqual([]);
    expect(recovered.length).toBeGreaterThan(0);
  }, 300_000);
});
