/** The condense step for one item: language, summary, topics and entities. */

import type { Condensed } from '../core/types.js';
import { stripBoilerplateSentences } from './boilerplate.js';
import { detectLanguage } from './language.js';
import { summarize } from './summarize.js';
import type { FeedIdentity } from './topic-evidence.js';
import type { TopicTagger } from './topics.js';

// Topics and entities come from the headline and the opening; the rest of a long text adds only time.
const TAG_TEXT_CHARS = 20_000;

/** What condensing reads of an item. */
export interface CondenseInput {
  readonly title: string | null;
  readonly text: string;
  readonly categories: readonly string[];
  /** The article's address: its section is topic evidence. */
  readonly url?: string | null;
}

/** Everything condensing needs besides the item. */
export interface CondenseContext {
  readonly tagger: TopicTagger;
  /** Topic ids of the feed's catalog entry. */
  readonly feedTopics: readonly string[];
  /** The feed's address and title: a section feed's section is topic evidence. */
  readonly feed?: FeedIdentity | null;
  /** The language most of the feed's items are in (`Feed.language`): it settles near ties. */
  readonly feedLanguage?: string | null;
  readonly maxSentences: number;
  readonly maxChars: number;
  /** Stored with the result so an edited item is condensed again. */
  readonly contentHash: string;
}

/** Longest title and text condensed: every pattern below runs on at most this much. */
const MAX_INPUT_CHARS = 100_000;

const cap = (text: string): string => (text.length > MAX_INPUT_CHARS ? text.slice(0, MAX_INPUT_CHARS) : text);

/** The item condensed, with the sentences its summary joins: what an evaluation scores. */
export function condenseWithSentences(
  input: CondenseInput,
  context: CondenseContext,
): { condensed: Condensed; sentences: readonly string[] } {
  const item: CondenseInput = {
    title: input.title === null ? null : cap(input.title),
    text: cap(input.text),
    categories: input.categories.slice(0, 32).map(cap),
    url: input.url ?? null,
  };
  const language = detectLanguage(`${item.title ?? ''}\n${item.text}`, context.feedLanguage ?? null);
  const stripped = stripBoilerplateSentences(item.text.slice(0, TAG_TEXT_CHARS), language);
  // Stripping and splitting are a large share of condensing; a text that fits the tagger's slice
  // is stripped and split once.
  const whole = item.text.length <= TAG_TEXT_CHARS;
  const summary = summarize(
    { title: item.title, text: item.text, language, ...(whole ? { sentences: stripped.sentences } : {}) },
    { maxSentences: context.maxSentences, maxChars: context.maxChars },
  );
  const tags = context.tagger.tag({
    title: item.title,
    text: stripped.text,
    categories: item.categories,
    feedTopics: context.feedTopics,
    language,
    url: item.url ?? null,
    feed: context.feed ?? null,
  });
  return {
    condensed: {
      summary: summary.text,
      topics: tags.topics,
      mainTopics: tags.mainTopics,
      entities: tags.entities,
      topicScores: tags.scores,
      language,
      contentHash: context.contentHash,
    },
    sentences: summary.sentences,
  };
}

/** The item condensed: a summary within the limits, topics (main ones first), entities and language; deterministic. */
export function condenseItem(item: CondenseInput, context: CondenseContext): Condensed {
  return condenseWithSentences(item, context).condensed;
}
