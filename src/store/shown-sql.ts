/** What both stores read and write for stories shown to a chat: the SQL is the same on each. */

/** Shown stories of a subscription still in the window, with their part's state and pending edits. */
export const SHOWN_STORIES = `SELECT ds.story_id, ds.shown_feeds, ds.part_id, p.story_ids AS part_story_ids,
    CASE WHEN p.platform_message_id IS NULL THEN 0 ELSE 1 END AS part_sent, p.sent_at AS part_sent_at,
    CASE WHEN EXISTS (
      SELECT 1 FROM outbox_parts e WHERE e.edit_of = ds.part_id AND e.state = 'pending'
    ) THEN 1 ELSE 0 END AS edit_pending,
    CASE WHEN EXISTS (
      SELECT 1 FROM outbox_parts e WHERE e.edit_of = ds.part_id AND e.state = 'failed'
    ) THEN 1 ELSE 0 END AS edit_refused
  FROM digest_stories ds
  LEFT JOIN outbox_parts p ON p.id = ds.part_id
  WHERE ds.subscription_id = $1
    AND ds.shown_feeds IS NOT NULL
    AND EXISTS (SELECT 1 FROM items i WHERE i.story_id = ds.story_id AND i.first_seen_at >= $2)
  ORDER BY ds.story_id`;

/** A row of {@link SHOWN_STORIES}. */
export interface ShownRow {
  readonly story_id: number;
  readonly shown_feeds: string;
  readonly part_id: number | null;
  readonly part_story_ids: string | null;
  readonly part_sent: number;
  readonly part_sent_at: number | null;
  readonly edit_pending: number;
  readonly edit_refused: number;
}

/** The feed ids a `shown_feeds` column holds; anything else reads as none. */
export function feedIdsOf(column: string): number[] {
  let value: unknown;
  try {
    value = JSON.parse(column);
  } catch {
    return [];
  }
  return Array.isArray(value) ? value.filter((id): id is number => Number.isSafeInteger(id)) : [];
}

/** Subscription columns of the live mode and the breaking lane. */
export const SET_LIVE = 'UPDATE subscriptions SET live_since = $1 WHERE id = $2 RETURNING *';
export const SET_BREAKING =
  'UPDATE subscriptions SET breaking_outlets = $1, breaking_window_ms = $2 WHERE id = $3 RETURNING *';

/** The statement with SQLite's positional `?` for PostgreSQL's `$N`: each of these uses every `$N` once, in order. */
export const sqliteParams = (sql: string): string => sql.replace(/\$\d+/g, '?');
