/**
 * What the story engine reads of an item's text: its words, its names, its address and what it
 * means. None of it depends on the window, so whichever process condenses an item works it out once
 * and stores it with the item; the one process that files stories then only interns and places it.
 */

import { extractEntities } from '../condense/entities.js';
import { contentWords, lightStem } from '../condense/tokens.js';
import { calendarWords } from './calendar-words.js';
import type { MeaningReader } from './meaning.js';
import { urlKey } from './url-key.js';

/** The text of an item, as the store holds it. */
export interface ItemText {
  readonly title: string;
  /** Its opening: at least {@link LEAD_CHARS} characters of its text when it has that many. */
  readonly lead: string;
  readonly url: string | null;
  readonly language: string;
}

/** An item's text read for matching, before any of it is tied to one engine's vocabulary. */
export interface PreparedItem {
  /** Its distinct content words, the headline's first, in the order first met. */
  readonly words: readonly string[];
  /** How many times each of {@link words} is in the headline. */
  readonly inTitle: readonly number[];
  /** How many times each of {@link words} is in the lead. */
  readonly inLead: readonly number[];
  /** The distinct words of its names, in the order first met. */
  readonly names: readonly string[];
  /** For each name word, the index in {@link words} of its light stem; -1 when the text has no such term. */
  readonly nameTerms: readonly number[];
  /** Hash of the canonical URL; 0 when it has none. */
  readonly url: number;
  readonly flags: number;
  /** Hash of the headline without its numbers and calendar words. */
  readonly shape: number;
  /** Hash of headline and lead as read, 0 without a lead: the same article at another address. */
  readonly copy: number;
  /** What it means, in the reader's units; null when unknown or read by no reader. */
  readonly meaning: Int8Array | null;
}

/** A headline asking a question: a card leads with a statement when it can. */
export const QUESTION = 1;
/** A video page: a card leads with an article when it can. */
export const VIDEO = 2;
/**
 * A roundup ("A; B; C"), or what the labelling guidelines keep apart with it: a gallery, a quiz, a
 * podcast episode, a newsletter, a horoscope. Each is a story of its own.
 */
export const ROUNDUP = 4;
/** Nothing beyond a headline (no description, no text): a card leads with a telling it can summarise. */
export const HEADLINE_ONLY = 8;

/** Characters of the lead read: the opening carries the event; the rest adds shared background. */
export const LEAD_CHARS = 400;
/** Characters of a headline read: a 10 kB "headline" is not one. */
export const TITLE_CHARS = 300;
const MAX_NAMES = 8;
const NAME_JOINERS = new Set(['of', 'the', 'de', 'del', 'la', 'le', 'van', 'von', 'der', 'al', 'and', '&']);
/** Characters that may close a question after its mark: quotes and brackets. */
const CLOSERS = new Set(['"', "'", '”', '’', '»', ')']);

/** A 30-bit FNV-1a hash, never 0: small enough to stay an unboxed integer in V8. */
export function hash30(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash >>> 2 || 1;
}

/**
 * The text without addresses, e-mail addresses, handles and hashtags: a channel's signature, not
 * what an item says. Read word by word, so no pattern rescans a long word.
 */
function prose(text: string): string {
  const kept: string[] = [];
  for (const match of text.matchAll(/\S+/gu)) {
    const word = match[0];
    const link = word.startsWith('http://') || word.startsWith('https://') || word.startsWith('www.');
    const tag = word.startsWith('#') || word.startsWith('@');
    const mail = word.includes('@') && word.includes('.', word.indexOf('@'));
    if (!link && !tag && !mail) kept.push(word);
  }
  return kept.join(' ');
}

/** A headline that ends with a question mark, perhaps inside quotes or brackets. */
function asks(title: string): boolean {
  let end = title.trimEnd().length;
  while (end > 0 && CLOSERS.has(title[end - 1] ?? '')) end--;
  return title[end - 1] === '?';
}

/**
 * A headline alone is as often a series' title ("Daily quiz") as a copy; with its lead word for
 * word, it is one article an outlet filed twice.
 */
function copyOf(title: string, lead: string): number {
  const text = (s: string): string => s.toLowerCase().replace(/\s+/gu, ' ').trim();
  return text(lead) === '' ? 0 : hash30(`${text(title)}\n${text(lead)}`);
}

function shapeOf(title: string, calendar: ReadonlySet<string>): number {
  const words = title.toLowerCase().match(/\p{L}+/gu) ?? [];
  return hash30(words.filter((w) => !calendar.has(w)).join(' '));
}

/**
 * A headline of three or more clauses of three or more words each ("A; B; C"). Two clauses are as
 * often one event and its reaction ("US orders China to shut Houston consulate; China calls it
 * unprecedented escalation", "Kim Jong Un is doing…; adds I hope he's fine") as two events.
 */
function isRoundup(title: string): boolean {
  return title.split(';').filter((clause) => clause.trim().split(/\s+/u).length >= 3).length >= 3;
}

// A section of those kinds, as a whole segment of the address's path ("/gallery/", "/quizzes/",
// "/podcast/", "/briefing/"); a slug's word ("/Quiz-places-stores…", the retailer) is not one.
const KIND_SECTION =
  /^https?:\/\/[^/?#]+(?:\/[^/?#]*)*?\/(?:galler(?:y|ies)|in-pictures|pictures|photos|photo-galler(?:y|ies)|quiz(?:zes)?|podcasts?|episodes?|newsletters?|horoscopes?|briefing)(?:[/?#]|$)/iu;
// The same kinds named by a label before the headline, the kind its last word: "Quiz of the
// week:", "In pictures:", "MOTD podcast:", "Herald morning quiz:"; not "Spotify podcast deal:",
// "Quiz show host dies:" or "Police release photos of suspect | BBC News".
const KIND_LABEL =
  /^(?:[\p{L}\p{N}'’.&-]+\s+){0,3}?(?:quiz(?:zes)?|gallery|in pictures|podcast|newsletter|horoscopes?)(?:\s+of\s+the\s+(?:day|week|month|year))?\s*[:|]/iu;

/** A gallery, quiz, podcast episode, newsletter or horoscope, by its section or its label. */
function isKindApart(title: string, url: string | null): boolean {
  return KIND_LABEL.test(title) || (url !== null && KIND_SECTION.test(url.slice(0, 2_000)));
}

function isVideoUrl(url: string | null): boolean {
  if (url === null) return false;
  return /(?:^|\.)(?:youtube\.com|youtu\.be|vimeo\.com)(?:[:/]|$)|\/(?:videos?|av|watch)\//iu.test(url);
}

/**
 * Reads an item for matching: headline and lead words (calendar words left out), the words of its
 * names, and its meaning when a reader is given. Bounded: long headlines and leads are cut first.
 */
export function prepareItem(item: ItemText, reader: MeaningReader | null): PreparedItem {
  const title = prose(item.title.slice(0, TITLE_CHARS));
  const lead = prose(item.lead.slice(0, LEAD_CHARS));
  const calendar = calendarWords(item.language);
  const index = new Map<string, number>();
  const inTitle: number[] = [];
  const inLead: number[] = [];
  const count = (text: string, counts: number[]): void => {
    for (const word of contentWords(text, item.language)) {
      if (calendar.has(word)) continue;
      let at = index.get(word);
      if (at === undefined) {
        at = index.size;
        index.set(word, at);
        inTitle.push(0);
        inLead.push(0);
      }
      counts[at] = (counts[at] ?? 0) + 1;
    }
  };
  count(title, inTitle);
  count(lead, inLead);
  const names = new Set<string>();
  for (const name of extractEntities(title, lead, item.language, MAX_NAMES))
    for (const word of name.split(' ')) if (word.length > 1 && !NAME_JOINERS.has(word)) names.add(word);
  const url = urlKey(item.url);
  return {
    words: [...index.keys()],
    inTitle,
    inLead,
    names: [...names],
    nameTerms: [...names].map((name) => index.get(lightStem(name)) ?? -1),
    url: url === null ? 0 : hash30(url),
    flags:
      (asks(title) ? QUESTION : 0) |
      (isVideoUrl(item.url) ? VIDEO : 0) |
      (isRoundup(title) || isKindApart(title, item.url) ? ROUNDUP : 0) |
      (inLead.some((n) => n > 0) ? 0 : HEADLINE_ONLY),
    shape: shapeOf(title, calendar),
    copy: copyOf(title, lead),
    meaning:
      reader?.meaning(item.title.slice(0, TITLE_CHARS), item.lead.slice(0, LEAD_CHARS), item.language) ??
      null,
  };
}
