/** Named entities of an article: capitalised names and acronyms from the headline and lead. */

import { defaultNameWords } from '../text/name-words.js';
import { NOUNS_CAPITALISED } from './language.js';
import { splitSentences } from './sentences.js';
import { stopwordsFor } from './stopwords.js';
import { words } from './tokens.js';

const MAX_ENTITIES = 5;
const MAX_RUN = 5;
const LEAD_SENTENCES = 3;

const CALENDAR = new Set(
  `monday tuesday wednesday thursday friday saturday sunday january february march april may june july
  august september october november december jan feb mar apr jun jul aug sep sept oct nov dec montag dienstag
  mittwoch donnerstag freitag samstag sonntag januar februar märz mai juni juli oktober dezember lundi mardi
  mercredi jeudi vendredi samedi dimanche janvier février mars avril juin juillet août septembre octobre
  novembre décembre lunes martes miércoles jueves viernes sábado domingo enero febrero marzo abril mayo junio
  julio agosto septiembre octubre noviembre diciembre`.split(/\s+/u),
);
const HONORIFICS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sir',
  'dame',
  'lord',
  'lady',
  'rev',
  'former',
  'late',
]);
// Roles in front of a name split it off: "Kansas Gov. Sam Brownback" is "kansas" and "sam brownback".
const ROLES = new Set(
  `president prime minister chancellor secretary senator sen governor gov mayor pope chief executive ceo coach
  manager judge justice captain capt sergeant sgt detective det inspector commissioner chairman chairwoman
  spokesman spokeswoman rep representative ambassador`.split(/\s+/u),
);
// Words that may sit inside a name: "Bank of England", "Ludwig van Beethoven".
const CONNECTORS = new Set([
  'of',
  'de',
  'del',
  'della',
  'di',
  'da',
  'van',
  'von',
  'der',
  'den',
  'la',
  'le',
  'al',
  'bin',
  'du',
  'des',
  '&',
]);
const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}'’.&-]*|[^\s\p{L}\p{N}]+/gu;
/** Punctuation after which a headline or a quote starts afresh with a capital. */
const OPENS = /[:|"“”‘'(—–-]/u;
const ACRONYM = /^(?:\p{Lu}{2,6}\d?|\p{Lu}\d|(?:\p{Lu}\.){2,})$/u;

interface Mention {
  readonly words: readonly string[];
  readonly sentenceInitial: boolean;
}

/** How each word is written across the whole text: names are never written in lower case. */
interface Usage {
  readonly lower: ReadonlySet<string>;
  readonly capitalised: ReadonlyMap<string, number>;
}

/** Up to `max` (5) lower-cased entities of the title and lead, most important first. */
export function extractEntities(
  title: string | null,
  text: string,
  language = 'en',
  max = MAX_ENTITIES,
): string[] {
  // Hostile text is read this far at most: every pattern below then costs a bounded time.
  const headline = (title ?? '').slice(0, 100_000);
  text = text.slice(0, 100_000);
  const titleCase = isTitleCase(headline, language);
  const lead = splitSentences(text.slice(0, 2000), language).slice(0, LEAD_SENTENCES);
  // Names are names in any language ("Merkel", "Duterte"): the words English prose capitalises
  // inside sentences are known names whatever language the item is in.
  const known = defaultNameWords();
  const usage = usageOf(`${headline}\n${text}`);
  const nounsCapitalised = NOUNS_CAPITALISED.has(language);
  // In a title-case headline every word is capitalised: a word is part of a name there only when
  // it is known as one, or the text below writes it capitalised again and never in lower case.
  const inHeadline = titleCase ? usageOf(headline).capitalised : null;
  const titleCaseName = (word: string): boolean => {
    const key = lower(word);
    return (
      ACRONYM.test(word) ||
      known.has(key) ||
      (!usage.lower.has(key) && (usage.capitalised.get(key) ?? 0) > (inHeadline?.get(key) ?? 0))
    );
  };
  const headlineSources = !titleCase
    ? [{ text: headline, weight: 2, capitalName: startsUpper }]
    : nounsCapitalised
      ? []
      : [{ text: headline, weight: 2, capitalName: titleCaseName }];
  const sources = [
    ...headlineSources,
    ...lead.map((s) => ({ text: s, weight: 1, capitalName: startsUpper })),
  ];
  const stop = new Set([...stopwordsFor('en'), ...stopwordsFor(language)]);
  // German capitalises "Dienste" as it does "Vicente": "die Dienste von Vicente Iborra" and "die
  // Entwicklung der Menschheit" are a noun and its complement. There a connector joins a name only
  // after a word known as one or an acronym ("Ursula von der Leyen", "Bank of England"), or after
  // another connector ("von der").
  const joins = nounsCapitalised
    ? (run: readonly string[]): boolean => {
        const last = run[run.length - 1] ?? '';
        return CONNECTORS.has(last) || ACRONYM.test(last) || known.has(lower(last));
      }
    : (): boolean => true;
  const scores = new Map<string, number>();
  const titleWords = ` ${words(headline).join(' ')} `;
  for (const source of sources) {
    for (const mention of mentionsOf(source.text, source.capitalName, joins)) {
      const name = nameOf(mention, usage, stop, nounsCapitalised, known);
      if (name === null) continue;
      const bonus = (name.includes(' ') ? 0.5 : 0) + (titleCase && titleWords.includes(` ${name} `) ? 2 : 0);
      scores.set(name, (scores.get(name) ?? 0) + source.weight + bonus);
    }
  }
  const body = ` ${words(text).join(' ')} `;
  for (const [name, score] of scores) scores.set(name, score + 0.25 * Math.min(count(body, ` ${name} `), 8));
  return [...mergeParts(scores)]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, max)
    .map(([name]) => name);
}

/** True when most content words of a headline are capitalised ("Regime Sees Venezuela As Sanctuary"). */
export function isTitleCase(title: string, language = 'en'): boolean {
  const stop = stopwordsFor(language);
  const content = title.split(/\s+/u).filter((w) => /^\p{L}/u.test(w) && !stop.has(w.toLowerCase()));
  if (content.length < 3) return false;
  return content.filter((w) => /^\p{Lu}/u.test(w)).length / content.length >= 0.8;
}

function usageOf(text: string): Usage {
  const lower = new Set<string>();
  const capitalised = new Map<string, number>();
  for (const raw of text.match(TOKEN) ?? []) {
    const word = bareWord(raw);
    if (startsLower(word)) lower.add(word);
    else if (startsUpper(word)) {
      const key = word.toLowerCase();
      capitalised.set(key, (capitalised.get(key) ?? 0) + 1);
    }
  }
  return { lower, capitalised };
}

/** A token of a sentence, and whether a capital letter there is the language's rule. */
export type TokenVisitor = (
  raw: string,
  opensSentence: boolean,
  index: number,
  tokens: readonly string[],
) => void;

/** The word and punctuation tokens of a sentence, as {@link visitTokens} reads them. */
export function sentenceTokens(sentence: string): string[] {
  return sentence.match(TOKEN) ?? [];
}

/**
 * Visits the tokens of a sentence, telling for each whether it opens the sentence or follows a
 * colon, dash, bar or quote: there a capital letter is the language's rule (or a headline's)
 * rather than a name's.
 */
export function visitTokens(tokens: readonly string[], visit: TokenVisitor): void {
  let opening = true;
  tokens.forEach((raw, i) => {
    const isWord = /^[\p{L}\p{N}]/u.test(raw);
    visit(raw, opening && isWord, i, tokens);
    if (isWord) opening = false;
    else if (OPENS.test(raw)) opening = true;
  });
}

/**
 * Runs of capitalised words, each marked when it opens the sentence (see {@link visitTokens}).
 * `capitalName` says whether a capitalised word may be part of a name.
 */
function mentionsOf(
  sentence: string,
  capitalName: (word: string) => boolean,
  joins: (run: readonly string[]) => boolean,
): Mention[] {
  const out: Mention[] = [];
  const tokens = sentenceTokens(sentence);
  // A line mostly in capitals ("BREAKING NEWS") says nothing of names by its capitals.
  if (tokens.filter((t) => /^\p{Lu}{2,}$/u.test(t)).length > tokens.length / 2) return out;
  let run: string[] = [];
  let runInitial = false;
  const flush = (): void => {
    while (run.length > 0 && CONNECTORS.has(run[run.length - 1] ?? '')) run.pop();
    if (run.length > 0) out.push({ words: run, sentenceInitial: runInitial });
    run = [];
  };
  visitTokens(tokens, (raw, initial, i) => {
    const word = bareWord(raw);
    const next = bareWord(tokens[i + 1] ?? '');
    const capital = startsUpper(word) && capitalName(word);
    if (capital && run.length > 0 && ROLES.has(lower(word)) && startsUpper(next) && capitalName(next)) {
      flush();
      return;
    }
    if (capital) {
      if (run.length === 0) runInitial = initial;
      run.push(word);
      // "France's Pernod Ricard": a possessive ends the name it belongs to.
      if (word !== raw && /['’]s$/u.test(raw)) flush();
    } else if (
      run.length > 0 &&
      CONNECTORS.has(word) &&
      startsUpper(next) &&
      capitalName(next) &&
      joins(run)
    ) {
      run.push(word);
    } else {
      flush();
    }
  });
  flush();
  return out;
}

function nameOf(
  mention: Mention,
  usage: Usage,
  stop: ReadonlySet<string>,
  nounsCapitalised: boolean,
  known: ReadonlySet<string>,
): string | null {
  let parts = mention.words.filter((w) => !CALENDAR.has(lower(w)));
  const isKnown = (w: string | undefined): boolean => known.has(lower(w));
  const droppable = (w: string | undefined, first: boolean): boolean =>
    w !== undefined &&
    !ACRONYM.test(w) &&
    (HONORIFICS.has(lower(w)) ||
      CONNECTORS.has(w) ||
      lower(w) === 'the' ||
      (first && mention.sentenceInitial && !isKnown(w) && (stop.has(lower(w)) || isCommonWord(w, usage))));
  for (let first = parts[0] === mention.words[0]; droppable(parts[0], first); first = false)
    parts = parts.slice(1);
  while (parts.length > 2 && ROLES.has(lower(parts[0]))) parts = parts.slice(1);
  // "Zweitligist MSV Duisburg", "Tauschen Timo Werner": where every noun is capitalised, the name
  // starts at its first word known as one (or an acronym); the nouns before it describe it.
  if (nounsCapitalised) {
    const start = parts.findIndex((w) => isKnown(w) || ACRONYM.test(w));
    if (start > 0) parts = parts.slice(start);
  }
  if (parts.length === 0 || parts.length > MAX_RUN) return null;
  const name = parts.map(lower).join(' ');
  if (parts.length === 1 && !ACRONYM.test(parts[0] ?? '')) {
    // German capitalises "Programm" and "Teilnehmer" as it does "Merkel": there a lone capitalised
    // word is a name only when it is a known one; names of two words and acronyms still are.
    if (nounsCapitalised) return isKnown(name) ? name : null;
    // A lone word is a name only when the text never writes it in lower case.
    if (usage.lower.has(name) || stop.has(name)) return null;
    // Where the capital letter is the sentence's, the word is a name when news prose at large
    // capitalises it, or when this text does so again.
    const opensSentence = mention.sentenceInitial && parts[0] === mention.words[0];
    if (opensSentence && !isKnown(name) && (usage.capitalised.get(name) ?? 0) < 2) return null;
  }
  if (!/\p{L}/u.test(name) || name.length < 2) return null;
  return name.replace(/\./gu, '');
}

// A sentence's first word is capitalised anyway; it is a common word if the text also writes it in
// lower case, or if it looks like an English verb form or adverb ("Living", "Asked", "Quarterly").
function isCommonWord(word: string, usage: Usage): boolean {
  const w = lower(word);
  return usage.lower.has(w) || (w.length > 4 && /(?:ing|ed|ly)$/u.test(w));
}

// Every token of the text is asked its case: ASCII, most of them, needs no Unicode property lookup.
function startsLower(word: string): boolean {
  const c = word.charCodeAt(0);
  return c < 128 ? c >= 97 && c <= 122 : /^\p{Ll}/u.test(word);
}

function startsUpper(word: string): boolean {
  const c = word.charCodeAt(0);
  return c < 128 ? c >= 65 && c <= 90 : /^\p{Lu}/u.test(word);
}

/** A token without its possessive "'s" or a full stop that ends it (not an initial's). */
// Called on every token of the text: most end in neither "'s" nor ".", and then need no regex.
export function bareWord(raw: string): string {
  const word = raw.endsWith("'s") || raw.endsWith('’s') ? raw.slice(0, -2) : raw;
  return word.endsWith('.') ? word.replace(/(?<!\.\p{L})\.$/u, '') : word;
}

function lower(word: string | undefined): string {
  const w = (word ?? '').toLowerCase();
  return w.endsWith('.') ? w.slice(0, -1) : w;
}

// "Brown" after "Gordon Brown" is the same person: the longer name keeps both scores.
function mergeParts(scores: ReadonlyMap<string, number>): Map<string, number> {
  const merged = new Map(scores);
  const multi = [...scores.keys()].filter((n) => n.includes(' '));
  for (const [name, score] of scores) {
    if (name.includes(' ')) continue;
    const owner = multi.find((m) => m.split(' ').includes(name));
    if (owner === undefined) continue;
    merged.set(owner, (merged.get(owner) ?? 0) + score);
    merged.delete(name);
  }
  return merged;
}

function count(haystack: string, needle: string): number {
  let n = 0;
  // Needles are padded with spaces, so the next search starts on the shared trailing space.
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length - 1)) n++;
  return n;
}
