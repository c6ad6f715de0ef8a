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
}

/** Weights of the score's parts. */
export interface ScoreWeights {
  readonly position: number;
  readonly headline: number;
  readonly centrality: number;
  readonly attribution: number;
}

/** Weights of the first version: news is front-loaded, so position leads. */
export const DEFAULT_WEIGHTS: ScoreWeights = {
  position: 0.55,
  headline: 0.25,
  centrality: 0.2,
  attribution: 0.08,
};

/** Features of each sentence; `index` is the sentence's position in the given list. */
export function describeSentences(sentences: readonly string[], language: string): SentenceInfo[] {
  return sentences.map((text, index) => ({
    index,
    text,
    terms: new Set(contentWords(text, language)),
    wordCount: text.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length,
    dangling: isDangling(text, language),
    attributed: isAttributed(text),
  }));
}

/** Weight of a sentence's position: 1 for the first, decaying so that the lead dominates. */
export function positionScore(index: number): number {
  return 1 / (1 + 0.4 * index);
}

/** Share of the headline's content words that the sentence repeats, in [0, 1]. */
export function headlineOverlap(terms: ReadonlySet<string>, headline: ReadonlySet<string>): number {
  if (headline.size === 0) return 0;
  let shared = 0;
  for (const term of headline) if (terms.has(term)) shared++;
  return shared / headline.size;
}

/** Word overlap of two term sets, damped by their lengths so long sentences do not win by size alone. */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size < 2 || b.size < 2) return 0;
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / (Math.log(a.size) + Math.log(b.size));
}

/** Each sentence's summed similarity to all others, scaled so the most central one is 1. */
export function centrality(termSets: readonly ReadonlySet<string>[]): number[] {
  const sums = termSets.map((a, i) =>
    termSets.reduce((sum, b, j) => (i === j ? sum : sum + similarity(a, b)), 0),
  );
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
  const central = centrality(candidates.map((c) => c.terms));
  // Without a headline its weight moves to position and centrality alike.
  const spare = headline.size === 0 ? weights.headline / 2 : 0;
  return candidates.map((c, i) => {
    let score =
      (weights.position + spare) * positionScore(c.index) +
      weights.headline * headlineOverlap(c.terms, headline) +
      (weights.centrality + spare) * (central[i] ?? 0);
    if (c.attributed) score += weights.attribution;
    // A question rarely tells the news by itself.
    if (/\?["'”’»)]*$/u.test(c.text)) score *= 0.6;
    return { ...c, score };
  });
}
