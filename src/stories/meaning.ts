/**
 * What an item means, beyond the words it uses: the rarity-weighted mean of its words' pretrained
 * vectors. Outlets word one event differently ("explosions rock Beirut", "blast hits Beirut"), and
 * words that share no letters still lie close in a vector space learned from text at large.
 *
 * Every text's mean leans toward the same direction (the vector of news at large), which would
 * make any two items look alike; that direction is taken away before the mean is made unit length.
 * Vectors are kept as 8-bit integers, and a story's centroid as their integer sum, so a centroid is
 * the same in any order of addition.
 */

import { stopwordsFor } from '../condense/stopwords.js';
import { lightStem, words } from '../condense/tokens.js';
import type { WordVectors } from '../text/word-vectors.js';

/** How an engine turns texts into meanings. */
export interface MeaningReader {
  readonly dimensions: number;
  /** The unit meaning of a headline and a lead, scaled to 8 bits; null when too few words are known. */
  read(title: string, lead: string, language: string): Int8Array | null;
}

/** Units of a meaning's components. */
export const MEANING_SCALE = 127;
/** A headline word counts this many times a lead word, as in the item's term vector. */
const TITLE_WEIGHT = 2;
/** Share of the text's rarity-weighted words that must have a vector for its mean to say anything. */
const MIN_COVERAGE = 0.4;

/**
 * A reader over `source`, weighing each word by `idf` of its light stem. The common direction is
 * the mean of the background's words, each weighed as it would be in a text: by how many documents
 * hold it and by its rarity.
 */
export function createMeaningReader(
  source: WordVectors,
  idf: (stem: string) => number,
  background: Iterable<readonly [string, number]>,
): MeaningReader {
  const dimensions = source.dimensions;
  const common = new Float32Array(dimensions);
  let total = 0;
  for (const [word, documents] of background) {
    const row = source.indexOf(word);
    if (row < 0) continue;
    const weight = documents * idf(word);
    source.addTo(common, row, weight);
    total += weight;
  }
  if (total > 0) for (let k = 0; k < dimensions; k++) common[k] = (common[k] ?? 0) / total;

  const read = (title: string, lead: string, language: string): Int8Array | null => {
    const stop = stopwordsFor(language);
    const sum = new Float32Array(dimensions);
    let known = 0;
    let all = 0;
    const add = (text: string, times: number): void => {
      for (const word of words(text)) {
        if (word.length < 2 || stop.has(word)) continue;
        const weight = times * idf(lightStem(word));
        all += weight;
        const row = source.indexOf(word);
        if (row < 0) continue;
        known += weight;
        source.addTo(sum, row, weight);
      }
    };
    add(title, TITLE_WEIGHT);
    add(lead, 1);
    if (known === 0 || known < MIN_COVERAGE * all) return null;
    let norm = 0;
    for (let k = 0; k < dimensions; k++) {
      const centred = (sum[k] ?? 0) / known - (common[k] ?? 0);
      sum[k] = centred;
      norm += centred * centred;
    }
    if (norm === 0) return null;
    const length = Math.sqrt(norm);
    const out = new Int8Array(dimensions);
    for (let k = 0; k < dimensions; k++) out[k] = Math.round(((sum[k] ?? 0) / length) * MEANING_SCALE);
    return out;
  };
  return { dimensions, read };
}

/** Dot product of two meanings (or a meaning and a sum of them), in squared units. */
export function meaningDot(a: Int8Array | Int32Array, b: Int8Array | Int32Array): number {
  let dot = 0;
  for (let k = 0; k < a.length; k++) dot += (a[k] ?? 0) * (b[k] ?? 0);
  return dot;
}

/** Cosine of two meanings, or sums of them; 0 when either is unknown. */
export function meaningCosine(
  a: Int8Array | Int32Array | null,
  b: Int8Array | Int32Array | null,
): number {
  if (a === null || b === null) return 0;
  const norms = Math.sqrt(meaningDot(a, a) * meaningDot(b, b));
  return norms === 0 ? 0 : meaningDot(a, b) / norms;
}

/** Adds a meaning to a running sum. */
export function addMeaning(sum: Int32Array, meaning: Int8Array): void {
  for (let k = 0; k < sum.length; k++) sum[k] = (sum[k] ?? 0) + (meaning[k] ?? 0);
}
