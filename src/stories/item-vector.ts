/** What the story engine keeps of an item: weighted term vectors, names, and what a card needs. */

import { urlKey } from './url-key.js';
import { extractEntities } from '../condense/entities.js';
import { contentWords, lightStem } from '../condense/tokens.js';
import { calendarWords } from './calendar-words.js';
import type { TermTable, Vocabulary } from './vocabulary.js';

/** An item as the story engine is given it. */
export interface StoryItem {
  /** The caller's id, unique among the items given. */
  readonly id: number;
  /** The outlet (feed) that published it. */
  readonly outlet: number;
  readonly url: string | null;
  readonly title: string;
  /** Its opening: the feed's description or the first sentences, feed furniture removed. */
  readonly lead: string;
  readonly language: string;
  readonly publishedAt: number;
  readonly firstSeenAt: number;
  /** Breaks ties between equal times: a string that names this item the same way on every run. */
  readonly stableKey: string;
}

/**
 * The engine's packed record of an item. `ids` holds, in turn, the sorted term ids of headline and
 * lead, the sorted term ids of the headline alone, the sorted ids of its name words, and each name
 * word's term id (-1 when the text does not hold it as a term); `weights` holds the unit-length
 * weights of the first two runs. Two typed arrays an item keep the window's memory small.
 */
export interface ItemVector {
  readonly ids: Int32Array;
  readonly weights: Float32Array;
  readonly fullLength: number;
  readonly titleLength: number;
  readonly nameLength: number;
  /** Sum of the inverse document frequencies of its distinct terms: how much it says. */
  readonly information: number;
  /** Hash of the canonical URL; 0 when it has none. */
  readonly url: number;
  readonly flags: number;
  /**
   * A hash of the headline without its numbers and calendar words: one outlet's headlines that
   * agree on it ("Best of cartoons, May 28" and "…, May 29") are a series, not one event.
   */
  readonly shape: number;
}

/** A headline asking a question: a card leads with a statement when it can. */
export const QUESTION = 1;
/** A video page: a card leads with an article when it can. */
export const VIDEO = 2;
/** A headline listing several events ("A; B; C"): a roundup is a story of its own. */
export const ROUNDUP = 4;

/** Characters of the lead read: the opening carries the event; the rest adds shared background. */
const LEAD_CHARS = 400;
/** Characters of a headline read: a 10 kB "headline" is not one. */
const TITLE_CHARS = 300;
/** A headline word counts this many times a lead word: headlines name the event. */
const TITLE_WEIGHT = 2;
const MAX_NAMES = 8;
const NAME_JOINERS = new Set(['of', 'the', 'de', 'del', 'la', 'le', 'van', 'von', 'der', 'al', 'and', '&']);
// Addresses, handles and hashtags are a channel's signature, not what an item says; \S+ is linear.
const NOT_PROSE = /(?:https?:\/\/|www\.)\S+|\S+@\S+\.\S+|[#@][\p{L}\p{N}_]+/gu;

/** A 32-bit FNV-1a hash, never 0. */
export function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash === 0 ? 1 : hash;
}

function shapeOf(title: string, calendar: ReadonlySet<string>): number {
  const words = title.toLowerCase().match(/\p{L}+/gu) ?? [];
  return hash32(words.filter((w) => !calendar.has(w)).join(' '));
}

function isRoundup(title: string): boolean {
  return title.split(';').filter((clause) => clause.trim().split(/\s+/u).length >= 3).length >= 2;
}

function isVideoUrl(url: string | null): boolean {
  if (url === null) return false;
  return /(?:^|\.)(?:youtube\.com|youtu\.be|vimeo\.com)(?:[:/]|$)|\/(?:videos?|av|watch)\//iu.test(url);
}

function sortedIds(counts: ReadonlyMap<number, number>): number[] {
  return [...counts.keys()].sort((a, b) => a - b);
}

/** Writes unit-length weights for `ids` into `out` from `offset`. */
function normalise(
  ids: readonly number[],
  counts: ReadonlyMap<number, number>,
  idf: (id: number) => number,
  out: Float32Array,
  offset: number,
): void {
  let norm = 0;
  for (const id of ids) norm += ((counts.get(id) ?? 0) * idf(id)) ** 2;
  const length = Math.sqrt(norm);
  ids.forEach((id, i) => {
    out[offset + i] = length === 0 ? 0 : ((counts.get(id) ?? 0) * idf(id)) / length;
  });
}

/**
 * The item's vectors: headline and lead words weighted by rarity (headline words twice), the
 * headline alone, and the words of its names. Bounded: long headlines and leads are cut first.
 */
export function itemVector(item: StoryItem, terms: TermTable, names: Vocabulary): ItemVector {
  const title = item.title.slice(0, TITLE_CHARS).replace(NOT_PROSE, ' ');
  const lead = item.lead.slice(0, LEAD_CHARS).replace(NOT_PROSE, ' ');
  const calendar = calendarWords(item.language);
  const titleCounts = new Map<number, number>();
  const fullCounts = new Map<number, number>();
  for (const word of contentWords(title, item.language)) {
    if (calendar.has(word)) continue;
    const id = terms.intern(word);
    titleCounts.set(id, (titleCounts.get(id) ?? 0) + 1);
    fullCounts.set(id, (fullCounts.get(id) ?? 0) + TITLE_WEIGHT);
  }
  for (const word of contentWords(lead, item.language)) {
    if (calendar.has(word)) continue;
    const id = terms.intern(word);
    fullCounts.set(id, (fullCounts.get(id) ?? 0) + 1);
  }
  const idf = (id: number): number => terms.idfOf(id);
  const nameIds = new Set<number>();
  for (const name of extractEntities(title, lead, item.language, MAX_NAMES))
    for (const word of name.split(' '))
      if (word.length > 1 && !NAME_JOINERS.has(word)) nameIds.add(names.intern(word));
  const full = sortedIds(fullCounts);
  const heading = sortedIds(titleCounts);
  const named = [...nameIds].sort((a, b) => a - b);
  const ids = new Int32Array(full.length + heading.length + 2 * named.length);
  ids.set(full, 0);
  ids.set(heading, full.length);
  ids.set(named, full.length + heading.length);
  named.forEach((id, i) => {
    const term = terms.find(lightStem(names.word(id)));
    ids[full.length + heading.length + named.length + i] = term >= 0 && fullCounts.has(term) ? term : -1;
  });
  const weights = new Float32Array(full.length + heading.length);
  normalise(full, fullCounts, idf, weights, 0);
  normalise(heading, titleCounts, idf, weights, full.length);
  let information = 0;
  for (const id of full) information += idf(id);
  const url = urlKey(item.url);
  return {
    ids,
    weights,
    fullLength: full.length,
    titleLength: heading.length,
    nameLength: named.length,
    information,
    url: url === null ? 0 : hash32(url),
    flags:
      (/\?\s*["'”’»)]*\s*$/u.test(title) ? QUESTION : 0) |
      (isVideoUrl(item.url) ? VIDEO : 0) |
      (isRoundup(title) ? ROUNDUP : 0),
    shape: shapeOf(title, calendar),
  };
}
