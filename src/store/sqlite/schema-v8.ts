/**
 * Retention and scale. Items remember when their feed last listed them (`listed_at`, refreshed at
 * most every few hours) and feeds when a body was last read (`listed_at`): an item still in its
 * feed is never pruned, or the next poll would take it for new. Indexes let the daily prune find
 * old rows, the outbox walk pending parts in delivery order without sorting them, and the
 * scheduler find due subscriptions without listing them all.
 */
export const SCHEMA_V8 = `
ALTER TABLE items ADD COLUMN listed_at INTEGER;
ALTER TABLE feeds ADD COLUMN listed_at INTEGER;
CREATE INDEX items_first_seen ON items (first_seen_at, id);
CREATE INDEX digests_created ON digests (created_at, id);
CREATE INDEX outbox_parts_queue ON outbox_parts (digest_id, seq) WHERE state = 'pending';
CREATE INDEX subscriptions_due ON subscriptions (platform, next_digest_at, id)
  WHERE paused_reason IS NULL;
`;
