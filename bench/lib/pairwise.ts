/** Pairwise clustering scores: every pair of items is a decision to put them together or apart. */

/** Precision, recall and F1 of the pairs put together, against the labelled pairs. */
export function pairwiseScores(
  truth: ReadonlyMap<string, string>,
  predicted: ReadonlyMap<string, string | number>,
): { precision: number; recall: number; f1: number; pairs: number } {
  const ids = [...truth.keys()];
  let truePositive = 0;
  let predictedPairs = 0;
  let truePairs = 0;
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = ids[i] ?? '';
      const b = ids[j] ?? '';
      const same = truth.get(a) === truth.get(b);
      const together = predicted.get(a) !== undefined && predicted.get(a) === predicted.get(b);
      if (same) truePairs++;
      if (together) predictedPairs++;
      if (same && together) truePositive++;
    }
  }
  const precision = predictedPairs === 0 ? 1 : truePositive / predictedPairs;
  const recall = truePairs === 0 ? 1 : truePositive / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, pairs: truePairs };
}
