/** Clustering and muting scores: the labelled story set and the BBC labels. */

import path from 'node:path';
import { clusterItems, type ClusterItem } from '../../src/stories/cluster-items.js';
import { urlKey } from '../../src/stories/url-key.js';
import { inventedStories } from '../../test/helpers/invented-stories.js';
import { LABELLED_DAYS, readLabelledDay, roleOf, scoreDay, type DayScores } from './story-days.js';
import { createTopicTagger } from '../../src/condense/topics.js';
import { configuredTopics } from './taxonomy.js';
import { readSummaryRows } from './corpus.js';
import { BBC_TOPICS, muteScores, readOwnLabelledStories, type MuteOutcome } from './mute-score.js';
import { pairwiseScores } from './pairwise.js';

const repo = path.resolve(import.meta.dirname, '../..');

/** One system's scores on one labelled day. */
export interface DayResult extends DayScores {
  readonly day: string;
  readonly held: boolean;
  readonly system: string;
}

/** Each item its own story unless another shares its canonical URL: the floor any engine must beat. */
function byAddress(items: readonly ClusterItem[]): Map<string, string> {
  const first = new Map<string, string>();
  return new Map(
    items.map((item) => {
      const key = item.url === null ? null : urlKey(item.url);
      if (key === null) return [item.id, item.id];
      if (!first.has(key)) first.set(key, item.id);
      return [item.id, first.get(key) ?? item.id];
    }),
  );
}

/** Gazette's stories and the same-URL baseline on every labelled real news day. */
export function evaluateClustering(): DayResult[] {
  return LABELLED_DAYS.flatMap((name) => {
    const day = readLabelledDay(name);
    const held = roleOf(name) === 'held out';
    return [
      { day: name, held, system: 'Gazette', ...scoreDay(day, clusterItems(day.items)) },
      { day: name, held, system: 'same canonical URL only', ...scoreDay(day, byAddress(day.items)) },
    ];
  });
}

/** Pairwise scores on the invented story set of the tests (fixtures/stories/labelled-stories.jsonl). */
export function evaluateInventedSet(): {
  items: number;
  pairs: number;
  precision: number;
  recall: number;
  f1: number;
} {
  const rows = inventedStories();
  const items = rows.map((r) => ({ ...r, publishedAt: Date.parse(r.published) }));
  const score = pairwiseScores(new Map(rows.map((r) => [r.id, r.story])), clusterItems(items));
  return { items: rows.length, ...score };
}

/** Mute outcomes per BBC label, from the text alone and with the section feed's catalog topic as prior. */
export function evaluateMuting(): { textOnly: MuteOutcome[]; withFeedPrior: MuteOutcome[] } {
  const tagger = createTopicTagger(configuredTopics());
  const rows = readSummaryRows('bbc-100.jsonl').map((r) => ({
    id: r.id,
    topic: r.topic ?? '',
    title: r.title ?? '',
    article: r.article,
  }));
  return {
    textOnly: muteScores(rows, tagger),
    withFeedPrior: muteScores(rows, tagger, (row) => [BBC_TOPICS[row.topic] ?? '']),
  };
}

/** Mute outcomes on Gazette's own labelled stories: one label per taxonomy topic, text only. */
export function evaluateOwnMuting(): MuteOutcome[] {
  const topics = configuredTopics();
  const tagger = createTopicTagger(topics);
  const labels = Object.fromEntries(topics.map((t) => [t.id, t.id]));
  return muteScores(readOwnLabelledStories(repo), tagger, () => [], labels);
}
