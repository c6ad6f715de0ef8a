/** Interned strings: terms and names become small integers, so vectors are typed arrays. */

/** A growing table of strings and their ids. */
export interface Vocabulary {
  /** The id of `word`, added when new. */
  intern(word: string): number;
  /** The id of `word`, or -1 when it was never added. */
  find(word: string): number;
  /** The word of an id handed out. */
  word(id: number): string;
  readonly size: number;
}

/** An empty vocabulary. */
export function createVocabulary(): Vocabulary {
  const ids = new Map<string, number>();
  const words: string[] = [];
  return {
    intern(word) {
      let id = ids.get(word);
      if (id === undefined) {
        id = ids.size;
        ids.set(word, id);
        words.push(word);
      }
      return id;
    },
    find: (word) => ids.get(word) ?? -1,
    word: (id) => words[id] ?? '',
    get size() {
      return ids.size;
    },
  };
}

/**
 * A vocabulary of terms that remembers each term's weight, fixed when the term is first seen. No
 * term is read back by its id, so it keeps no list of words by id.
 */
export interface TermTable extends Omit<Vocabulary, 'word'> {
  /** The weight of a term id; 0 for an id never handed out. */
  idfOf(id: number): number;
}

/** An empty term table weighing new terms with `idf`. */
export function createTermTable(idf: (term: string) => number): TermTable {
  const ids = new Map<string, number>();
  let weights = new Float64Array(1024);
  return {
    intern(word) {
      let id = ids.get(word);
      if (id !== undefined) return id;
      id = ids.size;
      ids.set(word, id);
      if (id >= weights.length) {
        const grown = new Float64Array(weights.length * 2);
        grown.set(weights);
        weights = grown;
      }
      weights[id] = idf(word);
      return id;
    },
    find: (word) => ids.get(word) ?? -1,
    idfOf: (id) => weights[id] ?? 0,
    get size() {
      return ids.size;
    },
  };
}
