import type { Database } from 'better-sqlite3';
import type { Feed } from '../../core/types.js';
import type { FeedFailure, FeedStore, FeedSuccess, NewFeed } from '../store.js';
import { type FeedRow, toFeed } from '../rows.js';
import { found, returned } from '../missing-row.js';
import { bit, type Sync } from './sync.js';

/** Every column a poll may change, written at once; any write of poll state also ends the lease. */
interface PollState {
  readonly id: number;
  readonly url: string;
  readonly title: string | null;
  readonly siteUrl: string | null;
  readonly etag: string | null;
  readonly lastModified: string | null;
  readonly nextPollAt: number;
  readonly lastPolledAt: number | null;
  readonly lastSuccessAt: number | null;
  readonly consecutiveFailures: number;
  readonly lastError: string | null;
  readonly disabledReason: string | null;
  readonly disabledNoticeSent: 0 | 1;
}

/** The feed half of the SQLite store. */
export function createFeedStore(db: Database): Sync<FeedStore> {
  const byId = db.prepare<[number], FeedRow>('SELECT * FROM feeds WHERE id = ?');
  const byUrl = db.prepare<[string], FeedRow>('SELECT * FROM feeds WHERE url = ?');
  const all = db.prepare<[], FeedRow>('SELECT * FROM feeds ORDER BY id');
  // A known URL keeps its row; only details the first registration lacked are filled in.
  const upsert = db.prepare<
    [{ url: string; catalogId: string | null; title: string | null; siteUrl: string | null; now: number }],
    FeedRow
  >(
    `INSERT INTO feeds (url, catalog_id, title, site_url, created_at, next_poll_at)
     VALUES (@url, @catalogId, @title, @siteUrl, @now, @now)
     ON CONFLICT (url) DO UPDATE SET
       catalog_id = COALESCE(feeds.catalog_id, excluded.catalog_id),
       title = COALESCE(feeds.title, excluded.title),
       site_url = COALESCE(feeds.site_url, excluded.site_url)
     RETURNING *`,
  );
  const due = db.prepare<[{ now: number; limit: number }], FeedRow>(
    `SELECT f.* FROM feeds f
     WHERE f.disabled_reason IS NULL
       AND f.next_poll_at <= @now
       AND (f.lease_until IS NULL OR f.lease_until <= @now)
       AND EXISTS (SELECT 1 FROM subscription_feeds sf WHERE sf.feed_id = f.id)
     ORDER BY f.next_poll_at, f.id
     LIMIT @limit`,
  );
  const lease = db.prepare<[number, number]>('UPDATE feeds SET lease_until = ? WHERE id = ?');
  const writePoll = db.prepare<[PollState], FeedRow>(
    `UPDATE feeds SET
       url = @url, title = @title, site_url = @siteUrl, etag = @etag, last_modified = @lastModified,
       next_poll_at = @nextPollAt, last_polled_at = @lastPolledAt, last_success_at = @lastSuccessAt,
       consecutive_failures = @consecutiveFailures, last_error = @lastError,
       disabled_reason = @disabledReason, disabled_notice_sent = @disabledNoticeSent,
       lease_until = NULL
     WHERE id = @id
     RETURNING *`,
  );
  const noticeSent = db.prepare<[number]>('UPDATE feeds SET disabled_notice_sent = 1 WHERE id = ?');

  const mustGet = (id: number): FeedRow => found(byId.get(id), 'feed', id);
  const pollState = (row: FeedRow): PollState => ({
    id: row.id,
    url: row.url,
    title: row.title,
    siteUrl: row.site_url,
    etag: row.etag,
    lastModified: row.last_modified,
    nextPollAt: row.next_poll_at,
    lastPolledAt: row.last_polled_at,
    lastSuccessAt: row.last_success_at,
    consecutiveFailures: row.consecutive_failures,
    lastError: row.last_error,
    disabledReason: row.disabled_reason,
    disabledNoticeSent: bit(row.disabled_notice_sent === 1),
  });
  const write = (state: PollState): Feed => toFeed(found(writePoll.get(state), 'feed', state.id));

  const claimDue = db.transaction((now: number, limit: number, leaseMs: number): Feed[] => {
    const rows = due.all({ now, limit });
    for (const row of rows) lease.run(now + leaseMs, row.id);
    return rows.map(toFeed);
  });

  const redirectTarget = (row: FeedRow, target: string | undefined): string => {
    if (target === undefined || target === row.url) return row.url;
    // Two feeds cannot share a URL; the old one keeps working through the redirect.
    return byUrl.get(target) === undefined ? target : row.url;
  };

  const recordSuccess = db.transaction((feedId: number, success: FeedSuccess): Feed => {
    const row = mustGet(feedId);
    return write({
      ...pollState(row),
      url: redirectTarget(row, success.url),
      // Absent means "not told" (a 304 carries no validators); null means the server sent none.
      etag: success.etag === undefined ? row.etag : success.etag,
      lastModified: success.lastModified === undefined ? row.last_modified : success.lastModified,
      // A feed that stops naming itself keeps the name it, or the catalog, gave before.
      title: success.title ?? row.title,
      siteUrl: success.siteUrl ?? row.site_url,
      nextPollAt: success.nextPollAt,
      lastPolledAt: success.polledAt,
      lastSuccessAt: success.polledAt,
      consecutiveFailures: 0,
      lastError: null,
    });
  });

  const recordFailure = db.transaction((feedId: number, failure: FeedFailure): Feed => {
    const row = mustGet(feedId);
    return write({
      ...pollState(row),
      nextPollAt: failure.nextPollAt,
      lastPolledAt: failure.polledAt,
      consecutiveFailures: row.consecutive_failures + 1,
      lastError: failure.reason,
      ...(failure.disable ? { disabledReason: failure.reason, disabledNoticeSent: 0 } : {}),
    });
  });

  const enable = db.transaction((feedId: number, now: number): Feed => {
    const row = mustGet(feedId);
    return write({
      ...pollState(row),
      nextPollAt: now,
      consecutiveFailures: 0,
      lastError: null,
      disabledReason: null,
      disabledNoticeSent: 0,
    });
  });

  return {
    upsert: (feed: NewFeed, now: number) =>
      toFeed(
        returned(
          upsert.get({
            url: feed.url,
            catalogId: feed.catalogId ?? null,
            title: feed.title ?? null,
            siteUrl: feed.siteUrl ?? null,
            now,
          }),
          'feed upsert',
        ),
      ),
    get: (id) => {
      const row = byId.get(id);
      return row === undefined ? null : toFeed(row);
    },
    getByUrl: (url) => {
      const row = byUrl.get(url);
      return row === undefined ? null : toFeed(row);
    },
    list: () => all.all().map(toFeed),
    // SQLite reads a negative LIMIT as "no limit".
    claimDue: (now, limit, leaseMs) => (limit > 0 ? claimDue.immediate(now, limit, leaseMs) : []),
    recordSuccess: (feedId, success) => recordSuccess.immediate(feedId, success),
    recordFailure: (feedId, failure) => recordFailure.immediate(feedId, failure),
    markDisabledNoticeSent: (feedId) => {
      if (noticeSent.run(feedId).changes === 0) mustGet(feedId);
    },
    enable: (feedId, now) => enable.immediate(feedId, now),
  };
}
