/**
 * Tables keyed by term id. Ids are handed out densely from 0, so an array slot per term replaces a
 * Map entry: 4 or 8 bytes a term where an entry and its share of the hash table cost about 30.
 */

import { appended } from './appended.js';

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
export interface TermLists<T extends object> {
  /** The last value listed under the term. */
  last(term: number): T | undefined;
  append(term: number, value: T): void;
  /** Visits the term's values in order, keeping those `keep` accepts; a list left empty is dropped. */
  scan(term: number, keep: (value: T) => boolean): void;
  /** {@link scan} of every list. */
  sweep(keep: (value: T) => boolean): void;
}

/**
 * Lists in one dense array, filled up to the highest id set so it never turns into a dictionary.
 * A list of one is held as its value (values are never arrays): most words of a window belong to
 * one story, and a one-element array costs 56 bytes.
 */
export function createTermLists<T extends object>(): TermLists<T> {
  const lists: (T | T[] | undefined)[] = [];
  const scan = (term: number, keep: (value: T) => boolean): void => {
    const list = lists[term];
    if (list === undefined) return;
    if (!Array.isArray(list)) {
      if (!keep(list)) lists[term] = undefined;
      return;
    }
    let kept = 0;
    for (const value of list) if (keep(value)) list[kept++] = value;
    if (kept === 0) lists[term] = undefined;
    else list.length = kept;
  };
  return {
    last(term) {
      const list = lists[term];
      return Array.isArray(list) ? list[list.length - 1] : list;
    },
    append(term, value) {
      while (lists.length <= term) lists.push(undefined);
      const list = lists[term];
      if (list === undefined) lists[term] = value;
      else if (Array.isArray(list)) lists[term] = appended(list, value);
      else lists[term] = [list, value];
    },
    scan,
    sweep(keep) {
      for (let term = 0; term < lists.length; term++) scan(term, keep);
    },
  };
}
