/** The outbox's row shape, written once for both stores' SQL. */

/** A part with its subscription's address, as `PartRow` reads it. */
export const PART_COLUMNS = `p.id, p.digest_id, d.subscription_id, s.platform, s.chat_id, s.thread_id, p.seq, p.payload,
  p.state, p.attempts, p.next_attempt_at, p.platform_message_id, p.last_error,
  p.edit_of, o.platform_message_id AS edit_message_id`;
export const PART_JOIN = `outbox_parts p
  JOIN digests d ON d.id = p.digest_id
  JOIN subscriptions s ON s.id = d.subscription_id
  LEFT JOIN outbox_parts o ON o.id = p.edit_of`;

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
