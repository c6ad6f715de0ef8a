import { describe, expect, it } from 'vitest';
import {
  compactPool,
  createVectorPool,
  hasTerm,
  ItemVector,
  itemVector,
  release,
  slotsOf,
  type StoryItem,
} from '../../src/stories/item-vector.js';
import { prepareItem } from '../../src/stories/prepared-item.js';
import { createTermTable, createVocabulary } from '../../src/stories/vocabulary.js';

const item = (id: number): StoryItem => ({
  id,
  outlet: id % 7,
  url: `https://outlet.example/news/${id}`,
  title: `Council ${id} approves harbour plan for Wellington ${id % 13}`,
  lead: `The regional council voted on plan number ${id} after months of debate over the harbour in Wellington.`,
  language: 'en',
  publishedAt: id,
  firstSeenAt: id,
  stableKey: `k${id}`,
});

/** A vector's ids and weights, copied out of its block. */
function numbers(vector: ItemVector): number[][] {
  const end = vector.offset + slotsOf(vector);
  return [
    [...vector.pool.ids.subarray(vector.offset, end)],
    [...vector.pool.weights.subarray(vector.offset, end)],
  ];
}

describe('the vector pool', () => {
  const build = (): { pool: ReturnType<typeof createVectorPool>; vectors: ItemVector[] } => {
    const terms = createTermTable((word) => 1 + (word.length % 5));
    const names = createVocabulary();
    const pool = createVectorPool();
    const vectors = Array.from(
      { length: 20_000 },
      (_, i) => new ItemVector(itemVector(prepareItem(item(i), null), terms, names, pool)),
    );
    return { pool, vectors };
  };

  it('spreads vectors over several blocks, each vector whole in one', () => {
    const { pool, vectors } = build();
    expect(pool.blocks.length).toBeGreaterThan(4);
    for (const vector of vectors)
      expect(vector.offset + slotsOf(vector)).toBeLessThanOrEqual(vector.pool.ids.length);
    const first = vectors[0];
    const term = first === undefined ? -1 : (first.pool.ids[first.offset] ?? -1);
    expect(first !== undefined && hasTerm(first, term)).toBe(true);
    expect(first !== undefined && hasTerm(first, -5)).toBe(false);
  });

  it('drops emptied blocks and compacts the live vectors with their numbers once most slots are dead', () => {
    const { pool, vectors } = build();
    const blocks = pool.blocks.length;
    const kept = vectors.filter((_, i) => i % 10 === 0 || i >= 19_000);
    const before = kept.map(numbers);
    const dropped = new Set(vectors.filter((v) => !kept.includes(v)));
    for (const vector of vectors.slice(0, 10_000)) if (dropped.has(vector)) release(pool, vector);
    // Every tenth vector still lives: no block is empty, and too few slots are dead to compact.
    compactPool(pool, () => kept);
    expect(pool.blocks.length).toBe(blocks);
    for (const vector of vectors.slice(10_000)) if (dropped.has(vector)) release(pool, vector);
    compactPool(pool, () => kept);
    expect(pool.blocks.length).toBeLessThan(blocks / 2);
    expect(kept.map(numbers)).toEqual(before);
  });
});
