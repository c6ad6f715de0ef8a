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

function reserve(pool: MeaningPool): number {
  const size = pool.dimensions;
  if (pool.used + size > pool.data.length) {
    // Grown by half, as the term pool is.
    const data = new Int8Array(Math.max(Math.ceil(pool.data.length * 1.5), pool.used + size));
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

/** Copies the live meanings into a fresh array once most of the pool is dead; offsets move with them. */
export function compactMeanings(pool: MeaningPool, holders: () => Iterable<MeaningHolder>): void {
  const size = pool.dimensions;
  if (pool.used < size * 1024 || pool.used < 2 * pool.live) return;
  const data = new Int8Array(Math.max(size * 1024, Math.ceil(pool.live * 1.5)));
  let used = 0;
  for (const holder of holders()) {
    if (holder.meaning < 0) continue;
    data.set(pool.data.subarray(holder.meaning, holder.meaning + size), used);
    holder.meaning = used;
    used += size;
  }
  Object.assign(pool, { data, used, live: used });
}

/** How an engine turns texts into meanings. */
export interface MeaningReader {
  readonly dimensions: number;
  /**
   * Writes the unit meaning of a headline and a lead, in units of 1/{@link MEANING_SCALE}, into the
   * pool; answers its offset, or -1 when too few of the words are known to say what it means.
   */
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
  // One scratch sum for every text read: reading allocates nothing that outlives it.
  const sum = new Float32Array(dimensions);

  const read = (title: string, lead: string, language: string, pool: MeaningPool): number => {
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
    if (known === 0 || known < MIN_COVERAGE * all) return -1;
    let norm = 0;
    for (let k = 0; k < dimensions; k++) {
      const centred = (sum[k] ?? 0) / known - (common[k] ?? 0);
      sum[k] = centred;
      norm += centred * centred;
    }
    if (norm === 0) return -1;
    const scale = MEANING_SCALE / Math.sqrt(norm);
    const at = reserve(pool);
    for (let k = 0; k < dimensions; k++) pool.data[at + k] = Math.round((sum[k] ?? 0) * scale);
    return at;
  };
  return { dimensions, read };
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
