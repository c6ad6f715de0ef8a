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

  it('keeps lists by id, one value alone, and sweeps them in order, dropping emptied ones', () => {
    const lists = createTermLists<{ n: number }>();
    const values = [1, 2, 3, 4].map((n) => ({ n }));
    for (const value of values) lists.append(3, value);
    lists.append(10, { n: 2 });
    lists.append(70_000, { n: 5 });
    lists.sweep((value) => value.n % 2 === 1);
    const seen: number[] = [];
    lists.scan(3, (value) => seen.push(value.n) > 0);
    expect([seen, lists.last(3)?.n, lists.last(10), lists.last(70_000)?.n, lists.last(0)]).toEqual([
      [1, 3],
      3,
      undefined,
      5,
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
