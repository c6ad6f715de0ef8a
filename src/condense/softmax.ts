/** The softmax in log space, shared by the topic model's training and its use. */

/** log Σ exp(scores), computed without overflow; -Infinity for no scores. */
export function logSumExp(scores: ArrayLike<number>): number {
  const values = Array.from(scores);
  let max = -Infinity;
  for (const s of values) max = Math.max(max, s);
  if (max === -Infinity) return max;
  let sum = 0;
  for (const s of values) sum += Math.exp(s - max);
  return max + Math.log(sum);
}

/** Log-probabilities of scores (logits). */
export function logSoftmax(scores: ArrayLike<number>): number[] {
  const z = logSumExp(scores);
  return Array.from(scores, (s) => s - z);
}
