/** What the story engine keeps of an item: weighted term vectors, names, and what a card needs. */

import type { PreparedItem } from './prepared-item.js';
import type { TermTable, Vocabulary } from './vocabulary.js';

/** An item as the story engine is given it. */
export interface StoryItem {
  /** The caller's id, unique among the items given. */
  readonly id: number;
  /** The outlet (feed) that published it. */
  readonly outlet: number;
  readonly url: string | null;
  readonly title: string;
  /** Its opening: the feed's description or the first sentences, feed furniture removed. */
  readonly lead: string;
  readonly language: string;
  readonly publishedAt: number;
  readonly firstSeenAt: number;
  /** Breaks ties between equal times: a string that names this item the same way on every run. */
  readonly stableKey: string;
  /**
   * Its text as read for matching already (see prepared-item.ts), asked for only as the item is
   * placed, so a window read at once never holds every item's reading; without one (or null), the
   * engine reads title and lead itself.
   */
  readonly prepared?: (() => PreparedItem | null) | undefined;
}

/** A block of vector storage: the ids and weights of many items' vectors, side by side. */
export interface VectorBlock {
  readonly ids: Int32Array;
  readonly weights: Float32Array;
  /** Slots handed out. */
  used: number;
  /** Slots of live vectors. */
  live: number;
}

/**
 * Storage shared by every vector of one engine, in fixed blocks: a pair of typed arrays per item
 * cost more in headers than in numbers, and one pair for the window left up to half of it unused
 * after each growth. A block nothing points at any more is collected with its last vector.
 */
export interface VectorPool {
  /** Blocks holding live vectors, the one filled now last. */
  blocks: VectorBlock[];
  /** Slots of live vectors in all blocks. */
  live: number;
}

/** Slots of a block: large enough that headers and the unfilled tail are a small share. */
const BLOCK_SLOTS = 32_768;

function createBlock(slots: number): VectorBlock {
  return { ids: new Int32Array(slots), weights: new Float32Array(slots), used: 0, live: 0 };
}

/** An empty pool. */
export function createVectorPool(): VectorPool {
  return { blocks: [], live: 0 };
}

/** A block with room for `slots` more, and the offset of that room in it. */
function reserve(pool: VectorPool, slots: number): { block: VectorBlock; offset: number } {
  let block = pool.blocks[pool.blocks.length - 1];
  if (block === undefined || block.used + slots > block.ids.length) {
    block = createBlock(Math.max(BLOCK_SLOTS, slots));
    pool.blocks.push(block);
  }
  const offset = block.used;
  block.used += slots;
  block.live += slots;
  pool.live += slots;
  return { block, offset };
}

/** Slots a vector takes in its pool. */
export function slotsOf(vector: ItemVector): number {
  return vector.fullLength + vector.titleLength + vector.nameLength;
}

/** Gives a vector's slots back; a block left with no live vector leaves the pool. */
export function release(pool: VectorPool, vector: ItemVector): void {
  const slots = slotsOf(vector);
  const block = vector.pool;
  block.live -= slots;
  pool.live -= slots;
  if (block.live === 0 && block !== pool.blocks[pool.blocks.length - 1])
    pool.blocks = pool.blocks.filter((b) => b !== block);
}

/**
 * Copies the live vectors into fresh blocks, in the order given, once most of the pool's slots
 * are dead (a few live vectors can keep a block); the vectors' blocks and offsets move with them.
 */
export function compactPool(pool: VectorPool, vectors: () => Iterable<ItemVector>): void {
  let slots = 0;
  for (const block of pool.blocks) slots += block.ids.length;
  if (pool.blocks.length < 4 || slots < 2 * pool.live) return;
  const fresh = createVectorPool();
  for (const vector of vectors()) {
    const length = slotsOf(vector);
    const { block, offset } = reserve(fresh, length);
    block.ids.set(vector.pool.ids.subarray(vector.offset, vector.offset + length), offset);
    block.weights.set(vector.pool.weights.subarray(vector.offset, vector.offset + length), offset);
    vector.pool = block;
    vector.offset = offset;
  }
  Object.assign(pool, fresh);
}

/**
 * The engine's packed record of an item. From `offset` in its block's `ids` come, in turn, the
 * sorted term ids of headline and lead, the sorted term ids of the headline alone, and the sorted
 * ids of its name words; the block's `weights` hold the unit-length weights of the first two runs
 * at the same slots, and beside each name its term id ({@link nameTerm}).
 */
export class ItemVector {
  /** The block of the engine's pool that holds its numbers. */
  pool: VectorBlock;
  offset: number;
  readonly fullLength: number;
  readonly titleLength: number;
  readonly nameLength: number;
  /** Sum of the inverse document frequencies of its distinct terms, rounded: how much it says. */
  readonly information: number;
  /** Hash of the canonical URL; 0 when it has none. */
  readonly url: number;
  readonly flags: number;
  /**
   * A hash of the headline without its numbers and calendar words: one outlet's headlines that
   * agree on it ("Best of cartoons, May 28" and "…, May 29") are a series, not one event.
   */
  readonly shape: number;
  /** Hash of headline and lead word for word; 0 without a lead. */
  readonly copy: number;

  constructor(fields: VectorFields) {
    this.pool = fields.pool;
    this.offset = fields.offset;
    this.fullLength = fields.fullLength;
    this.titleLength = fields.titleLength;
    this.nameLength = fields.nameLength;
    this.information = fields.information;
    this.url = fields.url;
    this.flags = fields.flags;
    this.shape = fields.shape;
    this.copy = fields.copy;
  }
}

/** A vector's fields as a plain object: what {@link itemVector} measures, before a record holds them. */
export type VectorFields = Pick<ItemVector, keyof ItemVector>;

/**
 * The term id of the vector's `rank`th name word, -1 when its text has no such term. Kept in the
 * weight slot beside the name's id, which a name has no use for: a 32-bit float holds every integer
 * below 2^24 exactly, and a window's vocabulary is rebuilt long before it holds that many words
 * (a later id would be kept as -1: the name then weighs as a name the text does not hold).
 */
export function nameTerm(vector: ItemVector, rank: number): number {
  return vector.pool.weights[vector.offset + vector.fullLength + vector.titleLength + rank] ?? -1;
}

/** Whether the vector's headline-and-lead run has the term: a binary search of the sorted run. */
export function hasTerm(vector: ItemVector, term: number): boolean {
  let lo = vector.offset;
  let hi = vector.offset + vector.fullLength;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const at = vector.pool.ids[mid] ?? 0;
    if (at === term) return true;
    if (at < term) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

/** Integers a 32-bit float holds exactly. */
const EXACT_IN_FLOAT = 2 ** 24;

/** A headline word counts this many times a lead word: headlines name the event. */
const TITLE_WEIGHT = 2;

function sortedIds(counts: ReadonlyMap<number, number>): number[] {
  return [...counts.keys()].sort((a, b) => a - b);
}

/** Writes unit-length weights for `ids` into `out` from `offset`. */
function normalise(
  ids: readonly number[],
  counts: ReadonlyMap<number, number>,
  idf: (id: number) => number,
  out: Float32Array,
  offset: number,
): void {
  let norm = 0;
  for (const id of ids) norm += ((counts.get(id) ?? 0) * idf(id)) ** 2;
  const length = Math.sqrt(norm);
  ids.forEach((id, i) => {
    out[offset + i] = length === 0 ? 0 : ((counts.get(id) ?? 0) * idf(id)) / length;
  });
}

/**
 * The item's vectors: headline and lead words weighted by rarity (headline words twice), the
 * headline alone, and the words of its names, interned in the order the item met them.
 */
export function itemVector(
  item: PreparedItem,
  terms: TermTable,
  names: Vocabulary,
  pool: VectorPool,
): VectorFields {
  const titleCounts = new Map<number, number>();
  const fullCounts = new Map<number, number>();
  const termIds = item.words.map((word) => terms.intern(word));
  termIds.forEach((id, i) => {
    const inTitle = item.inTitle[i] ?? 0;
    if (inTitle > 0) titleCounts.set(id, inTitle);
    fullCounts.set(id, TITLE_WEIGHT * inTitle + (item.inLead[i] ?? 0));
  });
  const idf = (id: number): number => terms.idfOf(id);
  const nameIds = item.names.map((word) => names.intern(word));
  const order = nameIds.map((_, i) => i).sort((a, b) => (nameIds[a] ?? 0) - (nameIds[b] ?? 0));
  const full = sortedIds(fullCounts);
  const heading = sortedIds(titleCounts);
  const { block, offset } = reserve(pool, full.length + heading.length + order.length);
  const { ids, weights } = block;
  ids.set(full, offset);
  ids.set(heading, offset + full.length);
  const named = offset + full.length + heading.length;
  order.forEach((i, rank) => {
    ids[named + rank] = nameIds[i] ?? 0;
    const term = item.nameTerms[i] ?? -1;
    const id = term < 0 ? -1 : (termIds[term] ?? -1);
    weights[named + rank] = id < EXACT_IN_FLOAT ? id : -1;
  });
  normalise(full, fullCounts, idf, weights, offset);
  normalise(heading, titleCounts, idf, weights, offset + full.length);
  let information = 0;
  for (const id of full) information += idf(id);
  return {
    pool: block,
    offset,
    fullLength: full.length,
    titleLength: heading.length,
    nameLength: order.length,
    // Rounded: an integer stays unboxed in V8, a fraction costs a heap number an item.
    information: Math.round(information),
    url: item.url,
    flags: item.flags,
    shape: item.shape,
    copy: item.copy,
  };
}
