/**
 * `npx tsx bench/train/topic-expansion.ts [--rows=N] [k,minCos …]`: does the topic model gain from
 * words it never saw in training, each given the weights of its nearest fitted words in the
 * pretrained vectors ("yukos" → khodorkovsky, gazprom, lukoil; "greenspan" → bernanke, fed)?
 *
 * Fitted words are stems; a vector word whose stem the fit lacks takes the cosine-weighted mean of
 * the weights (and idf) of up to k of its nearest neighbours (among the `rows` most frequent words,
 * cosine ≥ minCos) whose stems the fit holds, shrunk by their mean cosine. Two measures, since the
 * gain should show where vocabulary moves, across outlets and across years:
 * - outlets held out as `topic-variants.ts` holds them out (leaks / wrongly removed by URL section,
 *   and ranking leaks at 3% removed), fitted and expanded per fold;
 * - BBC-100 (2004–05, never trained on): per class, the area under the ROC curve of the class's
 *   topics' probability, and how many items' likeliest topic is their class's, fitted on every item.
 */

import { labelIssues, outletFolds, prepareItems } from '../../src/training/build-model.js';
import {
  fitTopics,
  logitsOf,
  probabilitiesOf,
  FIT_OPTIONS,
  type FittedTopics,
  type TrainingItem,
} from '../../src/training/fit-topics.js';
import { topicFeatures, topicWordVector } from '../../src/condense/topic-features.js';
import { isStopword } from '../../src/condense/stopwords.js';
import { stem } from '../../src/condense/tokens.js';
import { defaultWordVectors, normalise, type WordVectors } from '../../src/text/word-vectors.js';
import { topicCorpusItems } from '../../src/training/weak-labels.js';
import { CORPUS_DIR, hasCorpus, readSummaryRows } from '../lib/corpus.js';
import { configuredTopics } from '../lib/taxonomy.js';
import { VARIANTS } from './topic-variant-list.js';
import { scoreVariant } from './topic-variant-score.js';

const NEIGHBOURS = 30;

/** Each of the first `rows` words' nearest `NEIGHBOURS` among them: [row, cosine], closest first. */
function nearestWords(vectors: WordVectors, rows: number): [number, number][][] {
  const dims = vectors.dimensions;
  const table = new Float32Array(rows * dims);
  for (let r = 0; r < rows; r++) {
    const row = table.subarray(r * dims, (r + 1) * dims);
    vectors.addTo(row, r, 1);
    normalise(row);
  }
  const out: [number, number][][] = [];
  for (let a = 0; a < rows; a++) {
    const best: [number, number][] = [];
    let floor = -Infinity;
    for (let b = 0; b < rows; b++) {
      if (b === a) continue;
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += (table[a * dims + d] ?? 0) * (table[b * dims + d] ?? 0);
      if (best.length === NEIGHBOURS && dot <= floor) continue;
      best.push([b, dot]);
      if (best.length > NEIGHBOURS) {
        best.sort((x, y) => y[1] - x[1]);
        best.length = NEIGHBOURS;
        floor = best[NEIGHBOURS - 1]?.[1] ?? -Infinity;
      }
    }
    out.push(best.sort((x, y) => y[1] - x[1]));
  }
  return out;
}

/** The fit with every vector word whose stem it lacks weighed as its fitted neighbours are. */
function expand(
  model: FittedTopics,
  stems: readonly (string | null)[],
  near: readonly (readonly [number, number][])[],
  k: number,
  minCos: number,
): FittedTopics {
  const { vocabulary, classes, fit } = model;
  const fitted = vocabulary.features.length;
  const added: { stem: string; idf: number; weights: number[] }[] = [];
  const seen = new Set<string>();
  near.forEach((neighbours, row) => {
    const own = stems[row];
    if (own === null || own === undefined || vocabulary.index.has(own) || seen.has(own)) return;
    seen.add(own);
    const used: [number, number][] = [];
    for (const [other, cos] of neighbours) {
      if (cos < minCos || used.length >= k) break;
      const at = vocabulary.index.get(stems[other] ?? '');
      if (at !== undefined) used.push([at, cos]);
    }
    if (used.length === 0) return;
    const total = used.reduce((s, [, cos]) => s + cos, 0);
    const shrink = total / used.length;
    const weights = new Array<number>(classes).fill(0);
    let idf = 0;
    for (const [at, cos] of used) {
      idf += (cos * (vocabulary.idf[at] ?? 0)) / total;
      for (let c = 0; c < classes; c++)
        weights[c] = (weights[c] ?? 0) + (cos * shrink * (fit.weights[at * classes + c] ?? 0)) / total;
    }
    added.push({ stem: own, idf, weights });
  });
  const features = [...vocabulary.features, ...added.map((a) => a.stem)];
  const weights = new Float64Array(fit.weights.length + added.length * classes);
  weights.set(fit.weights.subarray(0, fitted * classes));
  added.forEach((a, i) => {
    weights.set(a.weights, (fitted + i) * classes);
  });
  weights.set(fit.weights.subarray(fitted * classes), (fitted + added.length) * classes);
  return {
    ...model,
    vocabulary: {
      features,
      idf: Float64Array.from([...vocabulary.idf, ...added.map((a) => a.idf)]),
      index: new Map(features.map((f, i) => [f, i])),
    },
    fit: { weights, bias: fit.bias },
  };
}

function auc(positive: readonly number[], negative: readonly number[]): number {
  let wins = 0;
  for (const p of positive) for (const n of negative) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / Math.max(positive.length * negative.length, 1);
}

if (!hasCorpus()) {
  console.log(`No corpus at ${CORPUS_DIR}: nothing to measure.`);
  process.exit(0);
}
const args = process.argv.slice(2);
const rows = Number(args.find((a) => a.startsWith('--rows='))?.slice(7) ?? 20_000);
const settings = args
  .filter((a) => !a.startsWith('--'))
  .map((a) => a.split(',').map(Number) as [number, number]);
if (settings.length === 0) settings.push([10, 0.5], [5, 0.6]);
const labels = configuredTopics().map((t) => t.id);
const vectors = defaultWordVectors();
const started = Date.now();
const near = nearestWords(vectors, Math.min(rows, vectors.size));
const stems = near.map((_, row) => {
  const word = vectors.wordAt(row) ?? '';
  return /^\p{L}[\p{L}'-]+$/u.test(word) && !isStopword(word) ? stem(word, 'en') : null;
});
console.log(`nearest words of ${near.length} in ${Math.round((Date.now() - started) / 1000)} s`);

const items = prepareItems(topicCorpusItems(CORPUS_DIR), labels, vectors);
const folds = outletFolds(items, 5);
const base = VARIANTS.find((v) => v.name === 'vectors-1');
if (base === undefined) throw new Error('topic-variant-list has no vectors-1 variant');
const pct = (x: number): string => (100 * x).toFixed(1).padStart(5);
console.log('\nOutlets held out: leaks / wrongly removed by URL section; ranking leaks at 3%');
console.log('| fit | sport | business | sci/tech | world | ranking leaks |\n|---|---|---|---|---|---|');
const outlets = (name: string, model?: (train: readonly TrainingItem[]) => FittedTopics): void => {
  const variant =
    model === undefined
      ? base
      : {
          ...base,
          model: (train: readonly TrainingItem[], test: readonly TrainingItem[]) => {
            const fitted = model(train);
            return test.map((t) => logitsOf(fitted, t.counts, t.dense));
          },
        };
  const score = scoreVariant(items, labels, folds, variant, labelIssues, []);
  const cells = score.fourClasses.map((r) => `${pct(r.leaks)} / ${pct(r.wronglyRemoved)}`);
  console.log(`| ${name} | ${cells.join(' | ')} | ${score.rankingLeaks.map(pct).join(' ')} |`);
};
outlets('words as fitted');
for (const [k, minCos] of settings)
  outlets(`expanded, k ${k}, cosine ≥ ${minCos}`, (train) =>
    expand(fitTopics(train, labels.length, base.fit), stems, near, k, minCos),
  );

const bbc = readSummaryRows('bbc-100.jsonl');
const classTopics: Record<string, readonly string[]> = {
  business: ['business'],
  entertainment: ['culture'],
  politics: ['politics', 'world'],
  sport: ['sport'],
  tech: ['technology', 'science'],
};
console.log('\nBBC-100, fitted on every item: likeliest topic right, AUC per class');
const full = fitTopics(items, labels.length, FIT_OPTIONS);
const bbcLine = (name: string, model: FittedTopics): void => {
  const probabilities = bbc.map((row) => {
    const text = { title: row.title ?? '', text: row.article, language: 'en' };
    return probabilitiesOf(logitsOf(model, topicFeatures(text), topicWordVector(text, vectors)), 1);
  });
  const share = (i: number, topics: readonly string[]): number =>
    topics.reduce((s, t) => s + (probabilities[i]?.[labels.indexOf(t)] ?? 0), 0);
  const right = bbc.filter((row, i) => {
    const p = probabilities[i] ?? [];
    return (classTopics[row.topic ?? ''] ?? []).includes(labels[p.indexOf(Math.max(...p))] ?? '');
  }).length;
  const aucs = Object.entries(classTopics).map(([name, topics]) => {
    const positive = bbc.flatMap((row, i) => (row.topic === name ? [share(i, topics)] : []));
    const negative = bbc.flatMap((row, i) => (row.topic === name ? [] : [share(i, topics)]));
    return `${name} ${auc(positive, negative).toFixed(3)}`;
  });
  console.log(
    `${name} (${model.vocabulary.features.length} features): right ${right} of ${bbc.length}, ${aucs.join(', ')}`,
  );
};
bbcLine('words as fitted', full);
for (const [k, minCos] of settings)
  bbcLine(`expanded, k ${k}, cosine ≥ ${minCos}`, expand(full, stems, near, k, minCos));
