/**
 * Fitting the topic model and choosing its cut-offs: the steps that `npm run train:topics` runs on
 * the whole corpus and the benchmark reruns on splits of it.
 */

import { logSoftmax } from '../condense/softmax.js';
import { appendDense, vectorizeCounts, type SparseVector } from '../condense/topic-model.js';
import { trainSoftmax, type SoftmaxFit } from './softmax.js';
import { buildVocabulary, type Vocabulary } from './vocabulary.js';

/** An item ready to learn from: its features, outlet and class index. */
export interface TrainingItem {
  readonly counts: ReadonlyMap<string, number>;
  readonly source: string;
  readonly label: number;
  /** The item's mean word vector (see `topicWordVector`), when the model reads one. */
  readonly dense?: Float32Array | null;
  /** How much the item counts beside the others of its outlet and label; 1 when absent. */
  readonly weight?: number;
}

/** How the model is fitted. */
export interface FitOptions {
  readonly l2: number;
  readonly maxIterations: number;
  readonly minItems: number;
  readonly minSources: number;
  /**
   * Each item weighs (items of its outlet and label)^-sourcePower before the classes are balanced:
   * at 0.5 an outlet that files most of a label's items cannot make its house style that label.
   */
  readonly sourcePower: number;
  /** Largest share of a feature's frequency one outlet may hold (see `buildVocabulary`). */
  readonly maxOutletShare?: number;
  /**
   * Length of the items' mean word vector, L2-normalised, beside the word features (whose vector
   * has length 1); 0 or absent: word features only.
   */
  readonly denseWeight?: number;
}

/** Settings chosen on the outlet split (see `npm run bench -- topics`). */
export const FIT_OPTIONS: FitOptions = {
  l2: 3e-5,
  maxIterations: 200,
  minItems: 3,
  minSources: 2,
  sourcePower: 0.5,
  // The mean word vector beside the words: on held-out outlets muting leaked 3–10 points less per
  // class at the same wrong removals (`npx tsx bench/train/topic-variants.ts --vectors base vectors-1`).
  denseWeight: 1,
};

/** A fitted model: vocabulary and weights. */
export interface FittedTopics {
  readonly classes: number;
  readonly vocabulary: Vocabulary;
  readonly fit: SoftmaxFit;
  /** Dimensions of the mean word vector read after the vocabulary; 0 when none. */
  readonly dimensions: number;
  readonly denseWeight: number;
}

/** Fits the weights on the items, each class weighing the same in total. */
export function fitTopics(
  items: readonly TrainingItem[],
  classes: number,
  options: FitOptions,
): FittedTopics {
  const vocabulary = buildVocabulary(items, options);
  const groups = new Map<string, number>();
  const groupOf = (item: TrainingItem): string => `${item.source}\u0000${item.label}`;
  for (const item of items) groups.set(groupOf(item), (groups.get(groupOf(item)) ?? 0) + 1);
  const raw = items.map(
    (item) => (item.weight ?? 1) * (groups.get(groupOf(item)) ?? 1) ** -options.sourcePower,
  );
  const totals = new Array<number>(classes).fill(0);
  items.forEach((item, i) => (totals[item.label] = (totals[item.label] ?? 0) + (raw[i] ?? 0)));
  const denseWeight = options.denseWeight ?? 0;
  const dimensions = denseWeight > 0 ? (items.find((i) => i.dense)?.dense?.length ?? 0) : 0;
  const shape = { classes, vocabulary, dimensions, denseWeight };
  const examples = items.map((item, i) => ({
    x: vectorOf(shape, item.counts, item.dense),
    label: item.label,
    weight: ((raw[i] ?? 0) * items.length) / (classes * Math.max(totals[item.label] ?? 1, 1e-12)),
  }));
  const width = vocabulary.features.length + dimensions;
  const fit = trainSoftmax(examples, width, classes, options.l2, options.maxIterations);
  return { ...shape, fit };
}

function vectorOf(
  model: Omit<FittedTopics, 'fit'>,
  counts: ReadonlyMap<string, number>,
  dense: Float32Array | null | undefined,
): SparseVector {
  const { vocabulary, dimensions, denseWeight } = model;
  const sparse = vectorizeCounts(counts, vocabulary.index, vocabulary.idf);
  return dimensions > 0 ? appendDense(sparse, dense, vocabulary.features.length, denseWeight) : sparse;
}

/** Raw logits of an item's features (and mean word vector) under a fitted model. */
export function logitsOf(
  model: FittedTopics,
  counts: ReadonlyMap<string, number>,
  dense?: Float32Array | null,
): Float64Array {
  const { classes, fit } = model;
  const x = vectorOf(model, counts, dense);
  const out = Float64Array.from(fit.bias);
  for (let k = 0; k < x.index.length; k++) {
    const base = (x.index[k] ?? 0) * classes;
    for (let c = 0; c < classes; c++)
      out[c] = (out[c] ?? 0) + (fit.weights[base + c] ?? 0) * (x.value[k] ?? 0);
  }
  return out;
}

/** Probabilities of logits divided by a temperature. */
export function probabilitiesOf(logits: ArrayLike<number>, temperature: number): number[] {
  return logSoftmax(Array.from(logits, (l) => l / temperature)).map(Math.exp);
}

/** The temperature (0.25–4) under which held-out logits give their labels the highest likelihood. */
export function fitTemperature(logits: readonly ArrayLike<number>[], labels: readonly number[]): number {
  let best = 1;
  let bestLoss = Infinity;
  for (let t = 0.25; t <= 4.0001; t += 0.05) {
    let loss = 0;
    logits.forEach((l, i) => {
      loss -= Math.log(Math.max(probabilitiesOf(l, t)[labels[i] ?? 0] ?? 0, 1e-12));
    });
    if (loss < bestLoss) {
      bestLoss = loss;
      best = Math.round(t * 100) / 100;
    }
  }
  return best;
}

/**
 * For each class, the lowest probability at which muting it removes at most `falseRemoval` of the
 * held-out items of the other classes (never below `floor`).
 */
export function chooseThresholds(
  probabilities: readonly (readonly number[])[],
  labels: readonly number[],
  classes: number,
  falseRemoval: number,
  floor: number,
): number[] {
  return Array.from({ length: classes }, (_, c) => {
    const others = probabilities
      .filter((_, i) => labels[i] !== c)
      .map((p) => p[c] ?? 0)
      .sort((a, b) => b - a);
    const allowed = Math.floor(falseRemoval * others.length);
    // Just above the first score that would remove one item too many.
    const cut = others[allowed] ?? 0;
    return Math.max(floor, Math.ceil(cut * 1000 + 1e-9) / 1000);
  });
}

/**
 * Thresholds that hold outlet by outlet: {@link chooseThresholds} on each group of items (a fold
 * of outlets) alone, and per class the highest of them, so that no group's items would have lost
 * more than `falseRemoval` of the other classes. An unseen outlet is another group, and pooled
 * thresholds let a newsroom that words things unlike the rest through.
 */
export function chooseThresholdsByGroup(
  probabilities: readonly (readonly number[])[],
  labels: readonly number[],
  groups: readonly number[],
  classes: number,
  falseRemoval: number,
  floor: number,
): number[] {
  const best = new Array<number>(classes).fill(floor);
  for (const group of new Set(groups)) {
    const at = groups.flatMap((g, i) => (g === group ? [i] : []));
    const found = chooseThresholds(
      at.map((i) => probabilities[i] ?? []),
      at.map((i) => labels[i] ?? 0),
      classes,
      falseRemoval,
      floor,
    );
    found.forEach((t, c) => (best[c] = Math.max(best[c] ?? floor, t)));
  }
  return best;
}
