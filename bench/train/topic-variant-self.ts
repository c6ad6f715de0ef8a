/**
 * Self-training: the fit's confident readings of unlabelled news from other outlets (the
 * cluster-development days' items the topic corpus lacks, and the real feeds' items, their
 * categories unread) join its training items, and it is fitted again. Words that only those outlets use are
 * then learned from the words they appear beside. Items of the outlets under test are never read.
 */

import path from 'node:path';
import { prepareItems, type PreparedItem } from '../../src/training/build-model.js';
import { readLabelledItems, realFeeds, type LabelledItem } from '../../src/training/corpus.js';
import {
  fitTopics,
  logitsOf,
  probabilitiesOf,
  type FitOptions,
  type TrainingItem,
} from '../../src/training/fit-topics.js';
import type { WordVectors } from '../../src/text/word-vectors.js';
import { hostOf } from '../../src/training/weak-labels.js';
import { clusterDayDocuments } from '../lib/corpus.js';

type Model = (
  train: readonly TrainingItem[],
  test: readonly TrainingItem[],
  classes: number,
) => Float64Array[];

/** Unlabelled items, each under its outlet's corpus name where the topic corpus knows its host. */
export async function unlabelledPool(
  corpusDir: string,
  labels: readonly string[],
  vectors: WordVectors | null,
): Promise<PreparedItem[]> {
  const corpus = readLabelledItems(path.join(corpusDir, 'topics', 'topics-train.jsonl.gz'));
  const known = new Set(corpus.map((r) => r.url));
  const outletOfHost = new Map(corpus.map((r) => [hostOf(r.url), r.source]));
  const seen = new Set(corpus.map((r) => r.title.toLowerCase()));
  const pool: LabelledItem[] = [];
  const add = (item: Omit<LabelledItem, 'label' | 'origin'>): void => {
    const key = item.title.toLowerCase();
    if (item.title.trim() === '' || seen.has(key) || known.has(item.url)) return;
    seen.add(key);
    pool.push({ ...item, label: labels[0] ?? '', origin: 'unlabelled' });
  };
  // The days as a poll reads them: the text a channel repeats under every item dropped.
  for (const { feed, items } of clusterDayDocuments())
    items.forEach((row, i) => {
      add({
        id: `${feed}#${i}`,
        source: row.source,
        url: row.url,
        title: row.title,
        text: row.text.slice(0, 600),
        published: new Date(0).toISOString(),
      });
    });
  for await (const { file, feed } of realFeeds(path.join(corpusDir, 'feeds')))
    feed.items.forEach((item, i) => {
      const host = hostOf(item.url ?? feed.siteUrl);
      add({
        id: `${file}#${i}`,
        source: outletOfHost.get(host) ?? host,
        url: item.url ?? '',
        title: item.title?.trim() ?? '',
        text: item.text.slice(0, 600),
        published: new Date(0).toISOString(),
      });
    });
  return prepareItems(pool, labels, vectors);
}

/** Fits, reads the pool (outlets under test left out), adds readings above `confidence`, refits. */
export function selfTraining(
  pool: readonly PreparedItem[],
  confidence: number,
  weight: number,
  fit: FitOptions,
): Model {
  return (train, test, classes) => {
    const first = fitTopics(train, classes, fit);
    const testOutlets = new Set(test.map((t) => t.source));
    const pseudo: TrainingItem[] = [];
    for (const item of pool) {
      if (testOutlets.has(item.source)) continue;
      const p = probabilitiesOf(logitsOf(first, item.counts, item.dense), 1);
      const top = p.indexOf(Math.max(...p));
      if ((p[top] ?? 0) >= confidence)
        pseudo.push({
          counts: item.counts,
          dense: item.dense ?? null,
          source: item.source,
          label: top,
          weight,
        });
    }
    const second = fitTopics([...train, ...pseudo], classes, fit);
    return test.map((t) => logitsOf(second, t.counts, t.dense));
  };
}
