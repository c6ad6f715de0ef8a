/**
 * The first item, in the order condensing claims items, that a process is condensing at `@now`:
 * a live claim. Claims are taken oldest first, so an item before it is condensed or abandoned,
 * and filing stops there until it is done. A claim left by a process that died expires, and an
 * item never claimed holds nothing back.
 */
export const FIRST_CLAIMED = `SELECT first_seen_at, published_at, id FROM items
  WHERE backlog = 0 AND (condensed_hash IS NULL OR condensed_hash <> content_hash)
    AND condense_claim_until > @now
  ORDER BY first_seen_at, published_at, id LIMIT 1`;

/**
 * Items waiting for the story step: condensed, in no story, and before the first live claim. Used
 * after `WITH first_claimed AS (FIRST_CLAIMED)`.
 */
export const WAITING_FOR_STORY = `story_id IS NULL AND condensed_hash IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM first_claimed c
                  WHERE (c.first_seen_at, c.published_at, c.id) < (items.first_seen_at, items.published_at, items.id))`;
