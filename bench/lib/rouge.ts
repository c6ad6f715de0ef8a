/**
 * ROUGE as the corpus README defines it: F1 over lower-cased alphanumeric tokens, no stemming.
 * ROUGE-N counts shared n-grams; ROUGE-L uses the longest common subsequence of the two texts.
 */

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

function f1(overlap: number, candidate: number, reference: number): number {
  if (overlap === 0 || candidate === 0 || reference === 0) return 0;
  const precision = overlap / candidate;
  const recall = overlap / reference;
  return (2 * precision * recall) / (precision + recall);
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
  return f1(overlap, candTotal, refTotal);
}

/** ROUGE-L F1: the longest common subsequence of the whole token sequences. */
export function rougeL(candidate: string, reference: string): number {
  const a = rougeTokens(candidate);
  const b = rougeTokens(reference);
  if (a.length === 0 || b.length === 0) return 0;
  let previous = new Uint16Array(b.length + 1);
  let current = new Uint16Array(b.length + 1);
  for (const token of a) {
    for (let j = 1; j <= b.length; j++) {
      current[j] =
        token === b[j - 1] ? (previous[j - 1] ?? 0) + 1 : Math.max(previous[j] ?? 0, current[j - 1] ?? 0);
    }
    [previous, current] = [current, previous];
  }
  return f1(previous[b.length] ?? 0, a.length, b.length);
}

/** Mean of the values, 0 for none. */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Mean ROUGE-1, -2 and -L F1 (as percentages) of candidates against their references. */
export function rougeScores(pairs: readonly { readonly candidate: string; readonly reference: string }[]): {
  r1: number;
  r2: number;
  rl: number;
} {
  return {
    r1: 100 * mean(pairs.map((p) => rougeN(p.candidate, p.reference, 1))),
    r2: 100 * mean(pairs.map((p) => rougeN(p.candidate, p.reference, 2))),
    rl: 100 * mean(pairs.map((p) => rougeL(p.candidate, p.reference))),
  };
}
