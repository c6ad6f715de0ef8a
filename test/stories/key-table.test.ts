import { describe, expect, it } from 'vitest';
import { KeyTable } from '../../src/stories/key-table.js';

describe('KeyTable', () => {
  it('holds what a Map holds through any run of sets and deletes, growing and shrinking', () => {
    const table = new KeyTable();
    const map = new Map<number, number>();
    let state = 12_345;
    const next = (): number => (state = (state * 48_271) % 2_147_483_647);
    for (let step = 0; step < 200_000; step++) {
      // Few distinct keys in the first phase (many collisions of runs), then many.
      const key = 1 + (next() % (step < 100_000 ? 3_000 : 2 ** 30 - 1));
      if (next() % 3 === 0) {
        table.delete(key);
        map.delete(key);
      } else {
        table.set(key, step);
        map.set(key, step);
      }
      if (step % 5_000 === 0) {
        expect(table.size).toBe(map.size);
        for (const [k, v] of map) expect(table.get(k)).toBe(v);
      }
    }
    for (const [k, v] of map) expect(table.get(k)).toBe(v);
    for (const k of [...map.keys()]) table.delete(k);
    expect(table.size).toBe(0);
    expect(table.get(1)).toBeUndefined();
  });

  it('refuses a key that is no positive 30-bit hash and a value beyond 32 bits', () => {
    const table = new KeyTable();
    for (const key of [0, -1, 2 ** 30, 1.5, Number.NaN])
      expect(() => {
        table.set(key, 1);
      }).toThrow(RangeError);
    for (const value of [2 ** 31, -(2 ** 31) - 1, 0.5])
      expect(() => {
        table.set(1, value);
      }).toThrow(RangeError);
    expect(table.size).toBe(0);
  });

  it('counts the holders of a key, and says when its value left while others remain', () => {
    const table = new KeyTable();
    table.add(7, 1);
    table.add(7, 2);
    table.add(7, 3);
    expect(table.get(7)).toBe(3);
    expect(table.holdersOf(7)).toBe(3);
    expect(table.remove(7, 1)).toBe(false);
    expect(table.remove(7, 3)).toBe(true);
    table.set(7, 2);
    expect(table.get(7)).toBe(2);
    expect(table.holdersOf(7)).toBe(1);
    expect(table.remove(7, 2)).toBe(false);
    expect(table.has(7)).toBe(false);
  });
});
