import pg from 'pg';
import type { ChatAddress, PlatformName, SubscribedFeed, Subscription } from '../../core/types.js';
import type { NewSubscription, SubscriptionStore } from '../store.js';
import {
  type LinkRow,
  type MuteRow,
  normalizeTerm,
  type SubscriptionRow,
  toMute,
  toSubscribedFeed,
  toSubscription,
} from '../rows.js';
import { found, MissingRowError } from '../missing-row.js';
import { createPgChatSettings } from './chat-settings.js';
import { createPgDueSubscriptions } from './due-subscriptions.js';
import { type Db, firstRow, pgText, type Queryable } from './db.js';

const UNIQUE_VIOLATION = '23505';

const BY_ID = 'SELECT * FROM subscriptions WHERE id = $1';
const BY_ADDRESS = 'SELECT * FROM subscriptions WHERE platform = $1 AND chat_id = $2 AND thread_id = $3';
const INSERT = `INSERT INTO subscriptions (platform, chat_id, thread_id, schedule, timezone, created_at, next_digest_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7)
  ON CONFLICT (platform, chat_id, thread_id) DO NOTHING
  RETURNING *`;
const LINKS = `SELECT f.*, sf.added_at AS link_added_at, sf.since AS link_since, sf.added_by AS link_added_by,
    sf.name AS link_name, sf.paused_at AS link_paused_at
  FROM subscription_feeds sf JOIN feeds f ON f.id = sf.feed_id
  WHERE sf.subscription_id = $1
  ORDER BY sf.added_at, f.id`;
const FOLLOWERS = `SELECT s.* FROM subscriptions s JOIN subscription_feeds sf ON sf.subscription_id = s.id
  WHERE sf.feed_id = $1 ORDER BY s.id`;
const MERGE_LINKS = `INSERT INTO subscription_feeds (subscription_id, feed_id, added_at, since, added_by, name, paused_at)
  SELECT $1::bigint, feed_id, added_at, since, added_by, name, paused_at FROM subscription_feeds WHERE subscription_id = $2
  ON CONFLICT (subscription_id, feed_id) DO NOTHING`;
const MERGE_MUTES = `INSERT INTO mutes (subscription_id, term, created_at, expires_at)
  SELECT $1::bigint, term, created_at, expires_at FROM mutes WHERE subscription_id = $2
  ON CONFLICT (subscription_id, term) DO NOTHING`;
const MERGE_FILTERS = `INSERT INTO filters (subscription_id, feed_id, scope, pattern, regex, created_at)
  SELECT $1::bigint, feed_id, scope, pattern, regex, created_at FROM filters WHERE subscription_id = $2
  ON CONFLICT (subscription_id, scope, regex, pattern) DO NOTHING`;
// The moving subscription's digests go with it, parts under way included, and what it was shown
// counts as shown where it merged: a slot the target has already is the target's.
const MERGE_DIGESTS = `UPDATE digests SET subscription_id = $1
  WHERE subscription_id = $2 AND slot NOT IN (SELECT slot FROM digests WHERE subscription_id = $1)`;
const MERGE_SHOWN = `INSERT INTO digest_stories (subscription_id, story_id, digest_id, shown_feeds, part_id)
  SELECT $1::bigint, story_id, digest_id, shown_feeds, part_id FROM digest_stories
  WHERE subscription_id = $2 AND digest_id IN (SELECT id FROM digests WHERE subscription_id = $1)
  ON CONFLICT (subscription_id, story_id) DO NOTHING`;
// Byte order, as SQLite's BINARY collation sorts: the server's locale must not reorder mutes.
const MUTES = 'SELECT * FROM mutes WHERE subscription_id = $1 ORDER BY created_at, term COLLATE "C"';

/** The subscriptions half of the PostgreSQL store. */
export function createPgSubscriptionStore(db: Db): Omit<SubscriptionStore, 'setLive' | 'setBreaking'> {
  const byAddress = (address: ChatAddress, on: Queryable = db): Promise<SubscriptionRow | undefined> =>
    firstRow<SubscriptionRow>(on, BY_ADDRESS, [address.platform, address.chatId, address.threadId]);

  // SQLite's single writer kept a row found at the start of a transaction there until its end. The
  // weakest lock that blocks a DELETE does the same here, without holding up ordinary updates.
  const hold = async (tx: Queryable, table: 'subscriptions' | 'feeds', id: number): Promise<void> => {
    const row = await firstRow(tx, `SELECT 1 FROM ${table} WHERE id = $1 FOR KEY SHARE`, [id]);
    found(row, table === 'subscriptions' ? 'subscription' : 'feed', id);
  };

  const mustChange = (result: { readonly rowCount: number | null }, id: number): void => {
    if (result.rowCount === 0) throw new MissingRowError('subscription', id);
  };

  // Moves one subscription to the new chat, or merges it into the one already there. A subscription
  // another process creates at the target meanwhile makes the move collide with it: merge then.
  const moveOne = async (tx: Queryable, sub: SubscriptionRow, toChatId: string): Promise<void> => {
    const address = { platform: sub.platform, chatId: toChatId, threadId: sub.thread_id };
    for (;;) {
      const target = await firstRow<SubscriptionRow>(tx, `${BY_ADDRESS} FOR UPDATE`, [
        address.platform,
        address.chatId,
        address.threadId,
      ]);
      if (target !== undefined) {
        // The new chat already has a subscription here: it keeps its settings and gains what it lacked.
        await tx.query(MERGE_LINKS, [target.id, sub.id]);
        await tx.query(MERGE_MUTES, [target.id, sub.id]);
        await tx.query(MERGE_FILTERS, [target.id, sub.id]);
        await tx.query(MERGE_DIGESTS, [target.id, sub.id]);
        await tx.query(MERGE_SHOWN, [target.id, sub.id]);
        await tx.query('DELETE FROM subscriptions WHERE id = $1', [sub.id]);
        return;
      }
      await tx.query('SAVEPOINT move_chat');
      try {
        await tx.query('UPDATE subscriptions SET chat_id = $1 WHERE id = $2', [toChatId, sub.id]);
        await tx.query('RELEASE SAVEPOINT move_chat');
        return;
      } catch (error) {
        if (!(error instanceof pg.DatabaseError) || error.code !== UNIQUE_VIOLATION) throw error;
        await tx.query('ROLLBACK TO SAVEPOINT move_chat');
      }
    }
  };

  return {
    ensure: async (sub: NewSubscription, now: number): Promise<Subscription> => {
      const values = [
        sub.platform,
        sub.chatId,
        sub.threadId,
        sub.schedule,
        sub.timezone,
        now,
        sub.nextDigestAt,
      ];
      // Between a conflicting insert and the lookup another process may remove the row; the next
      // insert then creates it, so the caller always gets the subscription at this address.
      for (;;) {
        const row = (await firstRow<SubscriptionRow>(db, INSERT, values)) ?? (await byAddress(sub));
        if (row !== undefined) return toSubscription(row);
      }
    },
    find: async (address) => {
      const row = await byAddress(address);
      return row === undefined ? null : toSubscription(row);
    },
    get: async (id) => {
      const row = await firstRow<SubscriptionRow>(db, BY_ID, [id]);
      return row === undefined ? null : toSubscription(row);
    },
    list: async (platform?: PlatformName) => {
      const result =
        platform === undefined
          ? await db.query<SubscriptionRow>('SELECT * FROM subscriptions ORDER BY id')
          : await db.query<SubscriptionRow>('SELECT * FROM subscriptions WHERE platform = $1 ORDER BY id', [
              platform,
            ]);
      return result.rows.map(toSubscription);
    },
    remove: async (id) => {
      mustChange(await db.query('DELETE FROM subscriptions WHERE id = $1', [id]), id);
    },
    // A missing subscription or feed fails the foreign key rather than reading as "already followed".
    addFeed: async (subscriptionId, feedId, since, now, addedBy = null) => {
      const result = await db.query(
        `INSERT INTO subscription_feeds (subscription_id, feed_id, since, added_at, added_by)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (subscription_id, feed_id) DO NOTHING`,
        [subscriptionId, feedId, since, now, addedBy],
      );
      if ((result.rowCount ?? 0) > 0) return true;
      // Followed on its own after a topic brought it: unsubscribing the topic must leave it.
      if (addedBy === null)
        await db.query(
          'UPDATE subscription_feeds SET added_by = NULL WHERE subscription_id = $1 AND feed_id = $2',
          [subscriptionId, feedId],
        );
      return false;
    },
    removeFeed: (subscriptionId, feedId) =>
      db.transaction(async (tx) => {
        await hold(tx, 'subscriptions', subscriptionId);
        await hold(tx, 'feeds', feedId);
        await tx.query('DELETE FROM filters WHERE subscription_id = $1 AND feed_id = $2', [
          subscriptionId,
          feedId,
        ]);
        const result = await tx.query(
          'DELETE FROM subscription_feeds WHERE subscription_id = $1 AND feed_id = $2',
          [subscriptionId, feedId],
        );
        return (result.rowCount ?? 0) > 0;
      }),
    feeds: (subscriptionId) =>
      db.transaction(async (tx): Promise<SubscribedFeed[]> => {
        await hold(tx, 'subscriptions', subscriptionId);
        const result = await tx.query<LinkRow>(LINKS, [subscriptionId]);
        return result.rows.map(toSubscribedFeed);
      }),
    followers: (feedId) =>
      db.transaction(async (tx) => {
        await hold(tx, 'feeds', feedId);
        const result = await tx.query<SubscriptionRow>(FOLLOWERS, [feedId]);
        return result.rows.map(toSubscription);
      }),
    setSchedule: async (id, schedule, timezone, nextDigestAt) => {
      const row = await firstRow<SubscriptionRow>(
        db,
        'UPDATE subscriptions SET schedule = $1, timezone = $2, next_digest_at = $3 WHERE id = $4 RETURNING *',
        [schedule, timezone, nextDigestAt, id],
      );
      return toSubscription(found(row, 'subscription', id));
    },
    setNextDigestAt: async (id, nextDigestAt) => {
      mustChange(
        await db.query('UPDATE subscriptions SET next_digest_at = $1 WHERE id = $2', [nextDigestAt, id]),
        id,
      );
    },
    setPaused: async (id, reason) => {
      mustChange(
        await db.query('UPDATE subscriptions SET paused_reason = $1 WHERE id = $2', [
          reason === null ? null : pgText(reason),
          id,
        ]),
        id,
      );
    },
    moveChat: async (platform, fromChatId, toChatId) => {
      if (fromChatId === toChatId) return 0;
      return db.transaction(async (tx) => {
        // Both chats' subscriptions are locked up front, in id order: links or mutes added to a moving
        // one now wait and then find it gone instead of being lost, and two moves cannot deadlock.
        const locked = await tx.query<SubscriptionRow>(
          `SELECT * FROM subscriptions WHERE platform = $1 AND chat_id IN ($2, $3) ORDER BY id FOR UPDATE`,
          [platform, fromChatId, toChatId],
        );
        const moving = locked.rows.filter((sub) => sub.chat_id === fromChatId);
        for (const sub of moving) await moveOne(tx, sub, toChatId);
        return moving.length;
      });
    },
    mute: async (subscriptionId, term, now, expiresAt = null) => {
      const result = await db.query(
        `INSERT INTO mutes (subscription_id, term, created_at, expires_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (subscription_id, term) DO UPDATE SET expires_at = excluded.expires_at
         WHERE mutes.expires_at IS DISTINCT FROM excluded.expires_at`,
        [subscriptionId, pgText(normalizeTerm(term)), now, expiresAt],
      );
      return (result.rowCount ?? 0) > 0;
    },
    unmute: (subscriptionId, term) =>
      db.transaction(async (tx) => {
        await hold(tx, 'subscriptions', subscriptionId);
        const result = await tx.query('DELETE FROM mutes WHERE subscription_id = $1 AND term = $2', [
          subscriptionId,
          pgText(normalizeTerm(term)),
        ]);
        return (result.rowCount ?? 0) > 0;
      }),
    mutes: (subscriptionId) =>
      db.transaction(async (tx) => {
        await hold(tx, 'subscriptions', subscriptionId);
        const result = await tx.query<MuteRow>(MUTES, [subscriptionId]);
        return result.rows.map(toMute);
      }),
    ...createPgChatSettings(db),
    ...createPgDueSubscriptions(db),
  };
}
