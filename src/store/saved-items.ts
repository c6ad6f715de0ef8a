/** What both stores decide alike when a feed's items are saved. */

import type { Item, NormalizedItem } from '../core/types.js';

/**
 * Keys of the `keep` newest items; on equal times the one listed first in the feed wins. An item
 * the feed does not date comes after every dated one: on a first read its age is unknown (it only
 * carries the time it was read), and it must not push the feed's known-fresh news into history.
 */
export function newestKeys(
  items: readonly { item: NormalizedItem; publishedAt: number }[],
  keep: number,
): Set<string> {
  const ranked = items.map((entry, index) => ({
    key: entry.item.key,
    at: entry.item.publishedAt === null ? -Infinity : entry.publishedAt,
    index,
  }));
  ranked.sort((a, b) => (a.at === b.at ? 0 : b.at > a.at ? 1 : -1) || a.index - b.index);
  return new Set(ranked.slice(0, Math.max(0, keep)).map((entry) => entry.key));
}

/**
 * When the newest of a save's new items was published (never later than `now`), or null when
 * nothing is new: what /feeds shows as a feed's last new item, so a feed first read today whose
 * newest entry is a year old reads as a year quiet.
 */
export function newestPublication(items: readonly { publishedAt: number }[], now: number): number | null {
  if (items.length === 0) return null;
  let newest = -Infinity;
  for (const { publishedAt } of items) newest = Math.max(newest, publishedAt);
  return Math.min(newest, now);
}

/** The item a fresh insert stored, built from the values bound rather than read back. */
export function insertedItem(
  id: number,
  feedId: number,
  item: NormalizedItem,
  publishedAt: number,
  now: number,
  backlog: boolean,
): Item {
  return {
    id,
    feedId,
    key: item.key,
    url: item.url,
    title: item.title,
    text: item.text,
    author: item.author,
    publishedAt,
    firstSeenAt: now,
    // The column holds JSON, which escapes a lone surrogate or NUL, so the list reads back as it was.
    categories: [...item.categories],
    imageUrl: item.imageUrl,
    contentHash: item.contentHash,
    backlog,
    storyId: null,
    condensed: null,
  };
}
