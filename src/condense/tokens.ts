/** Word tokenisation shared by language detection, scoring, topic tagging and story matching. */

import { newStemmer, type Stemmer } from 'snowball-stemmers';
import { stopwordsFor } from './stopwords.js';

// Numbers keep their decimal point and scores their dash, so "7.8" and "6.4", "3-1" and "2-0" stay
// distinct; words keep inner apostrophes.
const WORD = /\p{N}+(?:[.,:-]\p{N}+)*|[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu;
// French and Italian elisions (l', d', qu') glue an article to the next word.
const ELISION = /^(?:[a-z]|qu|jusqu|lorsqu|puisqu)['’]/u;

/** Lower-cased word and number tokens of a text, in order; elided articles are dropped. */
export function words(text: string): string[] {
  // Plain strings: match objects with their index and input would be garbage at once.
  const out = text.toLowerCase().match(WORD) ?? [];
  for (let i = 0; i < out.length; i++) {
    const word = out[i] ?? '';
    // Most words have no apostrophe, and then neither rewrite can change them.
    if (word.includes("'") || word.includes('’')) out[i] = word.replace(ELISION, '').replace(/’/gu, "'");
  }
  return out;
}

/** A light, language-neutral normalisation: drops possessive 's and a plural -s so "elections" meets "election". */
export function lightStem(word: string): string {
  let w = word.endsWith("'s") ? word.slice(0, -2) : word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is'))
    w = w.slice(0, -1);
  return w;
}

// ISO 639-1 codes of the languages Snowball stems.
const SNOWBALL: Readonly<Record<string, string>> = {
  ar: 'arabic',
  ca: 'catalan',
  cs: 'czech',
  da: 'danish',
  de: 'german',
  en: 'english',
  es: 'spanish',
  eu: 'basque',
  fi: 'finnish',
  fr: 'french',
  ga: 'irish',
  hu: 'hungarian',
  hy: 'armenian',
  it: 'italian',
  nl: 'dutch',
  no: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  sl: 'slovene',
  sv: 'swedish',
  ta: 'tamil',
  tr: 'turkish',
};
const stemmers = new Map<string, Stemmer | null>();
// Words repeat: news vocabulary is a few tens of thousands of words, so a bounded memo spares most
// of the stemmer's work.
const MEMO_LIMIT = 50_000;
const memos = new Map<string, Map<string, string>>();

/**
 * The Snowball stem of a lower-cased word in the language (ISO 639-1); for a language Snowball
 * has no stemmer for, the word with its possessive and plural -s dropped ({@link lightStem}).
 */
export function stem(word: string, language = 'en'): string {
  let memo = memos.get(language);
  const known = memo?.get(word);
  if (known !== undefined) return known;
  if (!stemmers.has(language)) {
    const algorithm = SNOWBALL[language];
    stemmers.set(language, algorithm === undefined ? null : newStemmer(algorithm));
  }
  const stemmer = stemmers.get(language) ?? null;
  const bare = word.endsWith("'s") ? word.slice(0, -2) : word;
  const stemmed = stemmer === null ? lightStem(word) : stemmer.stem(bare);
  if (memo === undefined || memo.size >= MEMO_LIMIT) {
    memo = new Map();
    memos.set(language, memo);
  }
  memo.set(word, stemmed);
  return stemmed;
}

/**
 * Tokens of a text without the language's stopwords or one-letter words, each lightly stemmed:
 * what a text is about, for summary centrality and story matching. (Snowball stems, which the
 * topic model reads, merge more words and cost summaries ROUGE against Lead-3 on cnndm-dev.)
 */
export function contentWords(text: string, language = 'en'): string[] {
  const stop = stopwordsFor(language);
  const out: string[] = [];
  for (const w of words(text)) {
    if (w.length < 2 || stop.has(w)) continue;
    out.push(lightStem(w));
  }
  return out;
}

/** Counts of each token. */
export function termCounts(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}
