import type { Database } from 'better-sqlite3';
import type { Feed } from '../../core/types.js';
import type { FeedFailure, FeedStore, FeedSuccess, NewFeed } from '../store.js';
import {
  afterEnable,
  afterFailure,
  afterSuccess,
  type PollState,
  redirectTarget,
} from '../feed-poll-state.js';
import { type FeedRow, toFeed } from '../rows.js';
import { found, returned } from '../missing-row.js';
import { type Sync } from './sync.js';
import { FOLLOWED_LIVE } from '../stats-sql.js';

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
       -- A feed every follower paused, or that only chats gone from reach follow, is not polled;
       -- one chat's pause leaves the others' feed alone.
       AND EXISTS (${FOLLOWED_LIVE})
     ORDER BY f.next_poll_at, f.id
     LIMIT @limit`,
  );
  const lease = db.prepare<[number, number]>('UPDATE feeds SET lease_until = ? WHERE id = ?');
  const writePoll = db.prepare<[PollState], FeedRow>(
    `UPDATE feeds SET
       url = @url, title = @title, site_url = @siteUrl, language = @language, etag = @etag,
       last_modified = @lastModified,
       next_poll_at = @nextPollAt, last_polled_at = @lastPolledAt, last_success_at = @lastSuccessAt,
       consecutive_failures = @consecutiveFailures, last_error = @lastError,
       disabled_reason = @disabledReason, disabled_notice_sent = @disabledNoticeSent,
       lease_until = NULL
     WHERE id = @id
     RETURNING *`,
  );
  const noticeSent = db.prepare<[number]>('UPDATE feeds SET disabled_notice_sent = 1 WHERE id = ?');

  const mustGet = (id: number): FeedRow => found(byId.get(id), 'feed', id);
  const write = (state: PollState): Feed => toFeed(found(writePoll.get(state), 'feed', state.id));

  const claimDue = db.transaction((now: number, limit: number, leaseMs: number): Feed[] => {
    const rows = due.all({ now, limit });
    for (const row of rows) lease.run(now + leaseMs, row.id);
    return rows.map(toFeed);
  });

  const recordSuccess = db.transaction((feedId: number, success: FeedSuccess): Feed => {
    const row = mustGet(feedId);
    const target = redirectTarget(row, success);
    return write(afterSuccess(row, success, target !== null && byUrl.get(target) === undefined));
  });
  const recordFailure = db.transaction((feedId: number, failure: FeedFailure): Feed =>
    write(afterFailure(mustGet(feedId), failure)),
  );
  const enable = db.transaction((feedId: number, now: number): Feed =>
    write(afterEnable(mustGet(feedId), now)),
  );

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
