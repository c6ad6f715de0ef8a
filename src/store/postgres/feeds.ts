import type { Feed } from '../../core/types.js';
import { found, returned } from '../missing-row.js';
import {
  afterEnable,
  afterFailure,
  afterSuccess,
  type PollState,
  redirectTarget,
} from '../feed-poll-state.js';
import { type FeedRow, toFeed } from '../rows.js';
import type { FeedFailure, FeedStore, FeedSuccess, NewFeed } from '../store.js';
import { type Db, firstRow, pgText, pgTextOrNull as orNull, type Queryable } from './db.js';
import { FOLLOWED_LIVE } from '../stats-sql.js';

const WRITE_POLL = `UPDATE feeds SET
    url = $2, title = $3, site_url = $4, etag = $5, last_modified = $6, next_poll_at = $7,
    last_polled_at = $8, last_success_at = $9, consecutive_failures = $10, last_error = $11,
    disabled_reason = $12, disabled_notice_sent = $13, language = $14, lease_until = NULL
  WHERE id = $1
  RETURNING *`;

// SKIP LOCKED lets several processes claim at once: each takes rows no other is claiming, and
// the lease then keeps them away until the poll is recorded or the lease runs out.
const CLAIM_DUE = `UPDATE feeds SET lease_until = $3
  WHERE id IN (
    SELECT f.id FROM feeds f
    WHERE f.disabled_reason IS NULL
      AND f.next_poll_at <= $1
      AND (f.lease_until IS NULL OR f.lease_until <= $1)
      -- A feed every follower paused, or that only chats gone from reach follow, is not polled;
      -- one chat's pause leaves the others' feed alone.
      AND EXISTS (${FOLLOWED_LIVE})
    ORDER BY f.next_poll_at, f.id
    LIMIT $2
    FOR UPDATE SKIP LOCKED
  )
  RETURNING *`;

/** The feed half of the PostgreSQL store. */
export function createPgFeedStore(db: Db): FeedStore {
  const write = async (tx: Queryable, s: PollState): Promise<Feed> => {
    const row = await firstRow<FeedRow>(tx, WRITE_POLL, [
      s.id,
      pgText(s.url),
      orNull(s.title),
      orNull(s.siteUrl),
      orNull(s.etag),
      orNull(s.lastModified),
      s.nextPollAt,
      s.lastPolledAt,
      s.lastSuccessAt,
      s.consecutiveFailures,
      orNull(s.lastError),
      orNull(s.disabledReason),
      s.disabledNoticeSent,
      orNull(s.language),
    ]);
    return toFeed(found(row, 'feed', s.id));
  };

  // Read-modify-write of one feed under its row lock, so two processes recording polls of the
  // same feed apply one after the other.
  const change = (
    feedId: number,
    next: (row: FeedRow, tx: Queryable) => PollState | Promise<PollState>,
  ): Promise<Feed> =>
    db.transaction(async (tx) => {
      const row = found(
        await firstRow<FeedRow>(tx, 'SELECT * FROM feeds WHERE id = $1 FOR UPDATE', [feedId]),
        'feed',
        feedId,
      );
      return write(tx, await next(row, tx));
    });

  const byId = async (id: number): Promise<Feed | null> => {
    const row = await firstRow<FeedRow>(db, 'SELECT * FROM feeds WHERE id = $1', [id]);
    return row === undefined ? null : toFeed(row);
  };

  return {
    async upsert(feed: NewFeed, now: number) {
      // A known URL keeps its row; only details the first registration lacked are filled in.
      const row = await firstRow<FeedRow>(
        db,
        `INSERT INTO feeds (url, catalog_id, title, site_url, created_at, next_poll_at)
         VALUES ($1, $2, $3, $4, $5, $5)
         ON CONFLICT (url) DO UPDATE SET
           catalog_id = COALESCE(feeds.catalog_id, excluded.catalog_id),
           title = COALESCE(feeds.title, excluded.title),
           site_url = COALESCE(feeds.site_url, excluded.site_url)
         RETURNING *`,
        [
          pgText(feed.url),
          feed.catalogId ?? null,
          orNull(feed.title ?? null),
          orNull(feed.siteUrl ?? null),
          now,
        ],
      );
      return toFeed(returned(row, 'feed upsert'));
    },
    get: byId,
    async getByUrl(url) {
      const row = await firstRow<FeedRow>(db, 'SELECT * FROM feeds WHERE url = $1', [url]);
      return row === undefined ? null : toFeed(row);
    },
    async list() {
      const { rows } = await db.query<FeedRow>('SELECT * FROM feeds ORDER BY id');
      return rows.map(toFeed);
    },
    async claimDue(now, limit, leaseMs) {
      if (limit <= 0) return [];
      const { rows } = await db.query<FeedRow>(CLAIM_DUE, [now, limit, now + leaseMs]);
      // UPDATE ... RETURNING gives rows in no set order; callers expect due order.
      return rows.sort((a, b) => a.next_poll_at - b.next_poll_at || a.id - b.id).map(toFeed);
    },
    recordSuccess: (feedId: number, success: FeedSuccess) =>
      change(feedId, async (row, tx) => {
        const target = redirectTarget(row, success);
        const free =
          target !== null &&
          (await firstRow(tx, 'SELECT 1 FROM feeds WHERE url = $1', [target])) === undefined;
        return afterSuccess(row, success, free);
      }),
    recordFailure: (feedId: number, failure: FeedFailure) =>
      change(feedId, (row) => afterFailure(row, failure)),
    async markDisabledNoticeSent(feedId) {
      const result = await db.query('UPDATE feeds SET disabled_notice_sent = 1 WHERE id = $1', [feedId]);
      if (result.rowCount === 0) found(undefined, 'feed', feedId);
    },
    enable: (feedId, now) => change(feedId, (row) => afterEnable(row, now)),
  };
}
