/** Batch clustering of items into stories, one item at a time as the pipeline would see them. */

import { createStoryIndex, featuresOf, type MatchOptions } from './story-match.js';

/** One item to cluster. */
export interface ClusterItem {
  readonly id: string;
  /** The outlet or feed; items of one source never join each other's story. */
  readonly source: string;
  readonly url: string | null;
  readonly title: string | null;
  readonly text: string;
  /** Publication time, epoch milliseconds. */
  readonly publishedAt: number;
}

/**
 * The story of each item, by item id: story numbers from 0 in order of first appearance. Items are
 * taken in publication order and each joins the best matching earlier story or starts a new one;
 * deterministic.
 */
export function clusterItems(items: readonly ClusterItem[], options: MatchOptions = {}): Map<string, number> {
  const ordered = items
    .map((item, position) => ({ item, position }))
    .sort((a, b) => a.item.publishedAt - b.item.publishedAt || a.position - b.position);
  const feeds = new Map<string, number>();
  const index = createStoryIndex(options);
  const stories = new Map<string, number>();
  let nextStory = 0;
  for (const { item, position } of ordered) {
    let feedId = feeds.get(item.source);
    if (feedId === undefined) {
      feedId = feeds.size;
      feeds.set(item.source, feedId);
    }
    const source = {
      id: position,
      storyId: null,
      feedId,
      url: item.url,
      title: item.title,
      text: item.text,
      publishedAt: item.publishedAt,
      condensed: null,
    };
    const storyId = index.match(featuresOf(source)) ?? nextStory++;
    index.add(featuresOf({ ...source, storyId }));
    stories.set(item.id, storyId);
  }
  return stories;
}
