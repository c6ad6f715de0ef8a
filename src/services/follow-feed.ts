import { feedLanguageOf } from '../condense/language.js';
import { UserError } from '../core/errors.js';
import type { Feed } from '../core/types.js';
import { isIngestError, NotAFeedError, TimeoutError, type IngestError } from '../ingest/errors.js';
import type { Fetcher } from '../ingest/fetch.js';
import { withDeadline } from '../ingest/deadline.js';
import { readFeed } from '../ingest/read-feed.js';
import { nextPollAfterFailure, nextPollAfterSuccess, type BackoffPolicy } from '../pipeline/backoff.js';
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

/** A feed ready to follow, and why it could not be read just now (null when it was). */
export interface EnsuredFeed {
  readonly feed: Feed;
  readonly problem: string | null;
}

/** How a URL that cannot be read now is treated. */
export interface EnsureOptions {
  /**
   * Follow a URL whose host cannot be reached now (no DNS, no connection, a timeout, a server
   * error) and let polling retry it; what is not a feed, or a private address, is still refused.
   */
  readonly followUnreachable?: boolean;
  /** The name to show until the feed is read (an OPML outline's title). */
  readonly title?: string | null;
  /** Ends the reading early (an import that ran out of time); what was not read counts as unreachable. */
  readonly signal?: AbortSignal;
}

/**
 * How long following one address may read in all: the page, then each feed it names, each fetch
 * with its own timeout. A page naming three feeds that trickle would otherwise hold the chat's
 * commands for a minute and more.
 */
const FOLLOW_BUDGET_MS = 40_000;

/** Failures that say the site is away, not that the address is wrong. */
function isUnreachable(error: IngestError): boolean {
  // A site's page names its feed, and that feed is what could not be reached.
  if (error instanceof NotAFeedError && error.what === 'page naming broken feeds')
    return isIngestError(error.cause) && isUnreachable(error.cause);
  if (error.reason === 'http_status') return !error.permanent;
  return (
    error.reason === 'dns' ||
    error.reason === 'connect' ||
    error.reason === 'timeout' ||
    error.reason === 'network'
  );
}

/** Failures of an https attempt that a plain-http server causes: it cannot speak TLS. */
const CLEARTEXT_HINT: ReadonlySet<string> = new Set(['network', 'connect']);

/** Saves a feed that could not be read, counted as failing once so the poller backs off and retries. */
async function keepFailing(
  deps: FollowDeps,
  target: FeedTarget,
  known: Feed | null,
  error: IngestError,
  title: string | null,
  now: number,
): Promise<Feed> {
  // A feed already known (another chat follows it) is the poller's to retry.
  if (known !== null) return known;
  const feed = await deps.store.feeds.upsert(
    target.kind === 'catalog'
      ? { url: target.entry.url, catalogId: target.entry.id, title: target.entry.name }
      : { url: target.url, title },
    now,
  );
  return deps.store.feeds.recordFailure(feed.id, {
    polledAt: now,
    nextPollAt: nextPollAfterFailure(deps.policy, 1, now, error.retryAfterMs, deps.random),
    reason: error.message,
    disable: false,
  });
}

/**
 * Returns the stored feed for a target, fetching it once first when it was never read. A URL that
 * does not give a usable feed throws a UserError and changes nothing, unless it is merely
 * unreachable and `followUnreachable` is set; a catalog feed is kept even when it fails now. A
 * feed kept unread is counted as failing once, so polling retries it with backoff.
 */
export async function ensureFeed(
  deps: FollowDeps,
  target: FeedTarget,
  now: number,
  options: EnsureOptions = {},
): Promise<EnsuredFeed> {
  let url = target.kind === 'catalog' ? target.entry.url : target.url;
  const known = await deps.store.feeds.getByUrl(url);
  if (known !== null && known.lastSuccessAt !== null) return { feed: known, problem: null };
  const read = await withDeadline(
    FOLLOW_BUDGET_MS,
    () => new TimeoutError('total', FOLLOW_BUDGET_MS),
    async (signal) => {
      const reading = { discover: true, signal };
      const first = await readFeed(deps.fetcher, { url, etag: null, lastModified: null }, now, reading);
      // "example.org:8080/feed" typed bare was tried over https; a server that speaks only plain
      // http refuses that handshake, and http is what was meant.
      if (
        first.ok ||
        target.kind !== 'url' ||
        target.schemeAssumed !== true ||
        !CLEARTEXT_HINT.has(first.error.reason)
      )
        return first;
      const plain = url.replace(/^https:/u, 'http:');
      const second = await readFeed(
        deps.fetcher,
        { url: plain, etag: null, lastModified: null },
        now,
        reading,
      );
      if (!second.ok) return first;
      url = plain;
      return second;
    },
    options.signal,
  );
  if (!read.ok) {
    const keep =
      target.kind === 'catalog' || (options.followUnreachable === true && isUnreachable(read.error));
    if (!keep) throw new UserError('feed_unusable', read.error.message);
    const feed = await keepFailing(deps, target, known, read.error, options.title ?? null, now);
    return { feed, problem: read.error.message };
  }
  if (read.value.notModified) throw new Error('a fetch without validators answered 304');
  const value = read.value;
  // Stored under the address it really lives at, so the next subscriber of either URL shares it.
  const finalUrl = value.permanentUrl ?? url;
  const existing = known ?? (await deps.store.feeds.getByUrl(finalUrl));
  // A row known before (one never read, or another chat's) keeps its address and gains the title
  // and site it lacked.
  const stored = existing?.url ?? finalUrl;
  const feed = await deps.store.feeds.upsert(
    target.kind === 'catalog'
      ? { url: stored, catalogId: target.entry.id, title: target.entry.name, siteUrl: value.siteUrl }
      : { url: stored, title: value.title, siteUrl: value.siteUrl },
    now,
  );
  await deps.store.items.save(feed.id, value.items, now, deps.newFeedItems);
  const saved = await deps.store.feeds.recordSuccess(feed.id, {
    polledAt: now,
    nextPollAt: nextPollAfterSuccess(deps.policy, now, deps.random),
    etag: value.etag,
    lastModified: value.lastModified,
    language: feedLanguageOf(value.items),
  });
  return { feed: saved, problem: null };
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
