/** Paths and readers of the shared evaluation corpus, which lives beside the repository, never in it. */

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

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
