import type { OutboxPart } from '../../core/types.js';
import type { FailedParts, NewDigest, OutboxStore } from '../store.js';
import { afterEarlierDigests, PART_COLUMNS, PART_JOIN, storyIdsOf } from '../outbox-sql.js';
import { type PartRow, toPart } from '../rows.js';
import { MissingRowError } from '../missing-row.js';
import { type Db, firstRow, pgText } from './db.js';

// Parts of a digest go out strictly in order: a part waits while any earlier one is unsent, and an
// edit waits for the message it rewrites.
const NEXT_PARTS = `p.state = 'pending'
  AND s.paused_reason IS NULL
  AND NOT EXISTS (
    SELECT 1 FROM outbox_parts e WHERE e.digest_id = p.digest_id AND e.seq < p.seq AND e.state <> 'sent'
  )
  AND (p.edit_of IS NULL OR o.platform_message_id IS NOT NULL)
  AND ${afterEarlierDigests(' OFFSET 0')}`;

// A concurrent transaction composing the same slot makes this insert wait for it; when it commits,
// no row comes back and this one does nothing else, so a slot is composed once.
const INSERT_DIGEST = `INSERT INTO digests (subscription_id, slot, created_at) VALUES ($1, $2, $3)
  ON CONFLICT (subscription_id, slot) DO NOTHING
  RETURNING id`;
const INSERT_PARTS = `INSERT INTO outbox_parts (digest_id, seq, payload, story_ids, state, attempts, next_attempt_at, edit_of)
  SELECT $1::bigint, part.ord - 1, part.payload, part.story_ids, 'pending', 0, $3::bigint, part.edit_of
  FROM unnest($2::text[], $4::text[], $5::bigint[]) WITH ORDINALITY AS part (payload, story_ids, edit_of, ord)
  RETURNING id, seq`;
// A story already shown by another digest of this subscription stays credited to that one.
const INSERT_SHOWN = `INSERT INTO digest_stories (subscription_id, story_id, digest_id, shown_feeds, part_id)
  SELECT $1::bigint, shown.story_id, $3::bigint, shown.feeds, shown.part_id
  FROM unnest($2::bigint[], $4::text[], $5::bigint[]) AS shown (story_id, feeds, part_id)
  ON CONFLICT (subscription_id, story_id) DO NOTHING`;
const UPDATE_SHOWN = `UPDATE digest_stories ds SET shown_feeds = grown.feeds
  FROM unnest($2::bigint[], $3::text[]) AS grown (story_id, feeds)
  WHERE ds.subscription_id = $1 AND ds.story_id = grown.story_id`;
// Walks the pending parts in delivery order from a cursor, over the partial index in that order: a
// batch reads as far as it needs and sorts nothing, however many parts wait.
// The planner would merge-join digests and the earlier-part check from the start of their tables,
// every batch: `OFFSET 0` keeps that check a per-part index probe, and the digest bound starts
// the join at the cursor.
const QUEUE_PARTS = `p.state = 'pending'
  AND s.paused_reason IS NULL
  AND NOT EXISTS (
    SELECT 1 FROM outbox_parts e WHERE e.digest_id = p.digest_id AND e.seq < p.seq AND e.state <> 'sent' OFFSET 0
  )
  AND (p.edit_of IS NULL OR o.platform_message_id IS NOT NULL)
  AND ${afterEarlierDigests(' OFFSET 0')}
  AND p.next_attempt_at <= $1
  AND (p.digest_id, p.seq) > ($3::bigint, $4::integer) AND d.id >= $3::bigint`;
const DUE = `SELECT ${PART_COLUMNS} FROM ${PART_JOIN} WHERE ${QUEUE_PARTS} ORDER BY p.digest_id, p.seq LIMIT $2`;
const DUE_ON_PLATFORM = `SELECT ${PART_COLUMNS} FROM ${PART_JOIN}
  WHERE ${QUEUE_PARTS} AND s.platform = $5
  ORDER BY p.digest_id, p.seq LIMIT $2`;
const PENDING_OF = `SELECT ${PART_COLUMNS} FROM ${PART_JOIN} WHERE p.digest_id = $1 AND p.state = 'pending'
  ORDER BY p.seq`;
// One statement finds the part's position and fails it with every later pending part of its digest,
// so no part of that digest can slip out after the gap. Later parts make no sense without this one.
const FAIL_FROM = `UPDATE outbox_parts p SET state = 'failed', last_error = $2
  FROM outbox_parts failing
  WHERE failing.id = $1
    AND p.digest_id = failing.digest_id
    AND (p.id = failing.id OR (p.seq > failing.seq AND p.state = 'pending'))
  RETURNING p.story_ids`;
const SUBSCRIPTION_OF_PART = `SELECT d.subscription_id FROM outbox_parts p JOIN digests d ON d.id = p.digest_id
  WHERE p.id = $1 FOR UPDATE OF p`;
// A story goes back once: if it is what makes parts fail, it must not fail every digest after.
const RETURN_STORIES = `WITH fresh AS (
    INSERT INTO story_returns (subscription_id, story_id)
    SELECT $1::bigint, id FROM unnest($2::bigint[]) AS ids (id)
    ON CONFLICT DO NOTHING
    RETURNING story_id
  )
  DELETE FROM digest_stories ds USING fresh
  WHERE ds.subscription_id = $1 AND ds.story_id = fresh.story_id
  RETURNING ds.story_id`;
const TELL_CHAT = `UPDATE subscriptions s SET failure_notice_at = $2
  WHERE s.id = $1 AND (s.failure_notice_at IS NULL OR EXISTS (
    SELECT 1 FROM digests d JOIN outbox_parts p ON p.digest_id = d.id
    WHERE d.subscription_id = s.id AND p.state = 'sent' AND p.sent_at > s.failure_notice_at))`;
const NEXT_DUE = `SELECT p.next_attempt_at AS at FROM ${PART_JOIN} WHERE ${NEXT_PARTS}`;
const FIRST = ' ORDER BY p.next_attempt_at LIMIT 1';

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
        const edits = digest.edits ?? [];
        const partIds = new Map<number, number>();
        if (digest.parts.length + edits.length > 0) {
          const inserted = await tx.query<{ id: number; seq: number }>(INSERT_PARTS, [
            digestId,
            [...digest.parts.map((part) => part.payload), ...edits.map((edit) => edit.payload)],
            now,
            [...digest.parts.map((part) => JSON.stringify(part.storyIds ?? [])), ...edits.map(() => '[]')],
            [...digest.parts.map(() => null), ...edits.map((edit) => edit.editOf)],
          ]);
          for (const row of inserted.rows) partIds.set(row.seq, row.id);
        }
        const shownIn = new Map<number, number>();
        digest.parts.forEach((part, seq) => {
          for (const storyId of part.storyIds ?? []) {
            const partId = partIds.get(seq);
            if (!shownIn.has(storyId) && partId !== undefined) shownIn.set(storyId, partId);
          }
        });
        const feeds = new Map((digest.shownFeeds ?? []).map((s) => [s.storyId, JSON.stringify(s.feedIds)]));
        if (digest.storyIds.length > 0) {
          await tx.query(INSERT_SHOWN, [
            digest.subscriptionId,
            [...digest.storyIds],
            digestId,
            digest.storyIds.map((id) => feeds.get(id) ?? null),
            digest.storyIds.map((id) => shownIn.get(id) ?? null),
          ]);
        }
        if (feeds.size > 0) {
          await tx.query(UPDATE_SHOWN, [digest.subscriptionId, [...feeds.keys()], [...feeds.values()]]);
        }
        if (digest.keepCursor !== true) {
          await tx.query('UPDATE subscriptions SET last_digest_at = $1, next_digest_at = $2 WHERE id = $3', [
            digest.slot,
            digest.nextDigestAt,
            digest.subscriptionId,
          ]);
        }
        return digestId;
      }),
    pending: async (now, limit, platform, after) => {
      if (limit <= 0) return [];
      const from = [after?.digestId ?? 0, after?.seq ?? -1];
      const result =
        platform === undefined
          ? await db.query<PartRow>(DUE, [now, limit, ...from])
          : await db.query<PartRow>(DUE_ON_PLATFORM, [now, limit, ...from, platform]);
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
    markRetry: async (partId, error, nextAttemptAt, counted = true) => {
      const result = await db.query(
        'UPDATE outbox_parts SET attempts = attempts + $4, last_error = $1, next_attempt_at = $2 WHERE id = $3',
        [pgText(error), nextAttemptAt, partId, counted ? 1 : 0],
      );
      mustChange(result, partId);
    },
    dropEdit: async (partId, error) => {
      const result = await db.query(
        "UPDATE outbox_parts SET state = 'failed', last_error = $1 WHERE id = $2 AND edit_of IS NOT NULL AND state = 'pending'",
        [pgText(error), partId],
      );
      mustChange(result, partId);
    },
    markFailed: (partId, error, now) =>
      db.transaction(async (tx): Promise<FailedParts> => {
        const owner = await firstRow<{ subscription_id: number }>(tx, SUBSCRIPTION_OF_PART, [partId]);
        if (owner === undefined) throw new MissingRowError('outbox part', partId);
        const subscriptionId = owner.subscription_id;
        const failed = await tx.query<{ story_ids: string }>(FAIL_FROM, [partId, pgText(error)]);
        const shown = [...new Set(failed.rows.flatMap((row) => storyIdsOf(row.story_ids)))];
        const returned = await tx.query<{ story_id: number }>(RETURN_STORIES, [subscriptionId, shown]);
        const told = await tx.query(TELL_CHAT, [subscriptionId, now]);
        return {
          subscriptionId,
          returnedStoryIds: returned.rows.map((row) => row.story_id),
          tellChat: told.rowCount === 1,
        };
      }),
    nextDueAt: async (platforms) => {
      if (platforms?.length === 0) return null;
      const row =
        platforms === undefined
          ? await firstRow<{ at: number | null }>(db, NEXT_DUE + FIRST)
          : await firstRow<{ at: number | null }>(
              db,
              `${NEXT_DUE} AND s.platform = ANY($1::text[])${FIRST}`,
              [[...platforms]],
            );
      return row?.at ?? null;
    },
  };
}
