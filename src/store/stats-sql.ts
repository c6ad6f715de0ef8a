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
      AND EXISTS (SELECT 1 FROM subscription_feeds sf WHERE sf.feed_id = f.id AND sf.paused_at IS NULL)) AS feeds_due`;

/** One row of {@link QUEUE_DEPTHS_SQL}; PostgreSQL returns its counts as strings. */
export interface QueueDepthsRow {
  readonly outbox: number | string;
  readonly condense: number | string;
  readonly feeds_due: number | string;
}
