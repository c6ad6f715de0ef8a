/**
 * The daily prune's statements, written once with `@name` parameters for both stores. Each walks
 * its table by key from a cursor, so rows that stay are read once a run, not once a batch.
 */

import { LISTED_REFRESH_MS } from './store.js';

/** Story ids a pending part shows, per dialect: those stories and their items stay. */
export type PendingRefs = string;

export const SQLITE_PENDING_REFS: PendingRefs = `SELECT CAST(j.value AS INTEGER)
  FROM outbox_parts p, json_each(p.story_ids) j WHERE p.state = 'pending'`;
export const PG_PENDING_REFS: PendingRefs = `SELECT j.value::bigint
  FROM outbox_parts p CROSS JOIN LATERAL json_array_elements_text(p.story_ids::json) AS j (value)
  WHERE p.state = 'pending'`;

/**
 * An item `i` of feed `f` may go: it is old, and its feed no longer lists it (the feed's last body
 * came more than a refresh after the item was last seen in it), or nobody polls the feed any more.
 * Every term is non-null, so `NOT` of it is exact.
 */
const PRUNABLE_ITEM = `(i.first_seen_at < @cutoff AND (
    f.disabled_reason IS NOT NULL
    OR NOT EXISTS (SELECT 1 FROM subscription_feeds sf WHERE sf.feed_id = i.feed_id)
    OR COALESCE(i.listed_at, i.first_seen_at) < COALESCE(f.listed_at, 0) - ${LISTED_REFRESH_MS}))`;

/** An item some story still leads must stay while that story does. */
const NOT_A_LEAD = 'NOT EXISTS (SELECT 1 FROM stories lead WHERE lead.lead_item_id = i.id)';

/** Stories whose every item may go and that no pending part shows. Parameters: cutoff, after, batch. */
export const prunableStories = (pendingRefs: PendingRefs): string => `SELECT s.id FROM stories s
  WHERE s.id > @after AND s.updated_at < @cutoff
    AND NOT EXISTS (
      SELECT 1 FROM items i JOIN feeds f ON f.id = i.feed_id WHERE i.story_id = s.id AND NOT ${PRUNABLE_ITEM}
    )
    AND s.id NOT IN (${pendingRefs})
  ORDER BY s.id LIMIT @batch`;

/** Items in no story that may go. Parameters: cutoff, afterAt, afterId, batch. */
export const PRUNABLE_LOOSE_ITEMS = `SELECT i.id, i.first_seen_at FROM items i JOIN feeds f ON f.id = i.feed_id
  WHERE i.first_seen_at < @cutoff AND (i.first_seen_at, i.id) > (@afterAt, @afterId)
    AND i.story_id IS NULL AND ${PRUNABLE_ITEM} AND ${NOT_A_LEAD}
  ORDER BY i.first_seen_at, i.id LIMIT @batch`;

/** Digests older than the cutoff with nothing left to send. Parameters: cutoff, afterAt, afterId, batch. */
export const PRUNABLE_DIGESTS = `SELECT d.id, d.created_at FROM digests d
  WHERE d.created_at < @cutoff AND (d.created_at, d.id) > (@afterAt, @afterId)
    AND NOT EXISTS (SELECT 1 FROM outbox_parts p WHERE p.digest_id = d.id AND p.state = 'pending')
  ORDER BY d.created_at, d.id LIMIT @batch`;

/**
 * Items of stories being pruned, read before the stories go (their `story_id` is then cleared);
 * one a story outside the batch leads stays. `idsIn` lists the stories.
 */
export const itemsOfStories = (idsIn: string): string => `SELECT i.id FROM items i
  WHERE i.story_id IN (${idsIn})
    AND NOT EXISTS (SELECT 1 FROM stories keep WHERE keep.lead_item_id = i.id AND keep.id NOT IN (${idsIn}))`;

/**
 * Rewrites `@name` parameters as PostgreSQL's `$n`, returning the text and the names in order, so
 * that one statement serves both stores.
 */
export function positional(sql: string): { readonly text: string; readonly names: readonly string[] } {
  const names: string[] = [];
  const text = sql.replace(/@(\w+)/g, (_whole, name: string) => {
    const at = names.indexOf(name);
    if (at >= 0) return `$${at + 1}`;
    names.push(name);
    return `$${names.length}`;
  });
  return { text, names };
}
