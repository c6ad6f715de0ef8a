import { UserError } from '../core/errors.js';
import type { Feed } from '../core/types.js';
import type { Fetcher } from '../ingest/fetch.js';
import { readFeed } from '../ingest/read-feed.js';
import { nextPollAfterSuccess, type BackoffPolicy } from '../pipeline/backoff.js';
import type { Store } from '../store/store.js';
import type { FeedTarget } from './feed-refs.js';

/** What checking and saving a feed needs. */
export interface FollowDeps {
  readonly store: Store;
  readonly fetcher: Fetcher;
  readonly policy: BackoffPolicy;
  readonly newFeedItems: number;
  readonly random: () => number;
}

/**
 * Returns the stored feed for a target, fetching it once first when it was never polled. A URL
 * that does not give a usable feed throws a UserError and changes nothing; a catalog feed is kept
 * even when it fails now (the poller retries it).
 */
export async function ensureFeed(deps: FollowDeps, target: FeedTarget, now: number): Promise<Feed> {
  const url = target.kind === 'catalog' ? target.entry.url : target.url;
  const known = await deps.store.feeds.getByUrl(url);
  if (known !== null && known.lastSuccessAt !== null) return known;
  const read = await readFeed(deps.fetcher, { url, etag: null, lastModified: null }, now, { discover: true });
  if (!read.ok) {
    if (target.kind === 'url') throw new UserError('feed_unusable', read.error.message);
    return (
      known ??
      (await deps.store.feeds.upsert({ url, catalogId: target.entry.id, title: target.entry.name }, now))
    );
  }
  if (read.value.notModified) throw new Error('a fetch without validators answered 304');
  const value = read.value;
  // Stored under the address it really lives at, so the next subscriber of either URL shares it.
  const finalUrl = value.permanentUrl ?? url;
  const existing = known ?? (await deps.store.feeds.getByUrl(finalUrl));
  const feed =
    existing ??
    (await deps.store.feeds.upsert(
      target.kind === 'catalog'
        ? { url: finalUrl, catalogId: target.entry.id, title: target.entry.name, siteUrl: value.siteUrl }
        : { url: finalUrl, title: value.title, siteUrl: value.siteUrl },
      now,
    ));
  await deps.store.items.save(feed.id, value.items, now, deps.newFeedItems);
  return deps.store.feeds.recordSuccess(feed.id, {
    polledAt: now,
    nextPollAt: nextPollAfterSuccess(deps.policy, now, deps.random),
    etag: value.etag,
    lastModified: value.lastModified,
  });
}

/** Where a newly followed feed's history starts for one subscription: its newest few items are new. */
export async function sinceFor(store: Store, feed: Feed, newFeedItems: number, now: number): Promise<number> {
  // A feed never polled yet is seeded by its first poll, which keeps only its newest items.
  if (!feed.seeded) return 0;
  if (newFeedItems === 0) return now;
  const latest = await store.items.latest(feed.id, newFeedItems);
  if (latest.length === 0) return now;
  return Math.min(...latest.map((i) => i.publishedAt));
}
