/**
 * The features the topic model reads of an item: stemmed words and word pairs of its headline and
 * the opening of its text. Training and tagging share this one function, so a model always meets
 * the features it was fitted on.
 */

import { stopwordsFor } from './stopwords.js';
import { meanVector, type WordVectors } from '../text/word-vectors.js';
import { stem, words } from './tokens.js';

/** What the features are made of. */
export interface TopicText {
  readonly title: string | null;
  readonly text: string;
  /** ISO 639-1 code: picks the stemmer and the stopwords. */
  readonly language: string;
}

// The model is trained on headlines with their feed's short description: a full article is read
// as far as a description would go, so it is scored on the same kind of text.
const LEAD_WORDS = 60;
const TITLE_WORDS = 30;
// Characters enough for LEAD_WORDS words; the slice bounds the work on book-length input.
const LEAD_CHARS = LEAD_WORDS * 20;
const DIGIT = /\p{N}/gu;

/**
 * Feature counts of an item: each stem and each pair of neighbouring stems (stopwords removed,
 * digits written 0 so that scores and years are shapes, not values), from the headline and the
 * first words of the text.
 */
export function topicFeatures(input: TopicText): Map<string, number> {
  const counts = new Map<string, number>();
  const stop = stopwordsFor(input.language);
  const add = (tokens: readonly string[], limit: number): void => {
    let previous: string | null = null;
    for (const token of tokens.slice(0, limit)) {
      const key = keyOf(token, stop, input.language);
      if (key === null) continue;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (previous !== null) {
        const pair = `${previous} ${key}`;
        counts.set(pair, (counts.get(pair) ?? 0) + 1);
      }
      previous = key;
    }
  };
  add(words((input.title ?? '').slice(0, TITLE_WORDS * 20)), TITLE_WORDS);
  add(words(input.text.slice(0, LEAD_CHARS)), LEAD_WORDS);
  return counts;
}

/** A last span shorter than this is left out: too few words to weigh like a description. */
const MIN_SPAN_WORDS = LEAD_WORDS / 2;

/**
 * The text cut into spans of a description's length, each to be read beside the headline. The model
 * is fitted on headlines with their feed's description; a full article read only as far as a
 * description goes leaves most of its evidence unread, and read whole it would give counts no
 * description has. Read as a run of descriptions whose verdicts are averaged, it is scored on the
 * kind of text the model knows. A text of one span is returned as it is.
 */
export function topicSpans(text: string): string[] {
  // Every word takes a character and a separator: a text this short cannot hold a second span, and
  // most items are read without being split into words twice.
  if (text.length < 2 * (LEAD_WORDS + MIN_SPAN_WORDS) + 1) return [text];
  const tokens = words(text);
  if (tokens.length <= LEAD_WORDS + MIN_SPAN_WORDS) return [text];
  const spans: string[] = [];
  for (let at = 0; at < tokens.length; at += LEAD_WORDS) {
    const span = tokens.slice(at, at + LEAD_WORDS);
    if (at > 0 && span.length < MIN_SPAN_WORDS) break;
    spans.push(span.join(' '));
  }
  return spans;
}

function keyOf(token: string, stop: ReadonlySet<string>, language: string): string | null {
  if (stop.has(token)) return null;
  const first = token.charCodeAt(0);
  // Words start with a letter; numbers (and scores, times, sums) with a digit.
  if ((first >= 48 && first <= 57) || /^\p{N}/u.test(token)) return token.replace(DIGIT, '0');
  if (token.length < 2) return null;
  return stem(token, language);
}

/**
 * The mean direction of the word vectors of the headline and the opening of the text (stopwords
 * left out: the words {@link topicFeatures} reads, unstemmed); null when no word is known.
 */
export function topicWordVector(input: TopicText, vectors: WordVectors): Float32Array | null {
  const stop = stopwordsFor(input.language);
  const kept = [
    ...words((input.title ?? '').slice(0, TITLE_WORDS * 20)).slice(0, TITLE_WORDS),
    ...words(input.text.slice(0, LEAD_CHARS)).slice(0, LEAD_WORDS),
  ].filter((w) => w.length > 1 && !stop.has(w));
  return meanVector(vectors, kept);
}
