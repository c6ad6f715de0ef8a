/** Extractive summary of one article: whole sentences of the article, in its order. */

import type { Summary } from '../core/types.js';
import { isBoilerplate, stripBoilerplate } from './boilerplate.js';
import { detectLanguage } from './language.js';
import { isCaption, withoutLabel, withoutPhotoPointers } from './captions.js';
import { trimClause } from './clause-trim.js';
import { citesUnnamedSource } from './openers.js';
import {
  cosine,
  countWords,
  describeSentences,
  headlineOverlap,
  overlapCoefficient,
  scoreSentences,
  type ScoredSentence,
  type SentenceInfo,
} from './scoring.js';
import { splitSentences } from './sentences.js';
import { withHeadlineReferent, withoutCutOff } from './snippets.js';
import { contentWords } from './tokens.js';

/** An article to summarise; `language` skips detection when the caller knows it. */
export interface SummaryInput {
  readonly title: string | null;
  readonly text: string;
  readonly language?: string;
  /** The sentences of `stripBoilerplate` of the text's first 40,000 characters in that language, when the caller has them. */
  readonly sentences?: readonly string[];
}

/** Limits of a summary. */
export interface SummaryOptions {
  readonly maxSentences?: number;
  readonly maxChars?: number;
}

const DEFAULT_MAX_SENTENCES = 3;
const DEFAULT_MAX_CHARS = 400;
// News is front-loaded, and centrality is quadratic: a book-length text is judged by its opening.
const MAX_TEXT_CHARS = 40_000;
const MAX_CANDIDATES = 150;
const MIN_WORDS = 5;
const MAX_WORDS = 90;
const WEB_ADDRESS = /(?:https?:\/\/|www\.)\S/iu;
// A text of at most this many sentences is a description, not an article.
const SHORT_TEXT_SENTENCES = 3;
// Sentences sharing this much of their content say the same thing twice.
const DUPLICATE = 0.8;
// Two sentences this close in TF-IDF space say much the same: the second adds little for its length.
const REDUNDANT = 0.4;
/** Sentences picked first come from the article's opening this many sentences long: news is front-loaded. */
export const LEAD_WINDOW = 4;
// An unattributed sentence this close to an attributed one states the same claim.
const SAME_CLAIM = 0.5;
const MIN_SHARED_CLAIM_TERMS = 4;
// A sourced sentence must share this much of the headline to be taken as the headline's source.
const MIN_ANCHOR_HEADLINE_OVERLAP = 0.25;

const ANNOUNCES = /:\s*$/u;

/** A faithful summary within the limits (3 sentences, 400 characters by default); deterministic. */
export function summarize(article: SummaryInput, options: SummaryOptions = {}): Summary {
  const maxSentences = options.maxSentences ?? DEFAULT_MAX_SENTENCES;
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const language = article.language ?? detectLanguage(`${article.title ?? ''}\n${article.text}`);
  const empty: Summary = { text: '', sentences: [], language };
  if (maxSentences < 1 || maxChars < 2) return empty;

  const sentences =
    article.sentences ??
    splitSentences(stripBoilerplate(article.text.slice(0, MAX_TEXT_CHARS), language), language);
  const title = normalise(article.title ?? '');
  // A sentence that gives a web address points somewhere else; the card already links the article.
  const usable = withoutCutOff(sentences, maxChars, language).filter(
    (s) => !isBoilerplate(s) && normalise(s) !== title && !WEB_ADDRESS.test(s),
  );
  // In an article a labelled line is a photo caption; in a two-line description it is a lead-in
  // ("RICHARD KAY: Kensington Palace took …"), and the label goes.
  const isArticle = usable.length > SHORT_TEXT_SENTENCES;
  const proper = (isArticle ? usable.filter((s) => !isCaption(s)) : usable.map(withoutLabel)).filter(
    isProperSentence,
  );
  // Short feed descriptions may hold nothing but fragments; they are still the item's own words.
  // Positions count candidates only: a caption between two paragraphs is no sentence of the story.
  // A line that ends in a colon announces what follows it ("…click the links below:"), and the
  // summary would not carry that.
  const fragments = usable.filter((s) => !ANNOUNCES.test(s));
  const candidates = proper.length > 0 ? proper : fragments;
  const pool = describeSentences(candidates.slice(0, MAX_CANDIDATES).map(withoutPhotoPointers), language);
  // Whether the first candidate is the text's own first sentence, the one a headline can stand for.
  const first = usable[0];
  const opensText =
    first !== undefined && (candidates[0] === first || (!isArticle && candidates[0] === withoutLabel(first)));
  if (pool.length === 0) return empty;

  const headline = new Set(contentWords(article.title ?? '', language));
  const limits = { maxSentences, maxChars };
  const scored = scoreSentences(pool, headline);
  const summary = chooseWithin(scored, headline, limits, language);
  // A description that only refers back to its headline ("It is the latest round of cuts …") is
  // still a summary under that headline.
  return summary.text !== ''
    ? summary
    : chooseWithin(
        withHeadlineReferent(scored, article.title, language, opensText ? pool[0]?.text : undefined),
        headline,
        limits,
        language,
      );
}

function chooseWithin(
  scored: readonly ScoredSentence[],
  headline: ReadonlySet<string>,
  limits: { readonly maxSentences: number; readonly maxChars: number },
  language: string,
): Summary {
  const anchor = sourcingAnchor(scored, headline);
  const chosen = fillBudget(
    selectSentences(scored, limits.maxSentences, limits.maxChars, anchor),
    scored,
    limits,
    language,
  );
  if (chosen.length > 0) {
    const texts = chosen.map((s) => s.text);
    return { text: texts.join(' '), sentences: texts, language };
  }
  // Nothing fits whole: the first self-standing sentence is cut, unless it is a claim that needs its source.
  const first = scored.find((s) => !s.dangling && anchor?.claims.has(s.index) !== true);
  if (first === undefined) return { text: '', sentences: [], language };
  const cut = cutAtWord(first.text, limits.maxChars);
  return { text: cut, sentences: [cut], language };
}

/** True for a complete sentence of reasonable length: ends in terminal punctuation, not a heading or a list intro. */
export function isProperSentence(sentence: string): boolean {
  const words = countWords(sentence);
  if (words < MIN_WORDS || words > MAX_WORDS) return false;
  return /[.!?…]["'”’»)\]]*$/u.test(sentence);
}

/** The sentence that sources the headline's claim, and the bare sentences that repeat that claim. */
export interface Anchor {
  readonly sentence: ScoredSentence;
  /** Indexes of unattributed sentences that say as much of the headline: they only travel with the anchor. */
  readonly claims: ReadonlySet<number>;
}

/**
 * The anchor of an article whose headline rests on unnamed sources: the best-scoring, self-standing
 * sentence citing unnamed sources that repeats part of the headline. Undefined for other articles.
 */
export function sourcingAnchor(
  scored: readonly ScoredSentence[],
  headline: ReadonlySet<string>,
): Anchor | undefined {
  const sourced = scored.filter(
    (s) =>
      !s.dangling &&
      citesUnnamedSource(s.text) &&
      headlineOverlap(s.terms, headline) >= MIN_ANCHOR_HEADLINE_OVERLAP,
  );
  const sentence = sourced.sort((a, b) => b.score - a.score || a.index - b.index)[0];
  if (sentence === undefined) return undefined;
  const reach = headlineOverlap(sentence.terms, headline);
  const claims = scored
    .filter((s) => !s.attributed && headlineOverlap(s.terms, headline) >= reach)
    .map((s) => s.index);
  return { sentence, claims: new Set(claims) };
}

/**
 * Best-scoring sentences within the limits, in article order, starting from the anchor when there is
 * one and it fits. A dangling sentence only follows the sentence it leans on; an unattributed claim
 * gives way to the sentence that attributes it, and never appears without it.
 */
export function selectSentences(
  scored: readonly ScoredSentence[],
  maxSentences: number,
  maxChars: number,
  anchor?: Anchor,
  window = LEAD_WINDOW,
): ScoredSentence[] {
  const ranked = [...scored].sort((a, b) => b.score - a.score || a.index - b.index);
  const chosen = new Map<number, ScoredSentence>();
  // Limits only tighten as sentences are taken, so a sentence that once failed never fits later.
  const rejected = new Set<number>();
  let length = -1;

  const admissible = (s: ScoredSentence): boolean => !s.dangling || chosen.has(s.index - 1);
  const fits = (s: ScoredSentence): boolean =>
    length + 1 + s.text.length <= maxChars && !repeats(s, chosen.values());

  let reach = window;
  const next = (): ScoredSentence | undefined => {
    for (const s of ranked) {
      if (s.index >= reach) continue;
      if (chosen.has(s.index) || rejected.has(s.index) || !admissible(s)) continue;
      const source = s.attributed ? undefined : attributionOf(s, ranked);
      // A claim the outlet states in its own voice near the top may stand alone; one that rests on
      // unnamed sources never does.
      if (source !== undefined && citesUnnamedSource(source.text)) {
        // The claim travels with its source or not at all.
        rejected.add(s.index);
        if (source.index < reach && !chosen.has(source.index) && admissible(source) && fits(source))
          return source;
        continue;
      }
      if (fits(s)) return s;
      rejected.add(s.index);
    }
    return undefined;
  };

  if (anchor !== undefined) {
    const { sentence, claims } = anchor;
    if (maxSentences > 0 && sentence.text.length <= maxChars) {
      chosen.set(sentence.index, sentence);
      length += 1 + sentence.text.length;
    } else {
      // Limits only tighten, so an anchor that does not fit now never will, and its claims stay out.
      for (const claim of claims) rejected.add(claim);
    }
  }
  // One pick at a time from the top: each pick can make a dangling follower admissible.
  while (chosen.size < maxSentences) {
    const pick = next();
    if (pick === undefined && chosen.size === 0 && reach < Infinity) {
      // An opening with nothing usable: the rest of the article may still hold the news.
      reach = Infinity;
      continue;
    }
    if (pick === undefined) break;
    chosen.set(pick.index, pick);
    length += 1 + pick.text.length;
  }
  return [...chosen.values()].sort((a, b) => a.index - b.index);
}

/**
 * The chosen sentences with one more, cut after a clause, when fewer than `maxSentences` were taken
 * and the best remaining sentence of the opening does not fit whole: the budget is used rather than
 * left empty.
 */
export function fillBudget(
  chosen: readonly ScoredSentence[],
  scored: readonly ScoredSentence[],
  limits: { readonly maxSentences: number; readonly maxChars: number },
  language = 'en',
  window = LEAD_WINDOW,
): ScoredSentence[] {
  if (chosen.length === 0 || chosen.length >= limits.maxSentences) return [...chosen];
  const taken = new Set(chosen.map((s) => s.index));
  const room = limits.maxChars - chosen.reduce((sum, s) => sum + s.text.length + 1, 0);
  const ranked = [...scored].sort((a, b) => b.score - a.score || a.index - b.index);
  for (const s of ranked) {
    if (s.index >= window || taken.has(s.index) || (s.dangling && !taken.has(s.index - 1))) continue;
    if (repeats(s, chosen) || s.text.length <= room) continue;
    const source = s.attributed ? undefined : attributionOf(s, ranked);
    if (source !== undefined && citesUnnamedSource(source.text)) continue;
    const cut = trimClause(s.text, room, true, language);
    if (cut === null) continue;
    return [...chosen, { ...s, text: cut }].sort((a, b) => a.index - b.index);
  }
  return [...chosen];
}

/** The best-ranked attributed sentence that states the same claim as an unattributed one, if any. */
export function attributionOf(
  claim: SentenceInfo,
  ranked: readonly ScoredSentence[],
): ScoredSentence | undefined {
  return ranked.find((other) => other.attributed && other.index !== claim.index && sameClaim(claim, other));
}

function sameClaim(a: SentenceInfo, b: SentenceInfo): boolean {
  let shared = 0;
  for (const term of a.terms) if (b.terms.has(term)) shared++;
  return shared >= MIN_SHARED_CLAIM_TERMS && overlapCoefficient(a.terms, b.terms) >= SAME_CLAIM;
}

function repeats(s: ScoredSentence, chosen: Iterable<ScoredSentence>): boolean {
  for (const other of chosen) {
    if (overlapCoefficient(s.terms, other.terms) >= DUPLICATE) return true;
    if (cosine(s.vector, other.vector) >= REDUNDANT) return true;
  }
  return false;
}

/** The text cut at a word boundary to at most `maxChars` characters, ending in "…" when cut. */
export function cutAtWord(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const room = text.slice(0, maxChars - 1);
  const space = room.search(/\s\S*$/u);
  let head = space > maxChars / 3 ? room.slice(0, space) : room;
  // Cut inside a word (CJK text has no spaces): never between the halves of an emoji or a rare character.
  if (head === room && /[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  return `${head.replace(/(?<![\s,;:–—-])[\s,;:–—-]+$/u, '')}…`;
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
