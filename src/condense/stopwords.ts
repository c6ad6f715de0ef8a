/**
 * Stopword lists per language, from the `stopword` package (the Snowball project's lists for the
 * languages Snowball stems, and maintained lists for the rest): function words that carry no
 * topic. They serve token filtering (summary centrality, story matching, topic features).
 */

import lists from 'stopword';

// ISO 639-1 (what language detection answers) to the package's ISO 639-3 keys.
const KEYS: Readonly<Record<string, string>> = {
  af: 'afr',
  ar: 'ara',
  bg: 'bul',
  bn: 'ben',
  ca: 'cat',
  cs: 'ces',
  da: 'dan',
  de: 'deu',
  el: 'ell',
  en: 'eng',
  es: 'spa',
  et: 'est',
  eu: 'eus',
  fa: 'fas',
  fi: 'fin',
  fr: 'fra',
  gu: 'guj',
  he: 'heb',
  hi: 'hin',
  hr: 'hrv',
  hu: 'hun',
  hy: 'hye',
  id: 'ind',
  it: 'ita',
  ja: 'jpn',
  ko: 'kor',
  lt: 'lit',
  lv: 'lav',
  mr: 'mar',
  ms: 'msa',
  nl: 'nld',
  no: 'nob',
  pl: 'pol',
  pt: 'por',
  ro: 'ron',
  ru: 'rus',
  sk: 'slk',
  sl: 'slv',
  sv: 'swe',
  th: 'tha',
  tl: 'tgl',
  tr: 'tur',
  uk: 'ukr',
  ur: 'urd',
  vi: 'vie',
  yo: 'yor',
  zh: 'zho',
};

const SETS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries(KEYS).map(([lang, key]) => [lang, new Set((lists[key] ?? []).map((w) => w.toLowerCase()))]),
);

/** Languages with a stopword list, in a stable order. */
export const STOPWORD_LANGUAGES: readonly string[] = [...SETS.keys()];

const EMPTY: ReadonlySet<string> = new Set();

/** The lower-cased stopwords of a language; an empty set for a language without a list. */
export function stopwordsFor(language: string): ReadonlySet<string> {
  return SETS.get(language) ?? EMPTY;
}

/** True when the lower-cased word is a stopword of the language (English when the language has no list). */
export function isStopword(word: string, language = 'en'): boolean {
  return (SETS.get(language) ?? stopwordsFor('en')).has(word);
}
