/** Language identification from stopword frequencies: cheap, offline, good enough for news prose. */

import { STOPWORD_LANGUAGES, stopwordsFor } from './stopwords.js';
import { words } from './tokens.js';

const FALLBACK = 'en';
// Enough to decide on a long article; more only costs time.
const MAX_TOKENS = 1500;
const MIN_EVIDENCE = 2;
const MIN_MARGIN = 1.15;
const NORDIC: ReadonlySet<string> = new Set(['da', 'no', 'sv']);

// A word shared by several lists is weak evidence for each of them ("de", "en", "la"). Owners are
// indexes into STOPWORD_LANGUAGES, so that scoring adds into an array rather than a map.
const WEIGHTS: ReadonlyMap<string, { readonly owners: readonly number[]; readonly weight: number }> = (() => {
  const owners = new Map<string, number[]>();
  STOPWORD_LANGUAGES.forEach((lang, index) => {
    for (const word of stopwordsFor(lang)) owners.set(word, [...(owners.get(word) ?? []), index]);
  });
  return new Map([...owners].map(([word, langs]) => [word, { owners: langs, weight: 1 / langs.length }]));
})();

/** Per-language evidence for a text: the sum of stopword hits, each weighted by how distinctive it is. */
export function languageScores(text: string): Map<string, number> {
  const sums = STOPWORD_LANGUAGES.map(() => 0);
  // Ten characters a word is generous: the slice bounds the work on book-length input.
  const tokens = words(text.slice(0, MAX_TOKENS * 10)).slice(0, MAX_TOKENS);
  for (const token of tokens) {
    const entry = WEIGHTS.get(token);
    if (entry === undefined) continue;
    for (const index of entry.owners) sums[index] = (sums[index] ?? 0) + entry.weight;
  }
  return new Map(STOPWORD_LANGUAGES.map((lang, index) => [lang, sums[index] ?? 0]));
}

/** ISO 639-1 code of the text's language (en, de, fr, es, it, nl, pt, sv, da, no, pl); 'en' when unsure. */
export function detectLanguage(text: string): string {
  const ranked = [...languageScores(text)].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (best === undefined || best[1] < MIN_EVIDENCE) return FALLBACK;
  const runnerUp = second?.[1] ?? 0;
  // Danish, Norwegian and Swedish share most function words: any lead between them is a verdict.
  const kin = second !== undefined && NORDIC.has(best[0]) && NORDIC.has(second[0]);
  if (kin ? best[1] <= runnerUp : best[1] < runnerUp * MIN_MARGIN) return FALLBACK;
  return best[0];
}
