/**
 * Tables keyed by term id. Ids are handed out densely from 0, so an array slot per term replaces a
 * Map entry: 4 or 8 bytes a term where an entry and its share of the hash table cost about 30.
 */

/** A count per term id. */
export interface TermCounts {
  get(term: number): number;
  /** Adds `delta`; a count never falls below 0. */
  add(term: number, delta: number): void;
}

/** Counts in a typed array that doubles as ids grow. */
export function createTermCounts(): TermCounts {
  let counts = new Int32Array(1024);
  return {
    get: (term) => counts[term] ?? 0,
    add(term, delta) {
      if (term >= counts.length) {
        let size = counts.length;
        while (size <= term) size *= 2;
        const grown = new Int32Array(size);
        grown.set(counts);
        counts = grown;
      }
      counts[term] = Math.max(0, (counts[term] ?? 0) + delta);
    },
  };
}

/** A list per term id. */
export interface TermLists<T> {
  get(term: number): T[] | undefined;
  set(term: number, list: T[]): void;
  /** Keeps in every list only what `keep` accepts, in order; a list left empty is dropped. */
  sweep(keep: (value: T) => boolean): void;
}

/** Lists in one dense array, filled up to the highest id set so it never turns into a dictionary. */
export function createTermLists<T>(): TermLists<T> {
  const lists: (T[] | undefined)[] = [];
  return {
    get: (term) => lists[term],
    set(term, list) {
      while (lists.length <= term) lists.push(undefined);
      lists[term] = list;
    },
    sweep(keep) {
      for (let term = 0; term < lists.length; term++) {
        const list = lists[term];
        if (list === undefined) continue;
        let kept = 0;
        for (const value of list) if (keep(value)) list[kept++] = value;
        if (kept === 0) lists[term] = undefined;
        else list.length = kept;
      }
    },
  };
}
