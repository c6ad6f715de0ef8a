/** Access to the shared evaluation corpus, which lives beside the repository and not in it. */

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Root of the shared corpus. */
export const CORPUS_DIR = path.resolve(import.meta.dirname, '../../../shared/corpus');

/**
 * Whether the corpus is present. A fresh clone has none and skips corpus tests with a message;
 * in CI a missing corpus is an error, so the evaluation can never silently stop running.
 */
export function corpusAvailable(suite: string): boolean {
  const available = existsSync(CORPUS_DIR);
  if (!available && process.env.CI)
    throw new Error(`${suite}: corpus missing at ${CORPUS_DIR} (required in CI)`);
  if (!available) console.log(`${suite}: skipped, no corpus at ${CORPUS_DIR}`);
  return available;
}

/** One CNN/DailyMail or BBC row of the summaries corpus. */
export interface SummaryRow {
  readonly id: string;
  readonly article: string;
  readonly reference: string;
  readonly title?: string;
  readonly topic?: string;
}

/** The rows of a JSON-lines file under `summaries/`. */
export function readSummaries(file: string): SummaryRow[] {
  return readFileSync(path.join(CORPUS_DIR, 'summaries', file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as SummaryRow);
}

/** The seed article: headline on the first line, then the text as a scraper returned it. */
export function readSeedArticle(): { title: string; text: string } {
  const [title = '', ...rest] = readFileSync(path.join(CORPUS_DIR, 'seed-article.txt'), 'utf8').split('\n');
  return { title: title.trim(), text: rest.join('\n') };
}
