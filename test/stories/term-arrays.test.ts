import { describe, expect, it } from 'vitest';
import { appended } from '../../src/stories/appended.js';
import { createTermCounts, createTermLists } from '../../src/stories/term-arrays.js';

describe('tables by term id', () => {
  it('counts past the first allocation and never below zero', () => {
    const counts = createTermCounts();
    counts.add(5, 2);
    counts.add(70_000, 1);
    counts.add(5, -3);
    expect([counts.get(5), counts.get(70_000), counts.get(9), counts.get(1e9)]).toEqual([0, 1, 0, 0]);
  });

  it('keeps lists by id and sweeps them in order, dropping emptied ones', () => {
    const lists = createTermLists<number>();
    lists.set(3, [1, 2, 3, 4]);
    lists.set(10, [2]);
    lists.sweep((n) => n % 2 === 1);
    expect([lists.get(3), lists.get(10), lists.get(0), lists.get(99)]).toEqual([
      [1, 3],
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('appends by copy while short and in place once long', () => {
    const short = [1, 2];
    const grown = appended(short, 3);
    expect([grown, short, grown === short]).toEqual([[1, 2, 3], [1, 2], false]);
    const long = Array.from({ length: 20 }, (_, i) => i);
    expect(appended(long, 20)).toBe(long);
    expect(long).toHaveLength(21);
  });
});
