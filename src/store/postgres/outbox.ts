import type { OutboxPart } from '../../core/types.js';
import type { NewDigest, OutboxStore } from '../store.js';
import { PART_COLUMNS, PART_JOIN } from '../outbox-sql.js';
import { type PartRow, toPart } from '../rows.js';
import { MissingRowError } from '../missing-row.js';
import { type Db, firstRow, pgText } from './db.js';

// Parts of a digest go out strictly in order: a part waits while any earlier one is unsent.
const DUE_PARTS = `p.state = 'pending'
  AND p.next_attempt_at <= $1
  AND s.paused_reason IS NULL
  AND NOT EXISTS (
    SELECT 1 FROM outbox_parts e WHERE e.digest_id = p.digest_id AND e.seq < p.seq AND e.state <> 'sent'
  )`;

// A concurrent transaction composing the same slot makes this insert wait for it; when it commits,
// no row comes back and this one does nothing else, so a slot is composed once.
const INSERT_DIGEST = `INSERT INTO digests (subscription_id, slot, created_at) VALUES ($1, $2, $3)
  ON CONFLICT (subscription_id, slot) DO NOTHING
  RETURNING id`;
const INSERT_PARTS = `INSERT INTO outbox_parts (digest_id, seq, payload, state, attempts, next_attempt_at)
  SELECT $1::bigint, part.ord - 1, part.payload, 'pending', 0, $3::bigint
  FROM unnest($2::text[]) WITH ORDINALITY AS part (payload, ord)`;
// A story already shown by another digest of this subscription stays credited to that one.
const INSERT_SHOWN = `INSERT INTO digest_stories (subscription_id, story_id, digest_id)
  SELECT $1::bigint, shown.story_id, $3::bigint FROM unnest($2::bigint[]) AS shown (story_id)
  ON CONFLICT (subscription_id, story_id) DO NOTHING`;
const DUE = `SELECT ${PART_COLUMNS} FROM ${PART_JOIN} WHERE ${DUE_PARTS} ORDER BY p.digest_id, p.seq LIMIT $2`;
const DUE_ON_PLATFORM = `SELECT ${PART_COLUMNS} FROM ${PART_JOIN}
  WHERE ${DUE_PARTS} AND s.platform = $3
  ORDER BY p.digest_id, p.seq LIMIT $2`;
const PENDING_OF = `SELECT ${PART_COLUMNS} FROM ${PART_JOIN} WHERE p.digest_id = $1 AND p.state = 'pending'
  ORDER BY p.seq`;
// One statement finds the part's position and fails it with every later pending part of its digest,
// so no part of that digest can slip out after the gap. Later parts make no sense without this one.
const FAIL_FROM = `UPDATE outbox_parts p SET state = 'failed', last_error = $2
  FROM outbox_parts failing
  WHERE failing.id = $1
    AND p.digest_id = failing.digest_id
    AND (p.id = failing.id OR (p.seq > failing.seq AND p.state = 'pending'))`;

/** The outbox half of the PostgreSQL store. */
export function createPgOutboxStore(db: Db): OutboxStore {
  const mustChange = (result: { readonly rowCount: number | null }, partId: number): void => {
    if (result.rowCount === 0) throw new MissingRowError('outbox part', partId);
  };

  return {
    createDigest: (digest: NewDigest, now: number) =>
      db.transaction(async (tx): Promise<number | null> => {
        const inserted = await firstRow<{ id: number }>(tx, INSERT_DIGEST, [
          digest.subscriptionId,
          digest.slot,
          now,
        ]);
        if (inserted === undefined) return null;
        const digestId = inserted.id;
        if (digest.parts.length > 0) {
          await tx.query(INSERT_PARTS, [digestId, digest.parts.map((part) => part.payload), now]);
        }
        if (digest.storyIds.length > 0) {
          await tx.query(INSERT_SHOWN, [digest.subscriptionId, [...digest.storyIds], digestId]);
        }
        await tx.query('UPDATE subscriptions SET last_digest_at = $1, next_digest_at = $2 WHERE id = $3', [
          digest.slot,
          digest.nextDigestAt,
          digest.subscriptionId,
        ]);
        return digestId;
      }),
    pending: async (now, limit, platform) => {
      if (limit <= 0) return [];
      const result =
        platform === undefined
          ? await db.query<PartRow>(DUE, [now, limit])
          : await db.query<PartRow>(DUE_ON_PLATFORM, [now, limit, platform]);
      return result.rows.map(toPart);
    },
    pendingOf: (digestId) =>
      db.transaction(async (tx): Promise<OutboxPart[]> => {
        // Keeps the digest from being deleted between the check and the read, as SQLite's writer lock did.
        const digest = await firstRow(tx, 'SELECT 1 FROM digests WHERE id = $1 FOR KEY SHARE', [digestId]);
        if (digest === undefined) throw new MissingRowError('digest', digestId);
        const result = await tx.query<PartRow>(PENDING_OF, [digestId]);
        return result.rows.map(toPart);
      }),
    markSent: async (partId, platformMessageId, now) => {
      const result = await db.query(
        `UPDATE outbox_parts SET state = 'sent', platform_message_id = $1, sent_at = $2, last_error = NULL
         WHERE id = $3`,
        [platformMessageId, now, partId],
      );
      mustChange(result, partId);
    },
    markRetry: async (partId, error, nextAttemptAt) => {
      const result = await db.query(
        'UPDATE outbox_parts SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2 WHERE id = $3',
        [pgText(error), nextAttemptAt, partId],
      );
      mustChange(result, partId);
    },
    markFailed: async (partId, error) => {
      mustChange(await db.query(FAIL_FROM, [partId, pgText(error)]), partId);
    },
  };
}
