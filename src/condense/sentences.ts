/** Sentence splitting for news prose in several European languages. */

import {
  INFIX_ABBREVIATIONS,
  NUMERAL_ABBREVIATIONS,
  ORDINAL_DOT_LANGUAGES,
  ORDINAL_MONTHS,
  PREFIX_ABBREVIATIONS,
  SUFFIX_ABBREVIATIONS,
} from './abbreviations.js';
import { detectLanguage, NOUNS_CAPITALISED } from './language.js';
import { isAttributed } from './openers.js';
import { stopwordsFor } from './stopwords.js';
import { defaultNameWords } from '../text/name-words.js';

// Terminal punctuation, then any closing quotes or brackets, then a space or the end. French
// typography sets a space before the closing guillemet: « Nous ne céderons pas. » Chinese and
// Japanese end a sentence with a full-width mark and no space after it: 判明した。もともと…
// Hindi, Bengali, Khmer, Burmese and Amharic end one with a stop of their own script (। ។ ။ ።),
// which no abbreviation uses. Urdu's and Armenian's stops (۔ ։) also write decimals, times and
// acronyms ("2۔5", "10։30", "پی۔ٹی۔آئی"), so they end a sentence only before a space, as a period does.
const TERMINATOR =
  /(?<![.!?…؟۔։])[.!?…؟۔։]+(?:["'”’)\]]| ?»)*(?=\s|$)|[。！？।॥។៕။።]+(?:[」』”’）)]|["'»](?=\s|$))*/gu;
/** A script's own stop ends a sentence wherever it stands: those scripts abbreviate without one. */
const FULL_WIDTH_STOP = /^[。！？।॥។៕။።]/u;
const CLOSERS = /(?<!["'”’)\]»])(?:["'”’)\]]| ?»)+$/u;
const OPENERS = /^["'“‘«„([]+/u;
const INITIAL_OR_ACRONYM = /^(?:\p{L}\p{M}*\.)*\p{L}\p{M}*$/u;
const DOUBLED_CAPITAL = /^(\p{Lu})\1$/u;
const DOUBLED_NEXT = /^(\p{Lu})\1\./u;

/** The text's sentences in order, trimmed; paragraph breaks and heading lines always end a sentence. */
export function splitSentences(text: string, language?: string): string[] {
  const lang = language ?? detectLanguage(text);
  return paragraphs(text).flatMap((block) => splitBlock(block, lang));
}

/** Lines joined into paragraphs: a line that starts in lower case continues the one before it. */
export function paragraphs(text: string): string[] {
  const out: string[] = [];
  // Most texts hold no carriage return, and then the replace would copy the text for nothing.
  const unix = text.includes('\r') ? text.replace(/\r\n?/gu, '\n') : text;
  for (const para of unix.split(/\n[ \t\u00a0]*\n/u)) {
    let current = '';
    for (const raw of para.split('\n')) {
      const line = collapseWhitespace(raw).trim();
      if (line === '') continue;
      if (current !== '' && continuesLine(current, line)) {
        current = `${current} ${line}`;
      } else {
        if (current !== '') out.push(current);
        current = line;
      }
    }
    if (current !== '') out.push(current);
  }
  return out;
}

// Nearly every space in prose is already a single ' ', and the replace would still build a match
// for each one: the test finds in one scan whether there is anything to rewrite.
const UNEVEN_WHITESPACE = /[^\S ]| {2}/;

/** The text with every run of whitespace made one space. */
export function collapseWhitespace(text: string): string {
  return UNEVEN_WHITESPACE.test(text) ? text.replace(/\s+/g, ' ') : text;
}

function continuesLine(previous: string, next: string): boolean {
  return /^\p{Ll}/u.test(next) || /[,;(\-–]$/u.test(previous);
}

function splitBlock(block: string, language: string): string[] {
  const out: string[] = [];
  let start = 0;
  const quotes = quotationTracker(block);
  for (const match of block.matchAll(TERMINATOR)) {
    const end = match.index + match[0].length;
    if (end >= block.length) break;
    if (quotes.isOpenAt(end)) continue;
    if (!isBoundary(block, match.index, match[0], end, language)) continue;
    pushGlued(out, block.slice(start, end), language);
    start = end;
  }
  pushGlued(out, block.slice(start), language);
  return out;
}

// A word with no closing punctuation, then a capitalised function word that goes on in lower case
// for two words: "… captured in Hanoi The man on the back …". In prose a function word is
// capitalised only where a sentence starts, so this is where two texts were joined without a stop,
// most often a photo caption and the paragraph after it. A title goes back to capitals ("removed
// Gone With the Wind", "Out of Africa") and starts nothing. The function word is checked against
// the language's stopwords.
const GLUE = /(?<=[\p{Ll}\p{N}])\s+(?=(\p{Lu}\p{Ll}*)\s+\p{Ll}\S*\s+\p{Ll})/gu;
// Function words capitalised inside a sentence: English "I", and stopwords
// that are also names or parts of names ("Theresa May", "Will Smith", "League One").
const CAPITALISED_INSIDE: Readonly<Record<string, ReadonlySet<string>>> = {
  en: new Set(
    'i may will one two us said says say like get got just can shall must might could would should'.split(
      ' ',
    ),
  ),
};

/**
 * Pushes the sentence, cut where a caption or heading was glued to it without a stop. Not in a
 * language that capitalises nouns: there its stopword lists hold nouns too ("jedes Jahr mehr"), and
 * a capitalised word inside a sentence is no sign of a new one.
 */
function pushGlued(out: string[], sentence: string, language: string): void {
  if (NOUNS_CAPITALISED.has(language)) {
    pushTrimmed(out, sentence);
    return;
  }
  let start = 0;
  const stopwords = stopwordsFor(language);
  const inside = CAPITALISED_INSIDE[language];
  const english = CAPITALISED_INSIDE.en;
  for (const match of sentence.matchAll(GLUE)) {
    const word = (match[1] ?? '').toLowerCase();
    if (!stopwords.has(word) || inside?.has(word) === true || english?.has(word) === true) continue;
    pushTrimmed(out, sentence.slice(start, match.index));
    start = match.index;
  }
  pushTrimmed(out, sentence.slice(start));
}

// A quotation of several sentences stays whole: its second sentence alone would start mid-speech.
// Curly quotes say which way they face. Straight ones are trusted only where every one of the
// paragraph's reads one way by its neighbours (a space before and a word after opens, a word or
// stop before and a space or stop after closes) and they alternate open, close, open, close.
// Positions must be asked in increasing order; the scan never goes back.
function quotationTracker(block: string): { isOpenAt(at: number): boolean } {
  let depth = 0;
  let scanned = 0;
  const straight = straightQuotesPair(block);
  const lastStraight = straight ? block.lastIndexOf('"') : -1;
  const lastCloser = Math.max(block.lastIndexOf('”'), block.lastIndexOf('»'), lastStraight);
  let straightOpen = false;
  return {
    isOpenAt(at: number): boolean {
      for (; scanned < at; scanned++) {
        const c = block[scanned];
        if (c === '“' || c === '«' || c === '„') depth++;
        else if ((c === '”' || c === '»') && depth > 0) depth--;
        else if (c === '"' && straight) {
          straightOpen = !straightOpen;
          depth += straightOpen ? 1 : -1;
        }
      }
      // An opening quote that never closes would otherwise swallow the rest of the paragraph.
      return depth > 0 && lastCloser >= at;
    },
  };
}

/** True when the block's straight quotes pair up unambiguously, each facing the way its turn needs. */
function straightQuotesPair(block: string): boolean {
  let count = 0;
  for (let i = block.indexOf('"'); i !== -1; i = block.indexOf('"', i + 1)) {
    const before = i === 0 ? ' ' : (block[i - 1] ?? ' ');
    const after = block[i + 1] ?? ' ';
    const opens = /[\s([—–-]/u.test(before) && /\S/u.test(after);
    const closes = /[^\s([]/u.test(before) && /[\s,.;:!?)\]—–-]/u.test(after);
    if (opens === closes || opens !== (count % 2 === 0)) return false;
    count++;
  }
  return count > 0 && count % 2 === 0;
}

function pushTrimmed(out: string[], sentence: string): void {
  const trimmed = sentence.trim();
  if (trimmed !== '') out.push(trimmed);
}

function isBoundary(block: string, at: number, mark: string, end: number, language: string): boolean {
  if (FULL_WIDTH_STOP.test(mark)) return true;
  const rest = block.slice(end).trimStart();
  // A sentence never starts in lower case; this settles most abbreviations before any list is read.
  if (/^\p{Ll}/u.test(rest)) return false;
  const punctuation = mark.replace(CLOSERS, '');
  // A quoted question or exclamation goes on with who said it: "“Why now?” Fox host X asked."
  if (/[!?؟]/u.test(punctuation)) return punctuation.length === mark.length || !isAttribution(rest);
  if (punctuation.length > 1 || punctuation === '…') return /^["“‘«„(]?\p{Lu}/u.test(rest);
  // A quotation closed after a full stop ends the sentence that carried it.
  if (punctuation.length < mark.length) return true;
  const token = wordBefore(block, at).replace(OPENERS, '');
  return !isAbbreviation(token, rest, language);
}

/** Words after a quotation that say who spoke it: the reporting verb comes within a few words. */
const ATTRIBUTION_WORDS = 8;

function isAttribution(rest: string): boolean {
  const clause = /^[^.!?;:]*/u.exec(rest)?.[0] ?? '';
  return isAttributed(clause.split(/\s+/u, ATTRIBUTION_WORDS).join(' '));
}

// A backward scan: a regex anchored at the end would rescan the whole block for every full stop.
function wordBefore(block: string, at: number): string {
  let start = at;
  while (start > 0 && !/\s/u.test(block.charAt(start - 1))) start--;
  return block.slice(start, at);
}

function isAbbreviation(token: string, rest: string, language: string): boolean {
  const lower = token.toLowerCase();
  const nextWord = /^["'“‘«„([]*([\p{L}\p{N}]+)/u.exec(rest)?.[1] ?? '';
  const nextIsNumber = /^\p{N}/u.test(nextWord);
  if (PREFIX_ABBREVIATIONS.has(lower) || INFIX_ABBREVIATIONS.has(lower)) return true;
  // Spanish writes the plural of an abbreviation by doubling its letter: "CC. OO.", "EE. UU.",
  // "FF. AA.". Inside the pair there is no boundary; after it, only before a sentence opener.
  if (DOUBLED_CAPITAL.test(token)) return DOUBLED_NEXT.test(rest) || !opensSentence(nextWord, language);
  if (language === 'fr' && token === 'M') return true;
  if (NUMERAL_ABBREVIATIONS.has(lower) && nextIsNumber) return true;
  if (ORDINAL_DOT_LANGUAGES.has(language) && /^\d{1,3}$/u.test(token)) {
    if (ORDINAL_MONTHS.has(nextWord.toLowerCase())) return true;
    // Where every noun is capitalised, an ordinal goes on with one ("im 21. Jahrhundert"), and a
    // new sentence opens with a function word ("… wurde 21. Dann …") or a name ("Platz 2. Merkel").
    return (
      NOUNS_CAPITALISED.has(language) &&
      /^\p{Lu}/u.test(nextWord) &&
      !opensSentence(nextWord, language) &&
      !defaultNameWords().has(nextWord.toLowerCase())
    );
  }
  if (SUFFIX_ABBREVIATIONS.has(lower) || INITIAL_OR_ACRONYM.test(token)) {
    if (nextIsNumber && !INITIAL_OR_ACRONYM.test(token)) return true;
    // Another initial follows ("J. R. R. Tolkien").
    if (/^\p{Lu}\./u.test(rest)) return true;
    return !opensSentence(nextWord, language);
  }
  return false;
}

// After "U.S." or "Inc." a capitalised function word ("The", "He", "In") starts a new sentence,
// while a name ("U.S. Army", "J.P. Morgan") continues the current one.
function opensSentence(word: string, language: string): boolean {
  const lower = word.toLowerCase();
  return stopwordsFor(language).has(lower) || stopwordsFor('en').has(lower);
}
