/**
 * `npx tsx bench/train/topic-variants.ts [name…]`: ways of fitting the topic model compared on
 * outlets they were not fitted on. Each variant is fitted once per fold of outlets; the fold's
 * calibration and mute thresholds are chosen on the held-out predictions of the other folds, never
 * on its own labels. Cheaper than `npm run bench -- topics` (no nested folds), so it ranks
 * variants; the chosen one is then checked there.
 */

import path from 'node:path';
import { labelIssues, outletFolds, prepareItems, type PreparedItem } from '../../src/training/build-model.js';
import { defaultWordVectors } from '../../src/text/word-vectors.js';
import { feedCorpusItems, topicCorpusItems } from '../../src/training/weak-labels.js';
import { CORPUS_DIR, hasCorpus } from '../lib/corpus.js';
import { configuredTopics } from '../lib/taxonomy.js';
import { VARIANTS } from './topic-variant-list.js';
import { scoreVariant } from './topic-variant-score.js';

if (!hasCorpus()) {
  console.log(`No corpus at ${CORPUS_DIR}: nothing to measure.`);
  process.exit(0);
}
const topics = configuredTopics();
const labels = topics.map((t) => t.id);
const args = process.argv.slice(2);
// --vectors: each item carries its mean word vector, which variants with a denseWeight read.
const vectors = args.includes('--vectors') ? defaultWordVectors() : null;
const items: PreparedItem[] = prepareItems(topicCorpusItems(CORPUS_DIR), labels, vectors);
const folds = outletFolds(items, 5);
// --feeds: the real feeds' weakly labelled items join every fold's training part (never tested).
const extra = args.includes('--feeds')
  ? prepareItems(await feedCorpusItems(path.join(CORPUS_DIR, 'feeds'), topics), labels, vectors)
  : [];
const wanted = args.filter((a) => !a.startsWith('--'));
if (extra.length > 0) console.log(`${extra.length} weakly labelled feed items join every training part`);
const pct = (x: number): string => (100 * x).toFixed(1).padStart(5);
console.log(`${items.length} items, folds: ${folds.map((f) => f.join('+')).join(' | ')}`);
console.log(
  '| variant | acc | untagged | sport leak/wrong | business | sci/tech | world | ranking leaks @3% | s |\n|---|---|---|---|---|---|---|---|---|',
);
for (const variant of VARIANTS.filter((v) => wanted.length === 0 || wanted.includes(v.name))) {
  const started = Date.now();
  const score = scoreVariant(items, labels, folds, variant, labelIssues, extra);
  const cells = score.fourClasses.map((r) => `${pct(r.leaks)} / ${pct(r.wronglyRemoved)}`);
  console.log(
    `| ${variant.name} | ${pct(score.accuracy)} | ${pct(score.untagged)} | ${cells.join(' | ')} | ${score.rankingLeaks.map(pct).join(' ')} | ${Math.round((Date.now() - started) / 1000)} |`,
  );
}
