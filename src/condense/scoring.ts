/**
 * Sentence features and scores for extractive summaries. Pure helpers, exported so that better
 * weights or signals can replace them one at a time.
 */

import { isAttributed, isDangling } from './openers.js';
import { contentWords } from './tokens.js';

/** A sentence of the article with what the selector needs to know about it. */
export interface SentenceInfo {
  /** Position among all sentences of the article, from 0. */
  readonly index: number;
  readonly text: string;
  /** Stemmed content words. */
  readonly terms: ReadonlySet<string>;
  readonly wordCount: number;
  readonly dangling: boolean;
  readonly attributed: boolean;
}

/** A sentence with its score; higher is more worth keeping. */
export interface ScoredSentence extends SentenceInfo {
  readonly score: number;
  /** TF-IDF weights of its terms, IDF taken over the article's sentences, unit length. */
  readonly vector: ReadonlyMap<string, number>;
}

/** Weights of the score's parts. */
export interface ScoreWeights {
  readonly position: number;
  /** How fast the position weight falls from one sentence to the next. */
  readonly positionDecay: number;
  readonly headline: number;
  readonly centrality: number;
  readonly attribution: number;
  /** Taken off a sentence that opens with a quotation: news summaries report, they rarely quote. */
  readonly quotation: number;
  /** Taken off a sentence under {@link SHORT_WORDS} words: too little to say the news alone. */
  readonly short: number;
  /** Taken off per {@link LONG_WORDS} words beyond that length: a long sentence spends the reader's time. */
  readonly long: number;
}

/** Below this many words a sentence counts as short. */
export const SHORT_WORDS = 10;
/** Beyond this many words a sentence pays for its length. */
export const LONG_WORDS = 25;

/**
 * Weights: news is front-loaded, so position leads; centrality in the article's similarity graph
 * and overlap with the headline say which of the opening sentences carry the story.
 */
export const DEFAULT_WEIGHTS: ScoreWeights = {
  position: 1,
  positionDecay: 0.2,
  headline: 0.45,
  centrality: 1,
  attribution: 0,
  quotation: 0.15,
  short: 0.3,
  long: 0.5,
};

/** Features of each sentence; `index` is the sentence's position in the given list. */
export function describeSentences(sentences: readonly string[], language: string): SentenceInfo[] {
  return sentences.map((text, index) => ({
    index,
    text,
    terms: new Set(contentWords(text, language)),
    wordCount: countWords(text),
    dangling: isDangling(text, language),
    attributed: isAttributed(text),
  }));
}

// Whitespace-separated pieces holding a letter or a digit: each match spans one such piece whole,
// counted without building the list of pieces. A match starts only where a piece starts and its
// prefix cannot hold a letter, so a long piece without one is read once, not once per character.
const WORD_PIECE = /(?<!\S)[^\s\p{L}\p{N}]*[\p{L}\p{N}]\S*/gu;

/** Whitespace-separated pieces of the text that hold a letter or a digit. */
export function countWords(text: string): number {
  return text.match(WORD_PIECE)?.length ?? 0;
}

/** Weight of a sentence's position: 1 for the first, decaying so that the lead dominates. */
export function positionScore(index: number, decay = DEFAULT_WEIGHTS.positionDecay): number {
  return 1 / (1 + decay * index);
}

/** Share of the headline's content words that the sentence repeats, in [0, 1]. */
export function headlineOverlap(terms: ReadonlySet<string>, headline: ReadonlySet<string>): number {
  if (headline.size === 0) return 0;
  let shared = 0;
  for (const term of headline) if (terms.has(term)) shared++;
  return shared / headline.size;
}

/** Unit-length TF-IDF vectors of term sets, IDF computed over the sets themselves. */
export function tfidfVectors(termSets: readonly ReadonlySet<string>[]): Map<string, number>[] {
  const df = new Map<string, number>();
  for (const terms of termSets) for (const term of terms) df.set(term, (df.get(term) ?? 0) + 1);
  const n = termSets.length;
  return termSets.map((terms) => {
    const vector = new Map<string, number>();
    let norm = 0;
    for (const term of terms) {
      const weight = Math.log(1 + n / (df.get(term) ?? 1));
      vector.set(term, weight);
      norm += weight * weight;
    }
    const length = Math.sqrt(norm);
    if (length > 0) for (const [term, weight] of vector) vector.set(term, weight / length);
    return vector;
  });
}

/** Cosine of two unit-length vectors. */
export function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, weight] of small) dot += weight * (large.get(term) ?? 0);
  return dot;
}

/** Each vector's summed cosine to all others (degree in the similarity graph), scaled so the most central is 1. */
export function centrality(vectors: readonly ReadonlyMap<string, number>[]): number[] {
  const sums = vectors.map(() => 0);
  for (let i = 0; i < vectors.length; i++) {
    for (let j = i + 1; j < vectors.length; j++) {
      const a = vectors[i];
      const b = vectors[j];
      if (a === undefined || b === undefined) continue;
      const sim = cosine(a, b);
      sums[i] = (sums[i] ?? 0) + sim;
      sums[j] = (sums[j] ?? 0) + sim;
    }
  }
  const max = Math.max(0, ...sums);
  return sums.map((s) => (max > 0 ? s / max : 0));
}

/** Share of the smaller set found in the larger one, in [0, 1]. */
export function overlapCoefficient(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let shared = 0;
  for (const term of small) if (large.has(term)) shared++;
  return shared / small.size;
}

/** Scores of candidate sentences; centrality is measured against the candidates themselves. */
export function scoreSentences(
  candidates: readonly SentenceInfo[],
  headline: ReadonlySet<string>,
  weights: ScoreWeights = DEFAULT_WEIGHTS,
): ScoredSentence[] {
  const vectors = tfidfVectors(candidates.map((c) => c.terms));
  const central = centrality(vectors);
  return candidates.map((c, i) => {
    let score =
      weights.position * positionScore(c.index, weights.positionDecay) +
      weights.headline * headlineOverlap(c.terms, headline) +
      weights.centrality * (central[i] ?? 0);
    if (c.attributed) score += weights.attribution;
    if (/^["“‘'«„]/u.test(c.text)) score -= weights.quotation;
    if (c.wordCount < SHORT_WORDS) score -= weights.short;
    if (c.wordCount > LONG_WORDS) score -= (weights.long * (c.wordCount - LONG_WORDS)) / LONG_WORDS;
    // A question rarely tells the news by itself.
    if (/\?["'”’»)]*$/u.test(c.text)) score -= 0.3;
    return { ...c, score, vector: vectors[i] ?? new Map<string, number>() };
  });
}
