/** ROUGE-N F1 as the corpus README defines it: lower-cased alphanumeric tokens, no stemming. */

/** Lower-cased alphanumeric tokens of a text. */
export function rougeTokens(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/gu) ?? [];
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const gram = tokens.slice(i, i + n).join(' ');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/** ROUGE-N F1 of a candidate against one reference, in [0, 1]; 0 when either side has no n-gram. */
export function rougeN(candidate: string, reference: string, n: number): number {
  const cand = ngramCounts(rougeTokens(candidate), n);
  const ref = ngramCounts(rougeTokens(reference), n);
  let overlap = 0;
  let candTotal = 0;
  let refTotal = 0;
  for (const count of cand.values()) candTotal += count;
  for (const [gram, count] of ref) {
    refTotal += count;
    overlap += Math.min(count, cand.get(gram) ?? 0);
  }
  if (overlap === 0) return 0;
  const precision = overlap / candTotal;
  const recall = overlap / refTotal;
  return (2 * precision * recall) / (precision + recall);
}

/** Mean of the values, 0 for none. */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
