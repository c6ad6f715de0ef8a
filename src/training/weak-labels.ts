/**
 * Labels beyond the corpus's URL sections, for the thin classes: items of real feeds labelled by
 * their outlet's category in the curated feed lists or by their own `<category>`, and a mixed
 * section (the Daily Mail's "Science & Tech") split by a model of the two topics it mixes.
 */

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Topic } from '../core/types.js';
import { topicFeatures } from '../condense/topic-features.js';
import { createSectionReader } from '../condense/topic-evidence.js';
import { CORPUS_NOW, readLabelledItems, realFeeds, type LabelledItem } from './corpus.js';
import { fitTopics, logitsOf, probabilitiesOf, FIT_OPTIONS } from './fit-topics.js';

const MAX_TEXT = 600;

/**
 * Items of the real publishers' feeds under `feedsDir` (MANIFEST.tsv `real_world` yes), each
 * labelled with the one topic its outlet's categories in the curated OPML lists name, or else the
 * one topic its own categories name; items naming several topics or none are left out.
 */
export async function feedCorpusItems(feedsDir: string, topics: readonly Topic[]): Promise<LabelledItem[]> {
  const reader = createSectionReader(topics);
  const outletTopics = opmlOutletTopics(feedsDir, reader);
  const seen = new Set<string>();
  const out: LabelledItem[] = [];
  for await (const { file, feed } of realFeeds(feedsDir)) {
    const host = hostOf(feed.siteUrl);
    const outlet = outletTopics.get(host);
    for (const item of feed.items) {
      const title = item.title?.trim() ?? '';
      if (title === '' || seen.has(title.toLowerCase())) continue;
      const own = reader.fromCategories(item.categories);
      const byOutlet = outlet?.size === 1;
      const named = byOutlet ? outlet : own;
      if (named.size !== 1) continue;
      const topic = topics[[...named][0] ?? -1];
      if (topic === undefined) continue;
      seen.add(title.toLowerCase());
      out.push({
        id: `${file}#${out.length}`,
        source: host,
        url: item.url ?? '',
        title,
        text: item.text.slice(0, MAX_TEXT),
        published: new Date(item.publishedAt ?? CORPUS_NOW).toISOString(),
        label: topic.id,
        origin: byOutlet ? 'outlet-category' : 'item-category',
      });
    }
  }
  return out;
}

/**
 * The topic corpus (`topics/topics-train.jsonl.gz` under `corpusDir`) as every fit reads it: the
 * Daily Mail's mixed "Science & Tech" section split into science and technology.
 */
export function topicCorpusItems(corpusDir: string): LabelledItem[] {
  return splitMixedSection(
    readLabelledItems(path.join(corpusDir, 'topics', 'topics-train.jsonl.gz')),
    'Daily Mail',
    'science',
    'technology',
  );
}

/**
 * Items of `source` filed under `mixed`, relabelled `into` where a model of `mixed` against `into`,
 * fitted on the other outlets, finds them more `into` than `mixed`.
 */
export function splitMixedSection(
  items: readonly LabelledItem[],
  source: string,
  mixed: string,
  into: string,
): LabelledItem[] {
  const featuresOf = (item: LabelledItem): Map<string, number> =>
    topicFeatures({ title: item.title, text: item.text, language: 'en' });
  const reference = items.filter((i) => i.source !== source && (i.label === mixed || i.label === into));
  const model = fitTopics(
    reference.map((i) => ({ counts: featuresOf(i), source: i.source, label: i.label === into ? 1 : 0 })),
    2,
    FIT_OPTIONS,
  );
  return items.map((item) => {
    if (item.source !== source || item.label !== mixed) return item;
    const p = probabilitiesOf(logitsOf(model, featuresOf(item)), 1);
    return (p[1] ?? 0) > 0.5 ? { ...item, label: into, origin: 'split-section' } : item;
  });
}

// Host → topics its OPML categories name (file name = category: "Tech.opml", "Sports.opml").
function opmlOutletTopics(
  feedsDir: string,
  reader: ReturnType<typeof createSectionReader>,
): Map<string, Set<number>> {
  const dir = path.join(feedsDir, 'awesome-rss-feeds', 'recommended', 'with_category');
  const hosts = new Map<string, Set<number>>();
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.opml'));
  } catch {
    return hosts;
  }
  for (const file of files) {
    const named = reader.fromCategories([file.replace(/\.opml$/u, '')]);
    if (named.size === 0) continue;
    const text = readFileSync(path.join(dir, file), 'utf8');
    for (const match of text.matchAll(/(?:xmlUrl|htmlUrl)="([^"]+)"/gu)) {
      const host = hostOf(match[1] ?? null);
      if (host === '') continue;
      const set = hosts.get(host) ?? new Set<number>();
      for (const i of named) set.add(i);
      hosts.set(host, set);
    }
  }
  return hosts;
}

/** An address's host without "www." or "feeds."; empty when it is no address. */
export function hostOf(url: string | null): string {
  if (url === null) return '';
  try {
    return new URL(url).hostname.replace(/^(?:www|feeds)\./u, '');
  } catch {
    return '';
  }
}
