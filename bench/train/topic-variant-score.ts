/**
 * Scores one way of fitting the topic model on folds of outlets: held-out logits per fold, then
 * each fold's temperature and thresholds chosen on the other folds' held-out predictions.
 */

import type { PreparedItem } from '../../src/training/build-model.js';
import {
  chooseThresholds,
  chooseThresholdsByGroup,
  fitTemperature,
  fitTopics,
  logitsOf,
  probabilitiesOf,
  type FitOptions,
  type TrainingItem,
} from '../../src/training/fit-topics.js';
import { FOUR_CLASSES, muteRates, type MuteRates } from '../../src/training/mute-rates.js';

/** One way of fitting: fit options, a feature rewrite and the rule's cut-offs. */
export interface Variant {
  readonly name: string;
  readonly fit: FitOptions;
  /** Rewrites an item's features (both for training and testing); the identity when absent. */
  readonly features?: (item: PreparedItem) => ReadonlyMap<string, number>;
  /** Leave out training items whose held-out prediction confidently contradicts their label. */
  readonly dropLabelIssues: boolean;
  /** Which held-out predictions choose the thresholds (see `RuleOptions.calibration`). */
  readonly calibration: 'kept' | 'every item';
  readonly falseRemoval: number;
  readonly mainFloor: number;
  /** Thresholds from the tuning items pooled (absent), or the strictest of each fold's own. */
  readonly thresholdsBy?: 'fold';
  readonly minTopic: number;
  /** Fits a model and returns its logits for the test items; logistic regression when absent. */
  readonly model?: (
    train: readonly TrainingItem[],
    test: readonly TrainingItem[],
    classes: number,
  ) => Float64Array[];
}

/** Pooled held-out scores of a variant. */
export interface VariantScore {
  readonly accuracy: number;
  readonly untagged: number;
  readonly fourClasses: readonly MuteRates[];
  /**
   * Per class, leaks at the cut-off that removes 3% of the other classes, chosen on the test items
   * themselves: how well the model ranks, apart from how well its thresholds travel.
   */
  readonly rankingLeaks: readonly number[];
}

type IssueFinder = (
  logits: readonly ArrayLike<number>[],
  labels: readonly number[],
  classes: number,
) => Set<number>;

/** Held-out logits of every item, fold by fold, fitted on the other folds' items that `keep` allows. */
function foldLogits(
  items: readonly TrainingItem[],
  sources: readonly string[],
  folds: readonly (readonly string[])[],
  classes: number,
  variant: Variant,
  keep: (i: number) => boolean,
  extra: readonly TrainingItem[],
): Float64Array[] {
  const out = new Array<Float64Array>(items.length);
  for (const fold of folds) {
    const inFold = new Set(fold);
    const train = [...items.filter((_, i) => !inFold.has(sources[i] ?? '') && keep(i)), ...extra];
    const test = items.filter((i) => inFold.has(i.source));
    const testAt = items.flatMap((_, i) => (inFold.has(sources[i] ?? '') ? [i] : []));
    const logits =
      variant.model?.(train, test, classes) ??
      ((): Float64Array[] => {
        const model = fitTopics(train, classes, variant.fit);
        return test.map((t) => logitsOf(model, t.counts, t.dense));
      })();
    testAt.forEach((at, k) => (out[at] = logits[k] ?? new Float64Array(classes)));
  }
  return out;
}

interface Fitted {
  readonly logits: Float64Array[];
  readonly issues: Set<number>;
}
const fitted = new Map<string, Fitted>();

/** Scores `variant` on the outlet folds. */
export function scoreVariant(
  prepared: readonly PreparedItem[],
  labels: readonly string[],
  folds: readonly (readonly string[])[],
  variant: Variant,
  findIssues: IssueFinder,
  extraItems: readonly PreparedItem[] = [],
): VariantScore {
  const classes = labels.length;
  const items: TrainingItem[] = prepared.map((p) => ({
    counts: variant.features?.(p) ?? p.counts,
    dense: p.dense ?? null,
    source: p.source,
    label: p.label,
  }));
  // Items that are only ever trained on (weak labels of other data), never tested.
  const extra: TrainingItem[] = extraItems.map((p) => ({
    counts: variant.features?.(p) ?? p.counts,
    dense: p.dense ?? null,
    source: p.source,
    label: p.label,
  }));
  const sources = items.map((i) => i.source);
  const truth = items.map((i) => i.label);
  // Variants that differ only in their cut-offs share one set of fits.
  const key =
    variant.features === undefined && variant.model === undefined
      ? `${JSON.stringify(variant.fit)}|${variant.dropLabelIssues}|${prepared.length}|${extra.length}`
      : null;
  const { logits, issues } = (key === null ? undefined : fitted.get(key)) ?? fit();
  if (key !== null) fitted.set(key, { logits, issues });
  function fit(): Fitted {
    const first = foldLogits(items, sources, folds, classes, variant, () => true, extra);
    if (!variant.dropLabelIssues) return { logits: first, issues: new Set() };
    const issues = findIssues(first, truth, classes);
    return {
      logits: foldLogits(items, sources, folds, classes, variant, (i) => !issues.has(i), extra),
      issues,
    };
  }
  const main: string[][] = new Array<string[]>(items.length);
  const tested: number[][] = new Array<number[]>(items.length);
  let correct = 0;
  let untagged = 0;
  for (const fold of folds) {
    const inFold = new Set(fold);
    const everyItem = variant.calibration === 'every item';
    const tune = items.flatMap((_, i) =>
      !inFold.has(sources[i] ?? '') && (everyItem || !issues.has(i)) ? [i] : [],
    );
    const tuneLogits = tune.map((i) => logits[i] ?? new Float64Array(classes));
    const tuneTruth = tune.map((i) => truth[i] ?? 0);
    const temperature = fitTemperature(tuneLogits, tuneTruth);
    const tuneP = tuneLogits.map((l) => probabilitiesOf(l, temperature));
    const thresholds =
      variant.thresholdsBy === 'fold'
        ? chooseThresholdsByGroup(
            tuneP,
            tuneTruth,
            tune.map((i) => folds.findIndex((f) => f.includes(sources[i] ?? ''))),
            classes,
            variant.falseRemoval,
            variant.mainFloor,
          )
        : chooseThresholds(tuneP, tuneTruth, classes, variant.falseRemoval, variant.mainFloor);
    items.forEach((_, i) => {
      if (!inFold.has(sources[i] ?? '')) return;
      const p = probabilitiesOf(logits[i] ?? new Float64Array(classes), temperature);
      tested[i] = p;
      const top = p.indexOf(Math.max(...p));
      if (top === truth[i]) correct++;
      const muted = labels.filter((_, c) => (p[c] ?? 0) >= (thresholds[c] ?? 1));
      main[i] = muted;
      if (muted.length === 0 && (p[top] ?? 0) < variant.minTopic) untagged++;
    });
  }
  return {
    accuracy: correct / items.length,
    untagged: untagged / items.length,
    fourClasses: muteRates(
      main,
      truth.map((t) => labels[t] ?? ''),
      FOUR_CLASSES,
    ),
    rankingLeaks: rankingLeaks(tested, truth, labels, 0.03),
  };
}

function rankingLeaks(
  probabilities: readonly (readonly number[])[],
  truth: readonly number[],
  labels: readonly string[],
  falseRemoval: number,
): number[] {
  const classOf = (label: number): string | undefined =>
    Object.keys(FOUR_CLASSES).find((name) => FOUR_CLASSES[name]?.includes(labels[label] ?? ''));
  return Object.entries(FOUR_CLASSES).map(([name, topics]) => {
    const columns = topics.map((t) => labels.indexOf(t));
    const own: number[] = [];
    const others: number[] = [];
    probabilities.forEach((p, i) => {
      const member = classOf(truth[i] ?? -1);
      if (member === undefined) return;
      const score = Math.max(...columns.map((c) => p[c] ?? 0));
      (member === name ? own : others).push(score);
    });
    others.sort((a, b) => b - a);
    const cut = others[Math.floor(falseRemoval * others.length)] ?? 0;
    return own.filter((x) => x <= cut).length / Math.max(own.length, 1);
  });
}
