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

import { createHash } from 'node:crypto';
import { stopwordsFor } from '../condense/stopwords.js';
import { lightStem, words } from '../condense/tokens.js';
import type { WordVectors } from '../text/word-vectors.js';

/**
 * The meanings of one engine's items, each {@link MeaningPool.dimensions} bytes in one shared
 * array: an array per item would cost more in headers than in numbers, and its allocations would
 * stall joins on garbage collection.
 */
export interface MeaningPool {
  readonly dimensions: number;
  data: Int8Array;
  /** Bytes handed out, live or not. */
  used: number;
  /** Bytes of live meanings. */
  live: number;
}

/** An empty pool. */
export function createMeaningPool(dimensions: number): MeaningPool {
  return { dimensions, data: new Int8Array(dimensions * 1024), used: 0, live: 0 };
}

/**
 * How far the pool grows at a time, and how much of it may be dead before it is compacted. A
 * sliding window retires items as fast as it adds them, so compacting at a quarter dead copies the
 * live meanings once every quarter window: a few megabytes, far less than placing the items cost.
 */
const GROWTH = 1.25;

function reserve(pool: MeaningPool): number {
  const size = pool.dimensions;
  if (pool.used + size > pool.data.length) {
    // Grown by a quarter: a meaning is the largest part of an item's record, and room kept spare
    // is memory no item uses.
    const data = new Int8Array(Math.max(Math.ceil(pool.data.length * GROWTH), pool.used + size));
    data.set(pool.data.subarray(0, pool.used));
    pool.data = data;
  }
  const at = pool.used;
  pool.used += size;
  pool.live += size;
  return at;
}

/** Gives a meaning's bytes back. */
export function releaseMeaning(pool: MeaningPool, at: number): void {
  if (at >= 0) pool.live -= pool.dimensions;
}

/** Something that holds a meaning at an offset of a pool, which moves when the pool is compacted. */
export interface MeaningHolder {
  meaning: number;
}

/** Copies the live meanings into a fresh array once a quarter of the pool is dead; offsets move with them. */
export function compactMeanings(pool: MeaningPool, holders: () => Iterable<MeaningHolder>): void {
  const size = pool.dimensions;
  if (pool.used < size * 1024 || pool.used < GROWTH * pool.live) return;
  const data = new Int8Array(Math.max(size * 1024, Math.ceil(pool.live * GROWTH)));
  let used = 0;
  for (const holder of holders()) {
    if (holder.meaning < 0) continue;
    data.set(pool.data.subarray(holder.meaning, holder.meaning + size), used);
    holder.meaning = used;
    used += size;
  }
  Object.assign(pool, { data, used, live: used });
}

/** Puts a meaning read elsewhere (of {@link MeaningPool.dimensions} bytes) into the pool; answers its offset. */
export function storeMeaning(pool: MeaningPool, meaning: Int8Array): number {
  const at = reserve(pool);
  pool.data.set(meaning.subarray(0, pool.dimensions), at);
  return at;
}

/** How an engine turns texts into meanings. */
export interface MeaningReader {
  readonly dimensions: number;
  /**
   * Identifies what the reader reads by (its vectors' common direction and axes, which a retrained
   * model or other vectors change): a meaning stored under another fingerprint is not this one's.
   */
  readonly fingerprint: number;
  /**
   * The unit meaning of a headline and a lead, in units of 1/{@link MEANING_SCALE}, as
   * {@link MeaningReader.dimensions} fresh bytes; null when too few of the words are known to say
   * what it means.
   */
  meaning(title: string, lead: string, language: string): Int8Array | null;
  /** {@link MeaningReader.meaning} written into the pool: its offset, or -1 when unknown. */
  read(title: string, lead: string, language: string, pool: MeaningPool): number;
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
  const axes = principalAxes(source, idf, background, common, AXES);
  const kept = axes === null ? dimensions : axes.length;
  // One scratch sum for every text read: reading allocates nothing that outlives it.
  const sum = new Float32Array(dimensions);
  const projected = new Float32Array(kept);

  const meaning = (title: string, lead: string, language: string): Int8Array | null => {
    const stop = stopwordsFor(language);
    sum.fill(0);
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
    for (let k = 0; k < dimensions; k++) sum[k] = (sum[k] ?? 0) / known - (common[k] ?? 0);
    let norm = 0;
    for (let j = 0; j < kept; j++) {
      const axis = axes?.[j];
      let value = axis === undefined ? (sum[j] ?? 0) : 0;
      if (axis !== undefined) for (let k = 0; k < dimensions; k++) value += (axis[k] ?? 0) * (sum[k] ?? 0);
      projected[j] = value;
      norm += value * value;
    }
    if (norm === 0) return null;
    const scale = MEANING_SCALE / Math.sqrt(norm);
    const out = new Int8Array(kept);
    for (let j = 0; j < kept; j++) out[j] = Math.round((projected[j] ?? 0) * scale);
    return out;
  };
  return {
    dimensions: kept,
    fingerprint: fingerprintOf([common, ...(axes ?? [])]),
    meaning,
    read(title, lead, language, pool) {
      const bytes = meaning(title, lead, language);
      return bytes === null ? -1 : storeMeaning(pool, bytes);
    },
  };
}

/** 30 bits of a SHA-256 of the arrays' bytes, never 0: read once per reader, so cost is no concern. */
function fingerprintOf(arrays: readonly (Float32Array | Float64Array)[]): number {
  const hash = createHash('sha256');
  for (const array of arrays) hash.update(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  return hash.digest().readUInt32BE(0) >>> 2 || 1;
}

/**
 * Directions kept of a meaning: news spreads its words over fewer directions than the vectors
 * have, and the leading ones carry most of what tells one text from another at half the bytes an
 * item. Fewer words than this per direction leave the vectors as they are.
 */
const AXES = 48;
const WORDS_PER_AXIS = 20;
/** Rounds of subspace iteration: enough for the leading directions to settle, and deterministic. */
const ROUNDS = 60;

/**
 * The leading principal directions of the background's words as texts weigh them (documents ×
 * rarity), centred on `common`: orthonormal rows of the vectors' length, found by subspace
 * iteration from the first unit vectors, so every process finds the same ones. Null when there are
 * too few words or too few dimensions to need them.
 */
function principalAxes(
  source: WordVectors,
  idf: (stem: string) => number,
  background: Iterable<readonly [string, number]>,
  common: Float32Array,
  count: number,
): Float64Array[] | null {
  const n = source.dimensions;
  if (n <= count) return null;
  const covariance = new Float64Array(n * n);
  const vector = new Float32Array(n);
  let words = 0;
  for (const [word, documents] of background) {
    const row = source.indexOf(word);
    if (row < 0) continue;
    vector.fill(0);
    source.addTo(vector, row, 1);
    const weight = documents * idf(word);
    for (let a = 0; a < n; a++) {
      const x = weight * ((vector[a] ?? 0) - (common[a] ?? 0));
      for (let b = a; b < n; b++)
        covariance[a * n + b] = (covariance[a * n + b] ?? 0) + x * ((vector[b] ?? 0) - (common[b] ?? 0));
    }
    words++;
  }
  if (words < count * WORDS_PER_AXIS) return null;
  for (let a = 0; a < n; a++) for (let b = 0; b < a; b++) covariance[a * n + b] = covariance[b * n + a] ?? 0;
  let axes: Float64Array[] = Array.from({ length: count }, (_, j) => {
    const axis = new Float64Array(n);
    axis[j] = 1;
    return axis;
  });
  for (let round = 0; round < ROUNDS; round++) {
    axes = orthonormal(axes.map((axis) => times(covariance, axis, n)));
  }
  return axes;
}

function times(matrix: Float64Array, vector: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    let value = 0;
    for (let b = 0; b < n; b++) value += (matrix[a * n + b] ?? 0) * (vector[b] ?? 0);
    out[a] = value;
  }
  return out;
}

/** Gram–Schmidt, twice over for accuracy; a vector that vanishes is left as zeros. */
function orthonormal(vectors: Float64Array[]): Float64Array[] {
  const out: Float64Array[] = [];
  for (const vector of vectors) {
    const v = Float64Array.from(vector);
    for (let pass = 0; pass < 2; pass++)
      for (const u of out) {
        let dot = 0;
        for (let k = 0; k < v.length; k++) dot += (u[k] ?? 0) * (v[k] ?? 0);
        for (let k = 0; k < v.length; k++) v[k] = (v[k] ?? 0) - dot * (u[k] ?? 0);
      }
    let norm = 0;
    for (const x of v) norm += x * x;
    if (norm > 0) {
      const inverse = 1 / Math.sqrt(norm);
      for (let k = 0; k < v.length; k++) v[k] = (v[k] ?? 0) * inverse;
    }
    out.push(v);
  }
  return out;
}

/** Cosine of `dimensions` numbers of `x` from `xAt` with as many of `y` from `yAt`; 0 when either is zero. */
function cosineAt(
  x: Int8Array | Int32Array,
  xAt: number,
  y: Int8Array | Int32Array,
  yAt: number,
  dimensions: number,
): number {
  let dot = 0;
  let xx = 0;
  let yy = 0;
  for (let k = 0; k < dimensions; k++) {
    const u = x[xAt + k] ?? 0;
    const v = y[yAt + k] ?? 0;
    dot += u * v;
    xx += u * u;
    yy += v * v;
  }
  return xx > 0 && yy > 0 ? dot / Math.sqrt(xx * yy) : 0;
}

/** Cosine of two pooled meanings; 0 when either is unknown (-1). */
export function meaningCosine(pool: MeaningPool, a: number, b: number): number {
  return a < 0 || b < 0 ? 0 : cosineAt(pool.data, a, pool.data, b, pool.dimensions);
}

/** Cosine of a pooled meaning with a sum of meanings; 0 when the meaning is unknown or the sum empty. */
export function centroidCosine(pool: MeaningPool, at: number, sum: Int32Array): number {
  return at < 0 ? 0 : cosineAt(pool.data, at, sum, 0, pool.dimensions);
}

/** Adds a pooled meaning to a running sum; an unknown meaning adds nothing. */
export function addMeaning(sum: Int32Array, pool: MeaningPool, at: number): void {
  if (at < 0) return;
  for (let k = 0; k < sum.length; k++) sum[k] = (sum[k] ?? 0) + (pool.data[at + k] ?? 0);
}

/** A story as its centroid sees it: members in canonical order, only ever appended to. */
interface Story {
  readonly members: readonly MeaningHolder[];
}

/**
 * The sum of each story's meanings. A story of at most `small` members is summed on the spot into
 * one scratch array; a bigger one keeps its sum, brought up to date by its newest members, so a
 * join costs the same whatever the story's size. A live story only ever gains members: one that
 * loses any is rebuilt as a new story, with a sum of its own.
 */
export function createCentroids(pool: MeaningPool, small: number): (story: Story) => Int32Array {
  const kept = new WeakMap<Story, { count: number; sum: Int32Array }>();
  const scratch = { count: 0, sum: new Int32Array(pool.dimensions) };
  return (story) => {
    const { members } = story;
    let entry = members.length > small ? kept.get(story) : undefined;
    if (entry === undefined) {
      entry = members.length > small ? { count: 0, sum: new Int32Array(pool.dimensions) } : scratch;
      if (entry === scratch) {
        scratch.count = 0;
        scratch.sum.fill(0);
      } else kept.set(story, entry);
    }
    for (; entry.count < members.length; entry.count++)
      addMeaning(entry.sum, pool, members[entry.count]?.meaning ?? -1);
    return entry.sum;
  };
}
