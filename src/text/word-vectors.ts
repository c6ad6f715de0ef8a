/**
 * Pretrained English word vectors (`config/word-vectors.bin`, derived from GloVe by
 * `npx tsx bench/train/word-vectors.ts`): outlets word one event differently ("blast" / "explosion",
 * "storm" / "hurricane"), and vectors learned from billions of words of news place such words close
 * together where exact word overlap sees nothing in common.
 *
 * The file holds the most frequent words, each a unit vector quantised to 8 bits with its own
 * scale. Words are lower-case surface forms, not stems.
 */

import { readFileSync } from 'node:fs';
import { shippedConfigFile } from '../config/config-file.js';

/** A read-only table of word vectors. */
export interface WordVectors {
  readonly dimensions: number;
  readonly size: number;
  /** The row of a lower-case word, or -1 when the table does not hold it. */
  indexOf(word: string): number;
  /** The word of a row (the table is ordered by frequency, most frequent first). */
  wordAt(index: number): string | undefined;
  /** Adds `weight` times the unit vector of row `index` into `into`. */
  addTo(into: Float32Array, index: number, weight: number): void;
}

/** Name of the vectors file in the configuration folder. */
export const WORD_VECTORS_FILE = 'word-vectors.bin';
/** First bytes of the file: a name and a format version. */
export const WORD_VECTORS_MAGIC = 'GZWV0001';

/**
 * Layout, little-endian: magic (8 bytes), row count (u32), dimensions (u32), byte length of the
 * word list (u32), the words joined by "\n" (UTF-8), padding to 4 bytes, one f32 scale per row,
 * then rows × dimensions signed bytes.
 */
export function encodeWordVectors(words: readonly string[], vectors: readonly Float32Array[]): Buffer {
  const dimensions = vectors[0]?.length ?? 0;
  const list = Buffer.from(words.join('\n'), 'utf8');
  const padded = Math.ceil(list.length / 4) * 4;
  const header = 8 + 12;
  const out = Buffer.alloc(header + padded + words.length * 4 + words.length * dimensions);
  out.write(WORD_VECTORS_MAGIC, 0, 'latin1');
  out.writeUInt32LE(words.length, 8);
  out.writeUInt32LE(dimensions, 12);
  out.writeUInt32LE(list.length, 16);
  list.copy(out, header);
  let scaleAt = header + padded;
  let rowAt = scaleAt + words.length * 4;
  for (const vector of vectors) {
    let norm = 0;
    for (const x of vector) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    let largest = 0;
    for (const x of vector) largest = Math.max(largest, Math.abs(x / norm));
    const scale = largest / 127 || 1;
    out.writeFloatLE(scale, scaleAt);
    scaleAt += 4;
    for (const x of vector) out.writeInt8(Math.round(x / norm / scale), rowAt++);
  }
  return out;
}

/** Reads a vectors file; throws with the file's name when it is missing or malformed. */
export function readWordVectors(file = shippedConfigFile(WORD_VECTORS_FILE)): WordVectors {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new Error(`The word vectors ${file} cannot be read; run npx tsx bench/train/word-vectors.ts.`, {
      cause: error,
    });
  }
  if (bytes.length < 20 || bytes.toString('latin1', 0, 8) !== WORD_VECTORS_MAGIC)
    throw new Error(`The word vectors ${file} are not in the ${WORD_VECTORS_MAGIC} format.`);
  const size = bytes.readUInt32LE(8);
  const dimensions = bytes.readUInt32LE(12);
  const listLength = bytes.readUInt32LE(16);
  const scaleAt = 20 + Math.ceil(listLength / 4) * 4;
  const rowsAt = scaleAt + size * 4;
  if (bytes.length !== rowsAt + size * dimensions)
    throw new Error(`The word vectors ${file} are truncated or padded.`);
  const words = bytes.toString('utf8', 20, 20 + listLength).split('\n');
  if (words.length !== size)
    throw new Error(`The word vectors ${file} list ${words.length} words, not ${size}.`);
  const rows = new Map<string, number>();
  for (let i = 0; i < words.length; i++) rows.set(words[i] ?? '', i);
  // Copies, so the tables are aligned whatever offset the file's buffer came at.
  const scales = new Float32Array(size);
  for (let i = 0; i < size; i++) scales[i] = bytes.readFloatLE(scaleAt + i * 4);
  const values = new Int8Array(bytes.subarray(rowsAt, rowsAt + size * dimensions));
  return {
    dimensions,
    size,
    indexOf(word) {
      const row = rows.get(word);
      if (row !== undefined) return row;
      // Glove splits "iran's" into "iran" + "'s" and "don't" into "do" + "n't".
      const apostrophe = word.search(/['’]/u);
      return apostrophe > 0 ? (rows.get(word.slice(0, apostrophe)) ?? -1) : -1;
    },
    wordAt(index) {
      return words[index];
    },
    addTo(into, index, weight) {
      if (index < 0 || index >= size) return;
      const w = weight * (scales[index] ?? 0);
      const base = index * dimensions;
      for (let d = 0; d < dimensions; d++) into[d] = (into[d] ?? 0) + w * (values[base + d] ?? 0);
    },
  };
}

let shared: WordVectors | null = null;

/** The committed vectors, read once per process. */
export function defaultWordVectors(): WordVectors {
  shared ??= readWordVectors();
  return shared;
}

/**
 * The weighted mean direction of a text's words, as a unit vector; null when the table knows none
 * of them. `weightOf` gives each word's weight (its rarity, say); words weighing 0 are skipped.
 */
export function meanVector(
  vectors: WordVectors,
  words: Iterable<string>,
  weightOf: (word: string) => number = () => 1,
): Float32Array | null {
  const sum = new Float32Array(vectors.dimensions);
  let known = 0;
  for (const word of words) {
    const weight = weightOf(word);
    if (!(weight > 0)) continue;
    const row = vectors.indexOf(word);
    if (row < 0) continue;
    vectors.addTo(sum, row, weight);
    known++;
  }
  return known === 0 ? null : normalise(sum);
}

/** Scales a vector to unit length in place; a zero vector stays zero. */
export function normalise(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const x of vector) norm += x * x;
  if (norm > 0) {
    const inverse = 1 / Math.sqrt(norm);
    for (let d = 0; d < vector.length; d++) vector[d] = (vector[d] ?? 0) * inverse;
  }
  return vector;
}
