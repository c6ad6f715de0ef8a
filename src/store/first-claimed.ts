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
