import type { Logger } from 'pino';
import { feedLanguageOf } from '../condense/language.js';
import type { Feed } from '../core/types.js';
import type { Fetcher } from '../ingest/fetch.js';
import { readFeed } from '../ingest/read-feed.js';
import type { Store } from '../store/store.js';
import { nextPollAfterFailure, nextPollAfterSuccess, type BackoffPolicy } from './backoff.js';
import { feedIntervalMs, type IntervalPolicy } from './poll-interval.js';

/** What polling one feed needs. */
export interface PollDeps {
  readonly store: Store;
  readonly fetcher: Fetcher;
  readonly policy: BackoffPolicy & Partial<IntervalPolicy> & { readonly maxFailures: number };
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

/** The interval a healthy feed was given at its last poll; null when it has none yet. */
function previousIntervalMs(feed: Feed): number | null {
  if (feed.lastPolledAt === null || feed.consecutiveFailures > 0) return null;
  const interval = feed.nextPollAt - feed.lastPolledAt;
  return interval > 0 ? interval : null;
}

/**
 * Fetches a feed with its validators, stores new and edited items, and schedules the next poll:
 * the interval on success, exponential backoff on failure, disabled after `maxFailures`.
 * Never throws for a bad feed; a store error (a bug or an outage) propagates, and so does the
 * reason of an aborted `signal`. New items count as first seen at `seenAt` (the poll's moment
 * unless told otherwise); the schedule always counts from `now`.
 */
export async function pollFeed(
  deps: PollDeps,
  feed: Feed,
  now: number,
  signal?: AbortSignal,
  seenAt = now,
): Promise<PollOutcome> {
  const read = await readFeed(deps.fetcher, feed, now, signal === undefined ? {} : { signal });
  // Stopped, not failed: the feed's lease runs out and the next process polls it; no failure counts.
  if (signal?.aborted === true) throw signal.reason;
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
  const value = read.value;
  const interval = feedIntervalMs(
    {
      intervalMinutes: deps.policy.intervalMinutes,
      minIntervalMinutes: deps.policy.minIntervalMinutes ?? deps.policy.intervalMinutes,
      maxIntervalMinutes: deps.policy.maxIntervalMinutes ?? deps.policy.intervalMinutes,
    },
    {
      ...value.cadence,
      publishedAt: value.notModified
        ? []
        : value.items.flatMap((i) => (i.publishedAt === null ? [] : [i.publishedAt])),
      previousMs: previousIntervalMs(feed),
    },
    now,
  );
  if (value.notModified) {
    // Unchanged: the interval it had stands, so no fresh jitter lets it drift.
    await deps.store.feeds.recordSuccess(feed.id, { polledAt: now, nextPollAt: now + interval });
    return { kind: 'not-modified' };
  }
  const nextPollAt = nextPollAfterSuccess(deps.policy, now, deps.random, interval);
  const saved = await deps.store.items.save(feed.id, value.items, seenAt, deps.newFeedItems);
  await deps.store.feeds.recordSuccess(feed.id, {
    polledAt: now,
    nextPollAt,
    etag: value.etag,
    lastModified: value.lastModified,
    // A catalog feed keeps the name the catalog gives it.
    ...(feed.catalogId === null ? { title: value.title } : {}),
    siteUrl: value.siteUrl,
    // Read again only when the document brought news: an unchanged one shows the language it did.
    ...(saved.inserted.length + saved.updated.length > 0 || feed.language === null
      ? { language: feedLanguageOf(value.items) }
      : {}),
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
