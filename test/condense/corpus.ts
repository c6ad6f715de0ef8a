/** Access to the shared evaluation corpus, which lives beside the repository and not in it. */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CORPUS_DIR, hasCorpus } from '../../bench/lib/corpus.js';

export { CORPUS_DIR };

/**
 * Whether the corpus is present. A fresh clone has none and skips corpus tests with a message;
 * in CI a missing corpus is an error, so the evaluation can never silently stop running.
 */
export function corpusAvailable(suite: string): boolean {
  const available = hasCorpus();
  if (!available && process.env.CI)
    throw new Error(`${suite}: corpus missing at ${CORPUS_DIR} (required in CI)`);
  if (!available) console.log(`${suite}: skipped, no corpus at ${CORPUS_DIR}`);
  return available;
}

/** The rows of a JSON-lines file under `summaries/`: the reader the evaluation itself uses. */
export { readSummaryRows as readSummaries, type SummaryRow } from '../../bench/lib/corpus.js';

/** The seed article: headline on the first line, then the text as a scraper returned it. */
export function readSeedArticle(): { title: string; text: string } {
  const [title = '', ...rest] = readFileSync(path.join(CORPUS_DIR, 'seed-article.txt'), 'utf8').split('\n');
  return { title: title.trim(), text: rest.join('\n') };
}
