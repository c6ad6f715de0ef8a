/** The outbox's row shape, written once for both stores' SQL. */

/** A part with its subscription's address, as `PartRow` reads it. */
export const PART_COLUMNS = `p.id, p.digest_id, d.subscription_id, s.platform, s.chat_id, s.thread_id, p.seq, p.payload,
  p.state, p.attempts, p.next_attempt_at, p.platform_message_id, p.last_error,
  p.edit_of, o.platform_message_id AS edit_message_id`;
export const PART_JOIN = `outbox_parts p
  JOIN digests d ON d.id = p.digest_id
  JOIN subscriptions s ON s.id = d.subscription_id
  LEFT JOIN outbox_parts o ON o.id = p.edit_of`;

/**
 * A chat's digests go out one after another: a digest's first part waits while any digest of the
 * chat composed before it has a part unsent, so a digest held up (a crash, an outage, a long 429)
 * is not interleaved with the next one. Every earlier digest is asked, not only the one before: a
 * slot with nothing new is a digest without parts, and a missed slot is composed after a /digest.
 * It reads the part alone, so the planners keep it a filter of the queue's index scan (one probe
 * of the pending parts' index per earlier digest of the chat), and `fence` keeps PostgreSQL's from
 * turning it into an anti-join over every digest (see QUEUE_PARTS there).
 */
export const afterEarlierDigests = (fence = ''): string => `(p.seq > 0 OR NOT EXISTS (
    SELECT 1 FROM digests d2 JOIN outbox_parts e2 ON e2.digest_id = d2.id AND e2.state = 'pending'
    WHERE d2.subscription_id = (SELECT own.subscription_id FROM digests own WHERE own.id = p.digest_id)
      AND d2.id < p.digest_id${fence}))`;

/** The story ids a part's `story_ids` column holds; anything else reads as none. */
export function storyIdsOf(column: string): number[] {
  let value: unknown;
  try {
    value = JSON.parse(column);
  } catch {
    return [];
  }
  return Array.isArray(value) ? value.filter((id): id is number => Number.isSafeInteger(id)) : [];
}
