/** Multinomial naive Bayes as a variant of the topic model: a baseline that often travels well. */

import type { TrainingItem } from '../../src/training/fit-topics.js';
import { buildVocabulary } from '../../src/training/vocabulary.js';

/** Class-balanced multinomial naive Bayes on binary features; returns the test items' log-scores. */
export function naiveBayes(alpha: number, minItems: number, minSources: number) {
  return (train: readonly TrainingItem[], test: readonly TrainingItem[], classes: number): Float64Array[] => {
    const vocabulary = buildVocabulary(train, { minItems, minSources });
    const size = vocabulary.features.length;
    const perClass = new Array<number>(classes).fill(0);
    for (const item of train) perClass[item.label] = (perClass[item.label] ?? 0) + 1;
    const counts = new Float64Array(size * classes);
    const totals = new Float64Array(classes);
    for (const item of train) {
      // Each class weighs the same in total, whatever its size.
      const w = 1 / Math.max(perClass[item.label] ?? 1, 1);
      for (const f of item.counts.keys()) {
        const at = vocabulary.index.get(f);
        if (at === undefined) continue;
        counts[at * classes + item.label] = (counts[at * classes + item.label] ?? 0) + w;
        totals[item.label] = (totals[item.label] ?? 0) + w;
      }
    }
    const logP = new Float64Array(size * classes);
    for (let f = 0; f < size; f++)
      for (let c = 0; c < classes; c++)
        logP[f * classes + c] = Math.log(
          ((counts[f * classes + c] ?? 0) + (alpha * (totals[c] ?? 0)) / size) /
            ((totals[c] ?? 0) * (1 + alpha)),
        );
    return test.map((item) => {
      const out = new Float64Array(classes);
      for (const f of item.counts.keys()) {
        const at = vocabulary.index.get(f);
        if (at === undefined) continue;
        for (let c = 0; c < classes; c++) out[c] = (out[c] ?? 0) + (logP[at * classes + c] ?? 0);
      }
      return out;
    });
  };
}
