import type { Database } from 'better-sqlite3';
import type { OutboxPart } from '../../core/types.js';
import type { FailedParts, NewDigest, OutboxStore } from '../store.js';
import { afterEarlierDigests, PART_COLUMNS, PART_JOIN, storyIdsOf } from '../outbox-sql.js';
import { type PartRow, toPart } from '../rows.js';
import { MissingRowError, returned } from '../missing-row.js';
import { type Sync } from './sync.js';

// Parts of a digest go out strictly in order: a part waits while any earlier one is unsent, and an
// edit waits for the message it rewrites.
const NEXT_PARTS = `p.state = 'pending'
  AND s.paused_reason IS NULL
  AND NOT EXISTS (
    SELECT 1 FROM outbox_parts e WHERE e.digest_id = p.digest_id AND e.seq < p.seq AND e.state <> 'sent'
  )
  AND (p.edit_of IS NULL OR o.platform_message_id IS NOT NULL)
  AND ${afterEarlierDigests()}`;
const DUE_PARTS = `${NEXT_PARTS} AND p.next_attempt_at <= @now`;
// Parts first, in queue order (CROSS JOIN fixes SQLite's join order): otherwise the planner starts
// from the platform's subscriptions or the due-time index, and sorts all it finds for every batch.
const QUEUE_JOIN = `outbox_parts p INDEXED BY outbox_parts_queue
  CROSS JOIN digests d ON d.id = p.digest_id
  CROSS JOIN subscriptions s ON s.id = d.subscription_id
  LEFT JOIN outbox_parts o ON o.id = p.edit_of`;

interface DueArgs {
  now: number;
  limit: number;
  digestId: number;
  seq: number;
}

/** The outbox half of the SQLite store. */
export function createOutboxStore(db: Database): Sync<OutboxStore> {
  const insertDigest = db.prepare<[number, number, number], number>(
    `INSERT INTO digests (subscription_id, slot, created_at) VALUES (?, ?, ?)
     ON CONFLICT (subscription_id, slot) DO NOTHING
     RETURNING id`,
  );
  insertDigest.pluck();
  const insertPart = db.prepare<[number, number, string, string, number, number | null], number>(
    `INSERT INTO outbox_parts (digest_id, seq, payload, story_ids, state, attempts, next_attempt_at, edit_of)
     VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)
     RETURNING id`,
  );
  insertPart.pluck();
  // A story already shown by another digest of this subscription stays credited to that one.
  const insertShown = db.prepare<[number, number, number, string | null, number | null]>(
    `INSERT INTO digest_stories (subscription_id, story_id, digest_id, shown_feeds, part_id) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (subscription_id, story_id) DO NOTHING`,
  );
  const updateShown = db.prepare<[string, number, number]>(
    'UPDATE digest_stories SET shown_feeds = ? WHERE subscription_id = ? AND story_id = ?',
  );
  const moveCursor = db.prepare<[number, number | null, number]>(
    'UPDATE subscriptions SET last_digest_at = ?, next_digest_at = ? WHERE id = ?',
  );
  // Walks the pending parts in delivery order from a cursor, over an index in that order: a batch
  // reads as far as it needs and sorts nothing, however many parts wait.
  const dueAll = db.prepare<[DueArgs], PartRow>(
    `SELECT ${PART_COLUMNS} FROM ${QUEUE_JOIN}
     WHERE ${DUE_PARTS} AND (p.digest_id, p.seq) > (@digestId, @seq)
     ORDER BY p.digest_id, p.seq LIMIT @limit`,
  );
  const duePlatform = db.prepare<[DueArgs & { platform: string }], PartRow>(
    `SELECT ${PART_COLUMNS} FROM ${QUEUE_JOIN}
     WHERE ${DUE_PARTS} AND (p.digest_id, p.seq) > (@digestId, @seq) AND s.platform = @platform
     ORDER BY p.digest_id, p.seq LIMIT @limit`,
  );
  const pendingOf = db.prepare<[number], PartRow>(
    `SELECT ${PART_COLUMNS} FROM ${PART_JOIN} WHERE p.digest_id = ? AND p.state = 'pending' ORDER BY p.seq`,
  );
  const digestExists = db.prepare<[number], number>('SELECT 1 FROM digests WHERE id = ?').pluck();
  const partPosition = db.prepare<[number], { digest_id: number; seq: number; subscription_id: number }>(
    `SELECT p.digest_id, p.seq, d.subscription_id FROM outbox_parts p JOIN digests d ON d.id = p.digest_id
     WHERE p.id = ?`,
  );
  const failingStories = db.prepare<[number, number], { story_ids: string }>(
    `SELECT story_ids FROM outbox_parts WHERE digest_id = ? AND seq >= ? AND state = 'pending'`,
  );
  const rememberReturn = db.prepare<[number, number]>(
    `INSERT INTO story_returns (subscription_id, story_id) VALUES (?, ?) ON CONFLICT DO NOTHING`,
  );
  const unshow = db.prepare<[number, number]>(
    'DELETE FROM digest_stories WHERE subscription_id = ? AND story_id = ?',
  );
  const noticeDue = db
    .prepare<[{ subscriptionId: number }], number>(
      `SELECT 1 FROM subscriptions s
       WHERE s.id = @subscriptionId AND (s.failure_notice_at IS NULL OR EXISTS (
         SELECT 1 FROM digests d JOIN outbox_parts p ON p.digest_id = d.id
         WHERE d.subscription_id = s.id AND p.state = 'sent' AND p.sent_at > s.failure_notice_at))`,
    )
    .pluck();
  const markNoticed = db.prepare<[number, number]>(
    'UPDATE subscriptions SET failure_notice_at = ? WHERE id = ?',
  );
  const nextDueAll = db
    .prepare<[], number | null>(`SELECT MIN(p.next_attempt_at) FROM ${PART_JOIN} WHERE ${NEXT_PARTS}`)
    .pluck();
  const markSent = db.prepare<[string, number, number]>(
    "UPDATE outbox_parts SET state = 'sent', platform_message_id = ?, sent_at = ?, last_error = NULL WHERE id = ?",
  );
  const markRetry = db.prepare<[number, string, number, number]>(
    'UPDATE outbox_parts SET attempts = attempts + ?, last_error = ?, next_attempt_at = ? WHERE id = ?',
  );
  const dropEdit = db.prepare<[string, number]>(
    "UPDATE outbox_parts SET state = 'failed', last_error = ? WHERE id = ? AND edit_of IS NOT NULL AND state = 'pending'",
  );
  const failPart = db.prepare<[string, number]>(
    "UPDATE outbox_parts SET state = 'failed', last_error = ? WHERE id = ?",
  );
  const failRest = db.prepare<[string, number, number]>(
    `UPDATE outbox_parts SET state = 'failed', last_error = ?
     WHERE digest_id = ? AND seq > ? AND state = 'pending'`,
  );

  const createDigest = db.transaction((digest: NewDigest, now: number): number | null => {
    const digestId = insertDigest.get(digest.subscriptionId, digest.slot, now);
    if (digestId === undefined) return null;
    const shownIn = new Map<number, number>();
    digest.parts.forEach((part, seq) => {
      const storyIds = part.storyIds ?? [];
      const partId = returned(
        insertPart.get(digestId, seq, part.payload, JSON.stringify(storyIds), now, null),
        'part insert',
      );
      for (const storyId of storyIds) if (!shownIn.has(storyId)) shownIn.set(storyId, partId);
    });
    (digest.edits ?? []).forEach((edit, i) =>
      insertPart.get(digestId, digest.parts.length + i, edit.payload, '[]', now, edit.editOf),
    );
    const feeds = new Map((digest.shownFeeds ?? []).map((s) => [s.storyId, JSON.stringify(s.feedIds)]));
    for (const storyId of digest.storyIds) {
      insertShown.run(
        digest.subscriptionId,
        storyId,
        digestId,
        feeds.get(storyId) ?? null,
        shownIn.get(storyId) ?? null,
      );
    }
    // A story shown again (an update: it grew) keeps its first digest's credit, but what the chat
    // has now seen of it is what it was just shown.
    for (const [storyId, feedIds] of feeds) updateShown.run(feedIds, digest.subscriptionId, storyId);
    if (digest.keepCursor !== true) moveCursor.run(digest.slot, digest.nextDigestAt, digest.subscriptionId);
    return digestId;
  });

  const markFailed = db.transaction((partId: number, error: string, now: number): FailedParts => {
    const position = partPosition.get(partId);
    if (position === undefined) throw new MissingRowError('outbox part', partId);
    const subscriptionId = position.subscription_id;
    const shown = failingStories
      .all(position.digest_id, position.seq)
      .flatMap((row) => storyIdsOf(row.story_ids));
    failPart.run(error, partId);
    // Later parts make no sense without this one, and must never go out after a gap.
    failRest.run(error, position.digest_id, position.seq);
    // A story goes back once: if it is what makes parts fail, it must not fail every digest after.
    const returnedStoryIds: number[] = [];
    for (const storyId of shown) {
      if (rememberReturn.run(subscriptionId, storyId).changes === 0) continue;
      if (unshow.run(subscriptionId, storyId).changes > 0) returnedStoryIds.push(storyId);
    }
    const tellChat = noticeDue.get({ subscriptionId }) !== undefined;
    if (tellChat) markNoticed.run(now, subscriptionId);
    return { subscriptionId, returnedStoryIds, tellChat };
  });

  const pendingOfDigest = db.transaction((digestId: number): OutboxPart[] => {
    if (digestExists.get(digestId) === undefined) throw new MissingRowError('digest', digestId);
    return pendingOf.all(digestId).map(toPart);
  });

  const mustChange = (changes: number, partId: number): void => {
    if (changes === 0) throw new MissingRowError('outbox part', partId);
  };

  return {
    createDigest: (digest, now) => createDigest.immediate(digest, now),
    pending: (now, limit, platform, after) => {
      if (limit <= 0) return [];
      const args = { now, limit, digestId: after?.digestId ?? 0, seq: after?.seq ?? -1 };
      const rows = platform === undefined ? dueAll.all(args) : duePlatform.all({ ...args, platform });
      return rows.map(toPart);
    },
    pendingOf: (digestId) => pendingOfDigest(digestId),
    markSent: (partId, platformMessageId, now) => {
      mustChange(markSent.run(platformMessageId, now, partId).changes, partId);
    },
    markRetry: (partId, error, nextAttemptAt, counted = true) => {
      mustChange(markRetry.run(counted ? 1 : 0, error, nextAttemptAt, partId).changes, partId);
    },
    markFailed: (partId, error, now) => markFailed.immediate(partId, error, now),
    dropEdit: (partId, error) => {
      mustChange(dropEdit.run(error, partId).changes, partId);
    },
    nextDueAt: (platforms) => {
      if (platforms === undefined) return nextDueAll.get() ?? null;
      if (platforms.length === 0) return null;
      const marks = platforms.map(() => '?').join(', ');
      // Few platforms exist, so the statement for a set of them is prepared when asked for.
      const statement = db
        .prepare<string[], number | null>(
          `SELECT MIN(p.next_attempt_at) FROM ${PART_JOIN} WHERE ${NEXT_PARTS} AND s.platform IN (${marks})`,
        )
        .pluck();
      return statement.get(...platforms) ?? null;
    },
  };
}
