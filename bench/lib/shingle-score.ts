/**
 * The article-extraction benchmark's own measure: shingles of 4 consecutive word tokens (letters,
 * digits and underscore, case kept); per page, true and false positives and negatives normalised by
 * their sum; precision and recall averaged over the pages where they are defined; F1 of the two.
 */

const TOKEN = /[\p{L}\p{N}_]+/gu;
const SHINGLE = 4;

/** Normalised true positives, false positives and false negatives of one page. */
export interface PageCounts {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

function shingles(text: string): Map<string, number> {
  const tokens = text.match(TOKEN) ?? [];
  const counts = new Map<string, number>();
  // A text shorter than one shingle is one shorter shingle, as in the benchmark.
  const last = Math.max(1, tokens.length - SHINGLE + 1);
  for (let i = 0; i < last; i++) {
    const key = tokens.slice(i, i + SHINGLE).join('\u0001');
    if (key !== '') counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Counts of one page, normalised so that long pages weigh no more than short ones. */
export function pageCounts(truth: string, predicted: string): PageCounts {
  const expected = shingles(truth);
  const got = shingles(predicted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, count] of got) {
    const want = expected.get(key) ?? 0;
    tp += Math.min(count, want);
    fp += Math.max(0, count - want);
  }
  for (const [key, count] of expected) fn += Math.max(0, count - (got.get(key) ?? 0));
  const sum = tp + fp + fn;
  return sum > 0 ? { tp: tp / sum, fp: fp / sum, fn: fn / sum } : { tp, fp, fn };
}

/** Precision, recall and F1 over pages, as the benchmark averages them. */
export function extractionScore(pages: readonly PageCounts[]): {
  precision: number;
  recall: number;
  f1: number;
} {
  const precisions: number[] = [];
  const recalls: number[] = [];
  for (const { tp, fp, fn } of pages) {
    const perfect = fp === 0 && fn === 0;
    if (tp + fp > 0) precisions.push(perfect ? 1 : tp / (tp + fp));
    if (tp + fn > 0) recalls.push(perfect ? 1 : tp / (tp + fn));
  }
  const avg = (xs: readonly number[]): number =>
    xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
  const precision = avg(precisions);
  const recall = avg(recalls);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
