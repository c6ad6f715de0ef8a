/** The part of snowball-stemmers (which ships no types) that Gazette uses. */
declare module 'snowball-stemmers' {
  /** One Snowball stemmer; `stem` takes a lower-cased word. */
  export interface Stemmer {
    stem(word: string): string;
  }
  /** A stemmer for one of `algorithms()`; throws for any other name. */
  export function newStemmer(algorithm: string): Stemmer;
  /** Names of the available algorithms ('english', 'german', …). */
  export function algorithms(): string[];
}
