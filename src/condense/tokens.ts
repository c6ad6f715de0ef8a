/** Word tokenisation shared by language detection, scoring, topic tagging and story matching. */

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

/** Stemmed tokens of a text without the language's stopwords or one-letter words: what a text is about. */
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
