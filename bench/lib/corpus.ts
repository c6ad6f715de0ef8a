/** Paths and readers of the shared evaluation corpus, which lives beside the repository, never in it. */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { feedLanguageOf } from '../../src/condense/language.js';
import { stripFeedFurniture } from '../../src/ingest/feed-furniture.js';

/** Root of the shared corpus. */
export const CORPUS_DIR = path.resolve(import.meta.dirname, '../../../shared/corpus');

/** True when the corpus is present. */
export function hasCorpus(): boolean {
  return existsSync(CORPUS_DIR);
}

/** Rows of a JSON-lines file. */
export function readJsonLines<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

/** One row of the summaries corpus. */
export interface SummaryRow {
  readonly id: string;
  readonly article: string;
  readonly reference: string;
  readonly title?: string;
  readonly topic?: string;
}

/** Rows of a file under `summaries/`. */
export function readSummaryRows(file: string): SummaryRow[] {
  return readJsonLines<SummaryRow>(path.join(CORPUS_DIR, 'summaries', file));
}

/** An item of a cluster-development day as the corpus holds it. */
export interface DayItem {
  readonly source: string;
  readonly url: string;
  readonly title: string;
  readonly text: string;
}

/**
 * Each cluster-development day's outlet as one feed document, as a poll reads it: the text every
 * item repeats (a channel's description) is dropped, and `feedLanguageOf` names its language.
 */
export function clusterDayDocuments(): { feed: string; items: DayItem[]; feedLanguage: string | null }[] {
  const dir = path.join(CORPUS_DIR, 'topics', 'cluster-dev-days');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => {
      const bySource = new Map<string, DayItem[]>();
      for (const row of readJsonLines<DayItem>(path.join(dir, f)))
        bySource.set(row.source, [...(bySource.get(row.source) ?? []), row]);
      return [...bySource].map(([source, rows]) => {
        const items = stripFeedFurniture(rows);
        return { feed: `${f} ${source}`, items, feedLanguage: feedLanguageOf(items) };
      });
    });
}
