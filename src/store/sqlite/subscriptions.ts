import type { Database } from 'better-sqlite3';
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
import { found, returned } from '../missing-row.js';
import { createChatSettings } from './chat-settings.js';
import { createDueSubscriptions } from './due-subscriptions.js';
import { type Sync } from './sync.js';

/** The subscription half of the SQLite store. */
export function createSubscriptionStore(
  db: Database,
): Omit<Sync<SubscriptionStore>, 'setLive' | 'setBreaking'> {
  const byId = db.prepare<[number], SubscriptionRow>('SELECT * FROM subscriptions WHERE id = ?');
  const byAddress = db.prepare<[string, string, string], SubscriptionRow>(
    'SELECT * FROM subscriptions WHERE platform = ? AND chat_id = ? AND thread_id = ?',
  );
  const insert = db.prepare<[NewSubscription & { now: number }]>(
    `INSERT INTO subscriptions (platform, chat_id, thread_id, schedule, timezone, created_at, next_digest_at)
     VALUES (@platform, @chatId, @threadId, @schedule, @timezone, @now, @nextDigestAt)
     ON CONFLICT (platform, chat_id, thread_id) DO NOTHING`,
  );
  const all = db.prepare<[], SubscriptionRow>('SELECT * FROM subscriptions ORDER BY id');
  const ofPlatform = db.prepare<[string], SubscriptionRow>(
    'SELECT * FROM subscriptions WHERE platform = ? ORDER BY id',
  );
  const ofChat = db.prepare<[string, string], SubscriptionRow>(
    'SELECT * FROM subscriptions WHERE platform = ? AND chat_id = ? ORDER BY id',
  );
  const remove = db.prepare<[number]>('DELETE FROM subscriptions WHERE id = ?');
  const link = db.prepare<[number, number, number, number, string | null]>(
    `INSERT INTO subscription_feeds (subscription_id, feed_id, since, added_at, added_by) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (subscription_id, feed_id) DO NOTHING`,
  );
  // Followed on its own after a topic brought it: unsubscribing the topic must leave it.
  const claim = db.prepare<[number, number]>(
    'UPDATE subscription_feeds SET added_by = NULL WHERE subscription_id = ? AND feed_id = ?',
  );
  const unlink = db.prepare<[number, number]>(
    'DELETE FROM subscription_feeds WHERE subscription_id = ? AND feed_id = ?',
  );
  const dropFilters = db.prepare<[number, number]>(
    'DELETE FROM filters WHERE subscription_id = ? AND feed_id = ?',
  );
  const links = db.prepare<[number], LinkRow>(
    `SELECT f.*, sf.added_at AS link_added_at, sf.since AS link_since, sf.added_by AS link_added_by,
            sf.name AS link_name, sf.paused_at AS link_paused_at
     FROM subscription_feeds sf JOIN feeds f ON f.id = sf.feed_id
     WHERE sf.subscription_id = ?
     ORDER BY sf.added_at, f.id`,
  );
  const feedExists = db.prepare<[number], number>('SELECT 1 FROM feeds WHERE id = ?').pluck();
  const followers = db.prepare<[number], SubscriptionRow>(
    `SELECT s.* FROM subscriptions s JOIN subscription_feeds sf ON sf.subscription_id = s.id
     WHERE sf.feed_id = ? ORDER BY s.id`,
  );
  const setSchedule = db.prepare<[string, string, number | null, number], SubscriptionRow>(
    'UPDATE subscriptions SET schedule = ?, timezone = ?, next_digest_at = ? WHERE id = ? RETURNING *',
  );
  const setNext = db.prepare<[number | null, number]>(
    'UPDATE subscriptions SET next_digest_at = ? WHERE id = ?',
  );
  const setPaused = db.prepare<[string | null, number]>(
    'UPDATE subscriptions SET paused_reason = ? WHERE id = ?',
  );
  const setChat = db.prepare<[string, number]>('UPDATE subscriptions SET chat_id = ? WHERE id = ?');
  const mergeLinks = db.prepare<[number, number]>(
    `INSERT INTO subscription_feeds (subscription_id, feed_id, added_at, since, added_by, name, paused_at)
     SELECT ?, feed_id, added_at, since, added_by, name, paused_at FROM subscription_feeds WHERE subscription_id = ?
     ON CONFLICT (subscription_id, feed_id) DO NOTHING`,
  );
  const mergeMutes = db.prepare<[number, number]>(
    `INSERT INTO mutes (subscription_id, term, created_at, expires_at)
     SELECT ?, term, created_at, expires_at FROM mutes WHERE subscription_id = ?
     ON CONFLICT (subscription_id, term) DO NOTHING`,
  );
  // The moving subscription's digests go with it, parts under way included, and what it was shown
  // counts as shown where it merged: a slot the target has already is the target's.
  const mergeDigests = db.prepare<[{ target: number; source: number }]>(
    `UPDATE digests SET subscription_id = @target
     WHERE subscription_id = @source AND slot NOT IN (SELECT slot FROM digests WHERE subscription_id = @target)`,
  );
  const mergeShown = db.prepare<[{ target: number; source: number }]>(
    `INSERT INTO digest_stories (subscription_id, story_id, digest_id, shown_feeds, part_id)
     SELECT @target, story_id, digest_id, shown_feeds, part_id FROM digest_stories
     WHERE subscription_id = @source AND digest_id IN (SELECT id FROM digests WHERE subscription_id = @target)
     ON CONFLICT (subscription_id, story_id) DO NOTHING`,
  );
  const mergeFilters = db.prepare<[number, number]>(
    `INSERT INTO filters (subscription_id, feed_id, scope, pattern, regex, created_at)
     SELECT ?, feed_id, scope, pattern, regex, created_at FROM filters WHERE subscription_id = ?
     ON CONFLICT (subscription_id, scope, regex, pattern) DO NOTHING`,
  );
  const mute = db.prepare<[number, string, number, number | null]>(
    `INSERT INTO mutes (subscription_id, term, created_at, expires_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (subscription_id, term) DO UPDATE SET expires_at = excluded.expires_at
     WHERE mutes.expires_at IS NOT excluded.expires_at`,
  );
  const unmute = db.prepare<[number, string]>('DELETE FROM mutes WHERE subscription_id = ? AND term = ?');
  const mutes = db.prepare<[number], MuteRow>(
    'SELECT * FROM mutes WHERE subscription_id = ? ORDER BY created_at, term',
  );

  const mustGet = (id: number): SubscriptionRow => found(byId.get(id), 'subscription', id);
  const find = (address: ChatAddress): SubscriptionRow | undefined =>
    byAddress.get(address.platform, address.chatId, address.threadId);

  const ensure = db.transaction((sub: NewSubscription, now: number): Subscription => {
    insert.run({
      platform: sub.platform,
      chatId: sub.chatId,
      threadId: sub.threadId,
      schedule: sub.schedule,
      timezone: sub.timezone,
      nextDigestAt: sub.nextDigestAt,
      now,
    });
    return toSubscription(returned(find(sub), 'subscription ensure'));
  });

  const moveChat = db.transaction((platform: PlatformName, fromChatId: string, toChatId: string): number => {
    if (fromChatId === toChatId) return 0;
    const moving = ofChat.all(platform, fromChatId);
    for (const sub of moving) {
      const target = find({ platform, chatId: toChatId, threadId: sub.thread_id });
      if (target === undefined) {
        setChat.run(toChatId, sub.id);
      } else {
        // The new chat already has a subscription here: it keeps its settings and gains what it lacked.
        mergeLinks.run(target.id, sub.id);
        mergeMutes.run(target.id, sub.id);
        mergeFilters.run(target.id, sub.id);
        mergeDigests.run({ target: target.id, source: sub.id });
        mergeShown.run({ target: target.id, source: sub.id });
        remove.run(sub.id);
      }
    }
    return moving.length;
  });

  const addFeed = db.transaction(
    (subscriptionId: number, feedId: number, since: number, now: number, addedBy: string | null): boolean => {
      if (link.run(subscriptionId, feedId, since, now, addedBy).changes > 0) return true;
      if (addedBy === null) claim.run(subscriptionId, feedId);
      return false;
    },
  );
  const removeFeed = db.transaction((subscriptionId: number, feedId: number): boolean => {
    mustGet(subscriptionId);
    found(feedExists.get(feedId), 'feed', feedId);
    dropFilters.run(subscriptionId, feedId);
    return unlink.run(subscriptionId, feedId).changes > 0;
  });
  const unmuteTerm = db.transaction((subscriptionId: number, term: string): boolean => {
    mustGet(subscriptionId);
    return unmute.run(subscriptionId, normalizeTerm(term)).changes > 0;
  });
  const feedsOf = db.transaction((subscriptionId: number): SubscribedFeed[] => {
    mustGet(subscriptionId);
    return links.all(subscriptionId).map(toSubscribedFeed);
  });
  const followersOf = db.transaction((feedId: number): Subscription[] => {
    found(feedExists.get(feedId), 'feed', feedId);
    return followers.all(feedId).map(toSubscription);
  });
  const mutesOf = db.transaction((subscriptionId: number) => {
    mustGet(subscriptionId);
    return mutes.all(subscriptionId).map(toMute);
  });

  const mustChange = (changes: number, id: number): void => {
    if (changes === 0) mustGet(id);
  };

  return {
    ensure: (sub, now) => ensure.immediate(sub, now),
    find: (address) => {
      const row = find(address);
      return row === undefined ? null : toSubscription(row);
    },
    get: (id) => {
      const row = byId.get(id);
      return row === undefined ? null : toSubscription(row);
    },
    list: (platform) => (platform === undefined ? all.all() : ofPlatform.all(platform)).map(toSubscription),
    remove: (id) => {
      mustChange(remove.run(id).changes, id);
    },
    // A missing subscription or feed fails the foreign key rather than reading as "already followed".
    addFeed: (subscriptionId, feedId, since, now, addedBy = null) =>
      addFeed(subscriptionId, feedId, since, now, addedBy),
    removeFeed: (subscriptionId, feedId) => removeFeed(subscriptionId, feedId),
    feeds: (subscriptionId) => feedsOf(subscriptionId),
    followers: (feedId) => followersOf(feedId),
    setSchedule: (id, schedule, timezone, nextDigestAt) =>
      toSubscription(found(setSchedule.get(schedule, timezone, nextDigestAt, id), 'subscription', id)),
    setNextDigestAt: (id, nextDigestAt) => {
      mustChange(setNext.run(nextDigestAt, id).changes, id);
    },
    setPaused: (id, reason) => {
      mustChange(setPaused.run(reason, id).changes, id);
    },
    moveChat: (platform, fromChatId, toChatId) => moveChat.immediate(platform, fromChatId, toChatId),
    mute: (subscriptionId, term, now, expiresAt = null) =>
      mute.run(subscriptionId, normalizeTerm(term), now, expiresAt).changes > 0,
    unmute: (subscriptionId, term) => unmuteTerm(subscriptionId, term),
    mutes: (subscriptionId) => mutesOf(subscriptionId),
    ...createChatSettings(db),
    ...createDueSubscriptions(db),
  };
}
