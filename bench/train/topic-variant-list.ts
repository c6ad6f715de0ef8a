/** The ways of fitting the topic model that `topic-variants.ts` compares. */

import { HOLD_OUT_RULE, RULE_OPTIONS } from '../../src/training/build-model.js';
import { FIT_OPTIONS } from '../../src/training/fit-topics.js';
import { naiveBayes } from './topic-variant-nb.js';
import { nearestVote, outletStableWords, randomRelu } from './topic-variant-probes.js';
import type { Variant } from './topic-variant-score.js';
import { unlabelledPool, selfTraining } from './topic-variant-self.js';
import { CORPUS_DIR } from '../lib/corpus.js';
import { configuredTopics } from '../lib/taxonomy.js';
import { defaultWordVectors } from '../../src/text/word-vectors.js';

// Read only when a self-training variant is asked for: the real feeds take a while to parse.
const pool = process.argv.some((a) => a.includes('-self-'))
  ? await unlabelledPool(
      CORPUS_DIR,
      configuredTopics().map((t) => t.id),
      process.argv.includes('--vectors') ? defaultWordVectors() : null,
    )
  : [];
if (pool.length > 0) console.log(`${pool.length} unlabelled items for self-training`);

// Words only, as the model was before it read word vectors: the variants below compare against it.
const words = { ...FIT_OPTIONS, denseWeight: 0 };
const base: Variant = {
  name: 'base',
  fit: words,
  dropLabelIssues: RULE_OPTIONS.dropLabelIssues,
  calibration: RULE_OPTIONS.calibration,
  falseRemoval: RULE_OPTIONS.falseRemoval,
  mainFloor: RULE_OPTIONS.mainFloor,
  minTopic: RULE_OPTIONS.minTopic,
};

/** The counts with each word's character trigrams beside them, the word's count spread over them. */
function withTrigrams(counts: ReadonlyMap<string, number>): Map<string, number> {
  const out = new Map(counts);
  for (const [feature, count] of counts) {
    if (feature.includes(' ')) continue;
    const padded = `<${feature}>`;
    const grams = padded.length - 2;
    for (let i = 0; i + 3 <= padded.length; i++) {
      const gram = `#${padded.slice(i, i + 3)}`;
      out.set(gram, (out.get(gram) ?? 0) + count / grams);
    }
  }
  return out;
}

const unigrams = (counts: ReadonlyMap<string, number>): Map<string, number> =>
  new Map([...counts].filter(([f]) => !f.includes(' ')));

/** Every variant, by name. */
export const VARIANTS: readonly Variant[] = [
  base,
  { ...base, name: 'keep-issues', dropLabelIssues: false },
  {
    ...base,
    name: 'hold-out',
    dropLabelIssues: HOLD_OUT_RULE.dropLabelIssues,
    calibration: HOLD_OUT_RULE.calibration,
    falseRemoval: HOLD_OUT_RULE.falseRemoval,
  },
  {
    ...base,
    name: 'hold-out-drop-issues',
    calibration: HOLD_OUT_RULE.calibration,
    falseRemoval: HOLD_OUT_RULE.falseRemoval,
  },
  { ...base, name: 'l2-1e-4', fit: { ...words, l2: 1e-4 } },
  { ...base, name: 'l2-3e-4', fit: { ...words, l2: 3e-4 } },
  { ...base, name: 'l2-1e-3', fit: { ...words, l2: 1e-3 } },
  { ...base, name: 'sources-3', fit: { ...words, minSources: 3 } },
  { ...base, name: 'source-power-1', fit: { ...words, sourcePower: 1 } },
  { ...base, name: 'unigrams', features: (p) => unigrams(p.counts) },
  { ...base, name: 'l2-1e-5', fit: { ...words, l2: 1e-5 } },
  { ...base, name: 'share-0.5', fit: { ...words, maxOutletShare: 0.5 } },
  { ...base, name: 'share-0.7', fit: { ...words, maxOutletShare: 0.7 } },
  { ...base, name: 'nb-0.1', model: naiveBayes(0.1, 3, 2) },
  { ...base, name: 'nb-1', model: naiveBayes(1, 3, 2) },
  { ...base, name: 'nb-0.1-keep', dropLabelIssues: false, model: naiveBayes(0.1, 3, 2) },
  // With --vectors: the mean word vector beside the words, at these lengths against the words' 1.
  ...[0.5, 1, 2].map((w) => ({ ...base, name: `vectors-${w}`, fit: { ...words, denseWeight: w } })),
  ...[1, 2].map((w) => ({
    ...base,
    name: `hold-out-vectors-${w}`,
    fit: { ...words, denseWeight: w },
    dropLabelIssues: HOLD_OUT_RULE.dropLabelIssues,
    calibration: HOLD_OUT_RULE.calibration,
    falseRemoval: HOLD_OUT_RULE.falseRemoval,
  })),
  // The committed rule (doubtful labels left out, pooled thresholds) with the vectors, fold by fold.
  {
    ...base,
    name: 'vectors-1-by-fold-0.03',
    fit: { ...words, denseWeight: 1 },
    thresholdsBy: 'fold' as const,
    falseRemoval: 0.03,
  },
  // With --vectors: a random hidden layer of 256 ReLUs over the mean vector beside it, and the
  // committed fit without the words whose leaning differs between outlets.
  {
    ...base,
    name: 'vectors-1-random-relu',
    fit: { ...words, denseWeight: 1 },
    model: randomRelu(256, { ...words, denseWeight: 1 }),
  },
  ...[
    [5, 0.5],
    [3, 0.6],
  ].map(([minItems = 5, agreement = 0.5]) => ({
    ...base,
    name: `vectors-1-outlet-stable-${minItems}-${agreement}`,
    fit: { ...words, denseWeight: 1 },
    model: outletStableWords(minItems, agreement, { ...words, denseWeight: 1 }),
  })),
  // With --vectors: character trigrams of each word beside the words, so a word never fitted is read
  // by its parts ("microsoft's", "cyberattack"), each word's trigrams weighing as much as one word.
  {
    ...base,
    name: 'vectors-1-trigrams',
    fit: { ...words, denseWeight: 1 },
    features: (p) => withTrigrams(p.counts),
  },
  // With --vectors: the fit's confident readings of unlabelled news added to its items, then refitted.
  // Measured: no class's leaks or wrong removals moved by more than 0.9 points (README, Topics).
  ...[
    [0.9, 0.5],
    [0.8, 1],
  ].map(([confidence = 0.9, weight = 1]) => ({
    ...base,
    name: `vectors-1-self-${confidence}-${weight}`,
    fit: { ...words, denseWeight: 1 },
    model: selfTraining(pool, confidence, weight, { ...words, denseWeight: 1 }),
  })),
  // With --vectors: the committed fit's logits plus the log of a vote among the nearest training items.
  ...[0.5, 1].map((w) => ({
    ...base,
    name: `vectors-1-nearest-30-${w}`,
    fit: { ...words, denseWeight: 1 },
    model: nearestVote(30, w, { ...words, denseWeight: 1 }),
  })),
  // Thresholds that hold fold by fold (the strictest of the tuning folds' own), on the fits of the
  // variants above: the hold-out fit (every label kept) with and without the word vectors.
  ...[0, 1].flatMap((w) =>
    [0.02, 0.03].map((r) => ({
      ...base,
      name: `hold-out${w > 0 ? `-vectors-${w}` : ''}-by-fold-${r}`,
      fit: { ...words, denseWeight: w },
      dropLabelIssues: false,
      thresholdsBy: 'fold' as const,
      falseRemoval: r,
    })),
  ),
];
