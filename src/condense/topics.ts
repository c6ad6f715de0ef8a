/** Topic tagging against the configured taxonomy, plus the entities that muting can match. */

import type { Topic } from '../core/types.js';
import { stripDateline } from './boilerplate.js';
import { extractEntities } from './entities.js';
import { createFieldNameFinder } from './field-names.js';
import { detectLanguage } from './language.js';
import { STOPWORD_LANGUAGES, stopwordsFor } from './stopwords.js';
import { lightStem } from './tokens.js';

/** What the tagger reads of an item. */
export interface TagInput {
  readonly title: string | null;
  readonly text: string;
  readonly categories: readonly string[];
  /** Topic ids the feed's catalog entry lists: a prior, not a verdict. */
  readonly feedTopics: readonly string[];
  /** ISO 639-1 code when known; detected otherwise. */
  readonly language?: string;
}

/** Topic ids (main topics first, at most 3) and lower-cased entities (at most 5). */
export interface TagResult {
  readonly topics: string[];
  /**
   * How many leading `topics` the item is mainly about: more than one when the evidence is too
   * close to tell, or when the publisher filed it under a topic, or its lead names a field, that
   * the rest of the text leans away from.
   */
  readonly mainTopics: number;
  readonly entities: string[];
}

/** Tags items against one taxonomy. */
export interface TopicTagger {
  /** Topics and entities of one item; deterministic. */
  tag(input: TagInput): TagResult;
}

/** Weights and cut-offs of topic scoring. */
export interface TaggerOptions {
  readonly titleWeight: number;
  readonly leadWeight: number;
  readonly bodyWeight: number;
  /** Repeats of one keyword beyond this count add nothing. */
  readonly maxRepeats: number;
  readonly categoryWeight: number;
  readonly feedPrior: number;
  /** A topic below this score is not tagged. */
  readonly minScore: number;
  /** A secondary topic needs at least this share of the main topic's score. */
  readonly minShare: number;
  /** A runner-up with at least this share of the top score is a main topic as well. */
  readonly mainShare: number;
  readonly maxTopics: number;
}

/** Default weights: a headline hit counts three body hits; a feed category counts as a strong hint. */
export const DEFAULT_TAGGER_OPTIONS: TaggerOptions = {
  titleWeight: 3,
  leadWeight: 1.5,
  bodyWeight: 1,
  maxRepeats: 3,
  categoryWeight: 4,
  feedPrior: 1.5,
  minScore: 2,
  minShare: 0.4,
  // Not fitted: every share from 0.70 to 0.85 mutes the BBC labels alike.
  mainShare: 0.75,
  maxTopics: 3,
};

// Enough for BODY_TOKENS words; a longer text only costs time.
const MAX_TEXT_CHARS = 20_000;
const LEAD_TOKENS = 60;
const BODY_TOKENS = 1500;
const WORD = /\p{N}+(?:[.,]\p{N}+)*|[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu;
const ANY_STOPWORD = new Set(STOPWORD_LANGUAGES.flatMap((lang) => [...stopwordsFor(lang)]));

interface Token {
  readonly key: string;
  readonly raw: string;
}

interface Keyword {
  readonly topic: number;
  readonly keys: readonly string[];
  /** A keyword that is also a common word ("who", "it") only counts written in capitals (WHO, IT). */
  readonly capitalsOnly: boolean;
}

/** A tagger for the taxonomy; keyword phrases are compiled once. */
export function createTopicTagger(
  topics: readonly Topic[],
  options: Partial<TaggerOptions> = {},
): TopicTagger {
  const opts = { ...DEFAULT_TAGGER_OPTIONS, ...options };
  const byFirst = new Map<string, Keyword[]>();
  topics.forEach((topic, index) => {
    const seen = new Set<string>();
    for (const phrase of topic.keywords) {
      const keys = tokenize(phrase).map((t) => t.key);
      const first = keys[0];
      if (first === undefined || seen.has(keys.join(' '))) continue;
      seen.add(keys.join(' '));
      const capitalsOnly = keys.length === 1 && ANY_STOPWORD.has(phrase.trim().toLowerCase());
      byFirst.set(first, [...(byFirst.get(first) ?? []), { topic: index, keys, capitalsOnly }]);
    }
  });
  const categories = topics.map((t) => new Set([t.id.toLowerCase(), t.label.toLowerCase(), ...t.categories]));
  const namedFields = createFieldNameFinder(topics);

  return {
    tag(input: TagInput): TagResult {
      const text = stripDateline(input.text.slice(0, MAX_TEXT_CHARS));
      const scores = topics.map(() => 0);
      // A title is read as far as a text is: hostile input costs a bounded time.
      const title = (input.title ?? '').slice(0, MAX_TEXT_CHARS);
      addKeywordScores(scores, tokenize(title), byFirst, () => opts.titleWeight, opts.maxRepeats);
      const words = tokenize(text);
      const body = words.slice(0, BODY_TOKENS);
      addKeywordScores(
        scores,
        body,
        byFirst,
        (at) => (at < LEAD_TOKENS ? opts.leadWeight : opts.bodyWeight),
        opts.maxRepeats,
      );
      const itemCategories = input.categories.flatMap(categoryParts);
      // The publisher's section and the reporter's own naming of the field both say what the
      // story is about, whatever its words are mostly about.
      const declared = namedFields(`${title}\n${leadOf(text, words)}`);
      // Listed, but weighing no more than its words do: other topics keep their standing.
      for (const i of declared) scores[i] = Math.max(scores[i] ?? 0, opts.minScore);
      categories.forEach((names, i) => {
        if (itemCategories.some((c) => names.has(c))) {
          scores[i] = (scores[i] ?? 0) + opts.categoryWeight;
          declared.add(i);
        }
        // The catalog describes the feed, not the item: a general-news feed lists topics most of
        // its items are not about, so its topics only weigh in and never make a topic main.
        if (input.feedTopics.includes(topics[i]?.id ?? '')) scores[i] = (scores[i] ?? 0) + opts.feedPrior;
      });
      const language = input.language ?? detectLanguage(`${title}\n${text}`);
      return {
        ...rankTopics(topics, scores, opts, declared),
        entities: extractEntities(input.title === null ? null : title, text, language),
      };
    },
  };
}

/**
 * Topic ids above the cut-offs, main topics first and each group best first (ties keep taxonomy
 * order), with how many lead as main topics. A main topic scores within `mainShare` of the top or
 * is one the item declares (`declared`, taxonomy indexes): its publisher filed it there, or its
 * lead names the field.
 */
export function rankTopics(
  topics: readonly Topic[],
  scores: readonly number[],
  opts: TaggerOptions,
  declared: ReadonlySet<number> = new Set(),
): { topics: string[]; mainTopics: number } {
  const ranked = topics
    .map((topic, i) => ({ id: topic.id, score: scores[i] ?? 0, i }))
    .filter((t) => t.score >= opts.minScore)
    .sort((a, b) => b.score - a.score || a.i - b.i);
  const top = ranked[0]?.score ?? 0;
  const isMain = (t: { score: number; i: number }): boolean =>
    t.score >= top * opts.mainShare || declared.has(t.i);
  const main = ranked.filter(isMain);
  const secondary = ranked.filter((t) => !isMain(t) && t.score >= top * opts.minShare);
  const listed = [...main, ...secondary].slice(0, opts.maxTopics);
  return {
    topics: listed.map((t) => t.id),
    mainTopics: Math.min(main.length, listed.length),
  };
}

function addKeywordScores(
  scores: number[],
  tokens: readonly Token[],
  byFirst: ReadonlyMap<string, readonly Keyword[]>,
  weightAt: (index: number) => number,
  maxRepeats: number,
): void {
  const hits = new Map<Keyword, number>();
  tokens.forEach((token, at) => {
    const keywords = byFirst.get(token.key);
    if (keywords === undefined) return;
    for (const keyword of keywords) {
      if (!matchesAt(tokens, at, keyword)) continue;
      const seen = hits.get(keyword) ?? 0;
      hits.set(keyword, seen + 1);
      if (seen < maxRepeats) scores[keyword.topic] = (scores[keyword.topic] ?? 0) + weightAt(at);
    }
  });
}

function matchesAt(tokens: readonly Token[], at: number, keyword: Keyword): boolean {
  if (keyword.capitalsOnly) {
    const raw = tokens[at]?.raw ?? '';
    return raw.length > 1 && raw === raw.toUpperCase();
  }
  return keyword.keys.every((key, k) => tokens[at + k]?.key === key);
}

// The text up to the end of its first LEAD_TOKENS words.
function leadOf(text: string, words: readonly Token[]): string {
  if (words.length <= LEAD_TOKENS) return text;
  let end = 0;
  for (let n = 0; n < LEAD_TOKENS; n += 1) {
    const raw = words[n]?.raw ?? '';
    end = text.indexOf(raw, end) + raw.length;
  }
  return text.slice(0, end);
}

function tokenize(text: string): Token[] {
  return (text.match(WORD) ?? []).map((raw) => {
    const lower = raw.toLowerCase();
    return { raw, key: lightStem(lower.includes('’') ? lower.replace(/’/gu, "'") : lower) };
  });
}

// Feeds send "News > Politics" or "World/Europe"; each part may name a topic.
function categoryParts(category: string): string[] {
  const whole = category.trim().toLowerCase();
  const parts = whole
    .split(/(?<!\s)\s*[>/|,:]\s*/u)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return [whole, ...parts];
}
