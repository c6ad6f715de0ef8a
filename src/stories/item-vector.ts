/** What the story engine keeps of an item: weighted term vectors, names, and what a card needs. */

import { canonicalUrl } from '../condense/story-vectors.js';
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

/** A sparse vector: sorted ids and their weights, of unit length. */
export interface SparseVector {
  readonly ids: Int32Array;
  readonly weights: Float64Array;
}

/** The engine's record of an item. */
export interface ItemVector {
  readonly full: SparseVector;
  readonly title: SparseVector;
  /** Sum of the inverse document frequencies of its distinct terms: how much it says. */
  readonly information: number;
  /** Sorted ids of the words of its names. */
  readonly names: Int32Array;
  /** The term id of each name word, -1 for one its text does not hold as a term. */
  readonly nameTerms: Int32Array;
  /** Sorted ids of the name words its headline holds. */
  readonly titleNames: Int32Array;
  readonly url: string | null;
  /** A headline asking a question: a card leads with a statement when it can. */
  readonly question: boolean;
  /** A video page: a card leads with an article when it can. */
  readonly video: boolean;
  /** A headline listing several events ("A; B; C"): a roundup is a story of its own. */
  readonly roundup: boolean;
  /**
   * A hash of the headline without its numbers and calendar words: one outlet's headlines that
   * agree on it ("Best of cartoons, May 28" and "…, May 29") are a series, not one event.
   */
  readonly shape: number;
}

/** Characters of the lead read: the opening carries the event; the rest adds shared background. */
const LEAD_CHARS = 400;
/** Characters of a headline read: a 10 kB "headline" is not one. */
const TITLE_CHARS = 300;
/** A headline word counts this many times a lead word: headlines name the event. */
const TITLE_WEIGHT = 2;
const MAX_NAMES = 8;
const NAME_JOINERS = new Set(['of', 'the', 'de', 'del', 'la', 'le', 'van', 'von', 'der', 'al', 'and', '&']);

function vectorOf(counts: ReadonlyMap<number, number>, idf: (id: number) => number): SparseVector {
  const ids = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
  const weights = new Float64Array(ids.length);
  let norm = 0;
  ids.forEach((id, i) => {
    const weight = (counts.get(id) ?? 0) * idf(id);
    weights[i] = weight;
    norm += weight * weight;
  });
  const length = Math.sqrt(norm);
  if (length > 0) for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] ?? 0) / length;
  return { ids, weights };
}

function nameWords(names: readonly string[], vocabulary: Vocabulary): Int32Array {
  const ids = new Set<number>();
  for (const name of names)
    for (const word of name.split(' '))
      if (word.length > 1 && !NAME_JOINERS.has(word)) ids.add(vocabulary.intern(word));
  return Int32Array.from([...ids].sort((a, b) => a - b));
}

// Addresses, handles and hashtags are a channel's signature, not what an item says; \S+ is linear.
const NOT_PROSE = /(?:https?:\/\/|www\.)\S+|\S+@\S+\.\S+|[#@][\p{L}\p{N}_]+/gu;

/** A 32-bit FNV-1a hash. */
function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

function shapeOf(title: string, calendar: ReadonlySet<string>): number {
  const words = title.toLowerCase().match(/[\p{L}]+/gu) ?? [];
  return hash32(words.filter((w) => !calendar.has(w)).join(' '));
}

function isRoundup(title: string): boolean {
  const clauses = title.split(';').filter((clause) => clause.trim().split(/\s+/u).length >= 3);
  return clauses.length >= 2;
}

function isVideoUrl(url: string | null): boolean {
  if (url === null) return false;
  return /(?:^|\.)(?:youtube\.com|youtu\.be|vimeo\.com)(?:[:/]|$)|\/(?:videos?|av|watch)\//iu.test(url);
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
  const intern = (word: string): number => terms.intern(word);
  for (const word of contentWords(title, item.language)) {
    if (calendar.has(word)) continue;
    const id = intern(word);
    titleCounts.set(id, (titleCounts.get(id) ?? 0) + 1);
    fullCounts.set(id, (fullCounts.get(id) ?? 0) + TITLE_WEIGHT);
  }
  for (const word of contentWords(lead, item.language)) {
    if (calendar.has(word)) continue;
    const id = intern(word);
    fullCounts.set(id, (fullCounts.get(id) ?? 0) + 1);
  }
  const idf = (id: number): number => terms.idfOf(id);
  let information = 0;
  for (const id of fullCounts.keys()) information += idf(id);
  const entities = extractEntities(title, lead, item.language, MAX_NAMES);
  const folded = title.toLowerCase();
  const titleEntities = entities.filter((entity) => folded.includes(entity));
  const nameIds = nameWords(entities, names);
  const nameTerms = Int32Array.from(nameIds, (id) => {
    const term = terms.find(lightStem(names.word(id)));
    return term >= 0 && fullCounts.has(term) ? term : -1;
  });
  return {
    full: vectorOf(fullCounts, idf),
    title: vectorOf(titleCounts, idf),
    information,
    names: nameIds,
    nameTerms,
    titleNames: nameWords(titleEntities, names),
    url: canonicalUrl(item.url),
    question: /\?\s*["'”’»)]*\s*$/u.test(title),
    video: isVideoUrl(item.url),
    roundup: isRoundup(title),
    shape: shapeOf(title, calendar),
  };
}
