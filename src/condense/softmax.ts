/** The softmax in log space, shared by the topic model's training and its use. */

/** log Σ exp(scores), computed without overflow; -Infinity for no scores. */
export function logSumExp(scores: ArrayLike<number>): number {
  let max = -Infinity;
  for (let c = 0; c < scores.length; c++) max = Math.max(max, scores[c] ?? -Infinity);
  if (max === -Infinity) return max;
  let sum = 0;
  for (let c = 0; c < scores.length; c++) sum += Math.exp((scores[c] ?? 0) - max);
  return max + Math.log(sum);
}

/** Log-probabilities of scores (logits). */
export function logSoftmax(scores: ArrayLike<number>): number[] {
  const z = logSumExp(scores);
  return Array.from(scores, (s) => s - z);
}
