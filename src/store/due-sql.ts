/** The scheduler's questions about subscriptions, written once for both stores' SQL. */

/**
 * Due subscriptions of one platform from a keyset cursor, over `subscriptions_due`: a page reads
 * only rows that are due. Parameters: platform, now, cursor time, cursor id, limit.
 */
export const DUE_SUBSCRIPTIONS = (p: (n: number) => string): string => `SELECT * FROM subscriptions
  WHERE platform = ${p(1)} AND paused_reason IS NULL
    AND next_digest_at <= ${p(2)}
    AND (next_digest_at, id) > (${p(3)}, ${p(4)})
  ORDER BY next_digest_at, id LIMIT ${p(5)}`;

/** Subscriptions of one platform without a next digest time. Parameters: platform, limit. */
export const UNSCHEDULED_SUBSCRIPTIONS = (p: (n: number) => string): string => `SELECT * FROM subscriptions
  WHERE platform = ${p(1)} AND paused_reason IS NULL AND next_digest_at IS NULL
  ORDER BY id LIMIT ${p(2)}`;

/** The earliest next digest time of one platform. Parameter: platform. */
export const NEXT_DIGEST_DUE = (p: (n: number) => string): string => `SELECT MIN(next_digest_at) AS at
  FROM subscriptions WHERE platform = ${p(1)} AND paused_reason IS NULL`;

/**
 * Unpaused subscriptions posting as stories come: live, or with a breaking lane. Read after every
 * condense pass, so it goes through `subscriptions_live`, which holds only those (they are few).
 */
export const LIVE_SUBSCRIPTIONS = `SELECT * FROM subscriptions
  WHERE (live_since IS NOT NULL OR breaking_outlets IS NOT NULL) AND paused_reason IS NULL
  ORDER BY id`;

/** The partial index `LIVE_SUBSCRIPTIONS` reads (schema version 12 of both stores). */
export const LIVE_SUBSCRIPTIONS_INDEX = `CREATE INDEX subscriptions_live ON subscriptions (id)
  WHERE live_since IS NOT NULL OR breaking_outlets IS NOT NULL;`;
