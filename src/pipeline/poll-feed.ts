import type { Logger } from 'pino';
import type { Feed } from '../core/types.js';
import type { Fetcher } from '../ingest/fetch.js';
import { readFeed } from '../ingest/read-feed.js';
import type { Store } from '../store/store.js';
import { nextPollAfterFailure, nextPollAfterSuccess, type BackoffPolicy } from './backoff.js';

/** What polling one feed needs. */
export interface PollDeps {
  readonly store: Store;
  readonly fetcher: Fetcher;
  readonly policy: BackoffPolicy & { readonly maxFailures: number };
  /** Newest items a feed's first poll keeps; the rest is history. */
  readonly newFeedItems: number;
  readonly random: () => number;
  readonly log: Logger;
}

/** What one poll did. */
export type PollOutcome =
  | { readonly kind: 'updated'; readonly inserted: number; readonly updated: number }
  | { readonly kind: 'not-modified' }
  | {
      readonly kind: 'failed';
      /** The failure's name (`dns`, `http_status`, …), for counting. */
      readonly code: string;
      readonly reason: string;
      readonly disabled: boolean;
      readonly feed: Feed;
    };

/**
 * Fetches a feed with its validators, stores new and edited items, and schedules the next poll:
 * the interval on success, exponential backoff on failure, disabled after `maxFailures`.
 * Never throws for a bad feed; a store error (a bug or an outage) propagates.
 */
export async function pollFeed(deps: PollDeps, feed: Feed, now: number): Promise<PollOutcome> {
  const read = await readFeed(deps.fetcher, feed, now);
  if (!read.ok) {
    const failures = feed.consecutiveFailures + 1;
    const disable = failures >= deps.policy.maxFailures;
    const reason = read.error.message;
    const updated = await deps.store.feeds.recordFailure(feed.id, {
      polledAt: now,
      nextPollAt: nextPollAfterFailure(deps.policy, failures, now, read.error.retryAfterMs, deps.random),
      reason,
      disable,
    });
    // One failure is routine (backoff retries it); a feed given up on is worth a warning.
    deps.log[disable ? 'warn' : 'info'](
      { feed: feed.url, reason: read.error.reason, failures, disabled: disable },
      disable ? 'feed disabled after repeated failures' : 'feed poll failed',
    );
    return { kind: 'failed', code: read.error.reason, reason, disabled: disable, feed: updated };
  }
  const nextPollAt = nextPollAfterSuccess(deps.policy, now, deps.random);
  const value = read.value;
  if (value.notModified) {
    await deps.store.feeds.recordSuccess(feed.id, { polledAt: now, nextPollAt });
    return { kind: 'not-modified' };
  }
  const saved = await deps.store.items.save(feed.id, value.items, now, deps.newFeedItems);
  await deps.store.feeds.recordSuccess(feed.id, {
    polledAt: now,
    nextPollAt,
    etag: value.etag,
    lastModified: value.lastModified,
    // A catalog feed keeps the name the catalog gives it.
    ...(feed.catalogId === null ? { title: value.title } : {}),
    siteUrl: value.siteUrl,
    ...(value.permanentUrl !== null ? { url: value.permanentUrl } : {}),
  });
  if (saved.inserted.length > 0 || saved.updated.length > 0) {
    deps.log.info(
      { feed: feed.url, inserted: saved.inserted.length, updated: saved.updated.length },
      'feed polled',
    );
  }
  return { kind: 'updated', inserted: saved.inserted.length, updated: saved.updated.length };
}
