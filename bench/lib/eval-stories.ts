/** Clustering and muting scores: the labelled story set and the BBC labels. */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { clusterItems, type ClusterItem } from '../../src/condense/cluster.js';
import { createTopicTagger } from '../../src/condense/topics.js';
import { loadConfig } from '../../src/config/load.js';
import { readSummaryRows } from './corpus.js';
import { BBC_TOPICS, muteScores, readOwnLabelledStories, type MuteOutcome } from './mute-score.js';
import { pairwiseScores } from './pairwise.js';

const repo = path.resolve(import.meta.dirname, '../..');

/** Pairwise scores of Gazette's clustering and of grouping by canonical URL alone. */
export function evaluateClustering(): {
  items: number;
  pairs: number;
  results: { system: string; precision: number; recall: number; f1: number }[];
} {
  const rows = readFileSync(path.join(repo, 'test/fixtures/stories/labelled-stories.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map(
      (line) => JSON.parse(line) as Omit<ClusterItem, 'publishedAt'> & { published: string; story: string },
    );
  const items = rows.map((r) => ({ ...r, publishedAt: Date.parse(r.published) }));
  const truth = new Map(rows.map((r) => [r.id, r.story]));
  const gazette = pairwiseScores(truth, clusterItems(items));
  // No text similarity can reach these thresholds: only a shared canonical URL joins two items.
  const urlOnly = pairwiseScores(truth, clusterItems(items, { threshold: 10, strictThreshold: 10 }));
  return {
    items: rows.length,
    pairs: gazette.pairs,
    results: [
      { system: 'Gazette', ...gazette },
      { system: 'same canonical URL only', ...urlOnly },
    ],
  };
}

/** Mute outcomes per BBC label, from the text alone and with the section feed's catalog topic as prior. */
export function evaluateMuting(): { textOnly: MuteOutcome[]; withFeedPrior: MuteOutcome[] } {
  const config = loadConfig({ configDir: path.join(repo, 'config'), env: {} });
  if (!config.ok) throw new Error(config.error);
  const tagger = createTopicTagger(config.value.topics);
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
  const config = loadConfig({ configDir: path.join(repo, 'config'), env: {} });
  if (!config.ok) throw new Error(config.error);
  const tagger = createTopicTagger(config.value.topics);
  const labels = Object.fromEntries(config.value.topics.map((t) => [t.id, t.id]));
  return muteScores(readOwnLabelledStories(repo), tagger, () => [], labels);
}
