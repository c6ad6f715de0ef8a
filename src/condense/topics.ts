/**
 * Topic tagging with the trained model (`config/topic-model.json`), combined with what the item
 * says of itself whatever its language (URL section, feed categories) and its catalog feed's
 * topics; plus the entities that muting can match.
 */

import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Topic, TopicScores } from '../core/types.js';
import { stripDateline, withoutCredit } from './boilerplate.js';
import { extractEntities } from './entities.js';
import { detectLanguage } from './language.js';
import { logSoftmax } from './softmax.js';
import { textForTagging } from './tagging-text.js';
import { topicFeatures, topicSpans, topicWordVector } from './topic-features.js';
import { defaultWordVectors, type WordVectors } from '../text/word-vectors.js';
import { createSectionReader, type FeedIdentity } from './topic-evidence.js';
import { loadTopicModel, type TopicModel } from './topic-model.js';

/** What the tagger reads of an item. */
export interface TagInput {
  readonly title: string | null;
  readonly text: string;
  readonly categories: readonly string[];
  /** Topic ids the feed's catalog entry lists: a prior, not a verdict. */
  readonly feedTopics: readonly string[];
  /** ISO 639-1 code when known; detected otherwise. */
  readonly language?: string;
  /** The article's address: its section is evidence in any language. */
  readonly url?: string | null;
  /** The feed it came through: a section feed's address or title files all its items. */
  readonly feed?: FeedIdentity | null;
}

/** Topic ids (main topics first, at most 3) and lower-cased entities (at most 5). */
export interface TagResult {
  readonly topics: string[];
  /**
   * How many leading `topics` the item is mainly about: each is probable enough that muting it
   * removes the item (the model's threshold for that topic).
   */
  readonly mainTopics: number;
  readonly entities: string[];
  /**
   * The probability of each topic, rounded, those under a thousandth left out; empty when nothing
   * is known of the item. A story weighs its members' readings together ({@link TopicTagger.combine}).
   */
  readonly scores: TopicScores;
}

/** Tags items against one taxonomy. */
export interface TopicTagger {
  /** Topics and entities of one item; deterministic. */
  tag(input: TagInput): TagResult;
  /** The probability of each topic of the taxonomy, evidence included; deterministic. */
  probabilities(input: TagInput): Map<string, number>;
  /**
   * Topics of what several items tell together, from their {@link TagResult.scores}: the mean of
   * their readings, ranked as one item's would be. Null when none of them has a reading.
   */
  combine(readings: readonly TopicScores[]): { topics: string[]; mainTopics: number } | null;
}

/** What the tagger is built from besides the taxonomy. */
export interface TaggerOptions {
  /** The model; the one committed in `config/topic-model.json` when absent. */
  readonly model?: TopicModel;
  /** Word vectors for a model that reads a mean word vector; the committed ones when absent. */
  readonly vectors?: WordVectors;
}

const MAX_TOPICS = 3;
// Enough for the headline, the opening and the entities; a longer text only costs time.
const MAX_TEXT_CHARS = 20_000;
/**
 * Distinct words below which a text alone names no topic. The model is fitted and calibrated on
 * headlines with their descriptions, dozens of words; "Letters", "Crossword" or "Morning briefing"
 * alone read as technology or politics with the confidence of a whole description.
 */
const MIN_WORDS = 3;

/** Distinct words (not word pairs) among topic features. */
function wordsIn(counts: ReadonlyMap<string, number>): number {
  let words = 0;
  for (const key of counts.keys()) if (!key.includes(' ')) words++;
  return words;
}

let committed: TopicModel | null = null;

/** The committed model, read once; throws with the reason when the file is missing or broken. */
export function defaultTopicModel(): TopicModel {
  if (committed !== null) return committed;
  const file = committedModelFile();
  const loaded = loadTopicModel(file);
  if (!loaded.ok) throw new Error(`The topic model cannot be used: ${loaded.error}`);
  committed = loaded.value;
  return committed;
}

/** A tagger for the taxonomy with the model; topics the model does not know get evidence only. */
export function createTopicTagger(topics: readonly Topic[], options: TaggerOptions = {}): TopicTagger {
  const model = options.model ?? defaultTopicModel();
  const { data } = model;
  const sections = createSectionReader(topics);
  // A feed's items come one after another with the same identity: its section is read once.
  const feedSections = new WeakMap<FeedIdentity, ReadonlySet<number>>();
  const sectionsOfFeed = (feed: FeedIdentity): ReadonlySet<number> => {
    let found = feedSections.get(feed);
    if (found === undefined) {
      found = sections.fromFeed(feed);
      feedSections.set(feed, found);
    }
    return found;
  };
  // Scores run over the model's labels and then the taxonomy's other topics (evidence only), so
  // that a taxonomy without some of the model's topics does not force their items into the rest.
  const labels = [...model.labels, ...topics.map((t) => t.id).filter((id) => !model.labels.includes(id))];
  const slotOf = topics.map((t) => labels.indexOf(t.id));
  // A model that reads word vectors shares its intercept with the vectors' common direction, so its
  // bias is no prior; its classes weighed the same in training, and an item it cannot read leans
  // nowhere.
  const prior = labels.map((_, at) =>
    at < model.labels.length && model.dimensions === 0 ? (data.bias[at] ?? 0) / data.temperature : 0,
  );
  const unknownPrior = Math.min(...prior.slice(0, model.labels.length));
  for (let at = model.labels.length; at < labels.length; at++) prior[at] = unknownPrior;
  const textLanguages = new Set(data.languages);
  const vectors = model.dimensions > 0 ? (options.vectors ?? defaultWordVectors()) : null;

  // Null when nothing is known of the item: no word the model knows, or too few words to read
  // a topic from, and no evidence.
  const probabilities = (input: TagInput, text: string, language: string): number[] | null => {
    const scores = [...prior];
    let known = false;
    if (textLanguages.has(language)) {
      // A long text is read as several descriptions; their logits are averaged, so the scale the
      // model was calibrated on holds whatever the length.
      const spans = topicSpans(text);
      const title = input.title === null ? null : withoutCredit(input.title);
      for (let at = 0; at < model.labels.length; at++) scores[at] = 0;
      for (const span of spans) {
        const features = { title, text: span, language };
        const counts = topicFeatures(features);
        // Too few words to read a topic from: the text leans nowhere, and evidence decides.
        if (wordsIn(counts) < MIN_WORDS) continue;
        const dense = vectors === null ? null : topicWordVector(features, vectors);
        const vector = model.vectorize(counts, dense);
        known ||= vector.index.length > 0;
        model.logits(vector).forEach((l, at) => (scores[at] = (scores[at] ?? 0) + l / spans.length));
      }
    }
    // A section feed files every item as the item's own address would; the topic counts once.
    const named = sections.fromUrl(input.url);
    if (input.feed !== undefined && input.feed !== null)
      for (const i of sectionsOfFeed(input.feed)) named.add(i);
    const filed = sections.fromCategories(input.categories);
    topics.forEach((topic, i) => {
      const at = slotOf[i] ?? -1;
      let bonus = 0;
      if (named.has(i)) bonus += data.evidence.section;
      if (filed.has(i)) bonus += data.evidence.category;
      if (input.feedTopics.includes(topic.id)) bonus += data.evidence.catalog;
      scores[at] = (scores[at] ?? 0) + bonus;
      known ||= bonus > 0;
    });
    if (!known) return null;
    const p = logSoftmax(scores).map(Math.exp);
    return slotOf.map((at) => p[at] ?? 0);
  };

  const read = (input: TagInput): { text: string; language: string } => {
    const text = stripDateline(input.text.slice(0, MAX_TEXT_CHARS));
    const language = input.language ?? detectLanguage(`${input.title ?? ''}\n${text}`);
    return { text, language };
  };

  return {
    tag(input) {
      const { text, language } = read(input);
      const p = probabilities(input, textForTagging(text), language);
      const ranked = p === null ? { topics: [], mainTopics: 0 } : rankTopics(topics, p, data);
      return {
        ...ranked,
        entities: extractEntities(input.title, text, language),
        scores: scoresOf(topics, p),
      };
    },
    combine(readings) {
      const sum = topics.map(() => 0);
      let read = 0;
      for (const scores of readings) {
        if (Object.keys(scores).length === 0) continue;
        read++;
        topics.forEach((topic, i) => {
          const p = scores[topic.id];
          if (typeof p === 'number' && Number.isFinite(p))
            sum[i] = (sum[i] ?? 0) + Math.min(1, Math.max(0, p));
        });
      }
      return read === 0
        ? null
        : rankTopics(
            topics,
            sum.map((p) => p / read),
            data,
          );
    },
    probabilities(input) {
      const { text, language } = read(input);
      const p = probabilities(input, textForTagging(text), language);
      return new Map(topics.map((t, i) => [t.id, p?.[i] ?? 0]));
    },
  };
}

/** Decimal places a stored reading keeps: a story's mean moves by less than a threshold's width. */
const SCORE_DIGITS = 3;

function scoresOf(topics: readonly Topic[], p: readonly number[] | null): TopicScores {
  const scores: Record<string, number> = {};
  if (p === null) return scores;
  topics.forEach((topic, i) => {
    const rounded = Number((p[i] ?? 0).toFixed(SCORE_DIGITS));
    if (rounded > 0) scores[topic.id] = rounded;
  });
  return scores;
}

/**
 * Topic ids by probability, main topics first, with how many lead as main topics. A topic is main
 * when its probability reaches the model's threshold for it; others are listed from `minSecondary`
 * on, and the most probable one from `minTopic` on. Below that the item has no topic: the model is
 * unsure.
 */
export function rankTopics(
  topics: readonly Topic[],
  probabilities: readonly number[],
  thresholds: { readonly main: Readonly<Record<string, number>>; minTopic: number; minSecondary: number },
): { topics: string[]; mainTopics: number } {
  const ranked = topics
    .map((topic, i) => ({ id: topic.id, p: probabilities[i] ?? 0, i }))
    .sort((a, b) => b.p - a.p || a.i - b.i);
  const isMain = (t: { id: string; p: number }): boolean => t.p >= (thresholds.main[t.id] ?? Infinity);
  const main = ranked.filter(isMain);
  // Nothing is listed when even the most probable topic is too improbable: the model is unsure.
  const sure = main.length > 0 || (ranked[0]?.p ?? 0) >= thresholds.minTopic;
  const others = ranked.filter((t) => sure && !isMain(t) && t.p >= thresholds.minSecondary);
  const listed = [...main, ...others].slice(0, MAX_TOPICS);
  return { topics: listed.map((t) => t.id), mainTopics: Math.min(main.length, listed.length) };
}

// The configuration folder beside the package: `config/` of the repository or of the image.
function committedModelFile(): string {
  for (let dir = import.meta.dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'config', 'topic-model.json');
    if (existsSync(file) || path.dirname(dir) === dir) return file;
  }
}
