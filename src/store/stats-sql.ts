/**
 * A follower of feed `f` that reads it now: a link not paused, of a subscription whose chat is not
 * gone from reach (a chat that blocked the bot or was deleted). A feed with none is not polled.
 */
export const FOLLOWED_LIVE = `SELECT 1 FROM subscription_feeds sf
  JOIN subscriptions s ON s.id = sf.subscription_id
  WHERE sf.feed_id = f.id AND sf.paused_at IS NULL AND s.paused_reason IS NULL`;

/**
 * The counts behind `StatsStore.queueDepths`, shared by both stores; `:now` is the one parameter.
 * Each uses the index its queue's reader uses, so a scrape costs about what one claim does.
 */
export const QUEUE_DEPTHS_SQL = `SELECT
  (SELECT COUNT(*) FROM outbox_parts WHERE state = 'pending') AS outbox,
  (SELECT COUNT(*) FROM items
    WHERE backlog = 0 AND (condensed_hash IS NULL OR condensed_hash <> content_hash)) AS condense,
  (SELECT COUNT(*) FROM feeds f
    WHERE f.disabled_reason IS NULL AND f.next_poll_at <= :now
      AND EXISTS (${FOLLOWED_LIVE})) AS feeds_due`;

/** One row of {@link QUEUE_DEPTHS_SQL}; PostgreSQL returns its counts as strings. */
export interface QueueDepthsRow {
  readonly outbox: number | string;
  readonly condense: number | string;
  readonly feeds_due: number | string;
}
