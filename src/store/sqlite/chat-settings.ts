import type { Database } from 'better-sqlite3';
import type { TopicPing } from '../../core/types.js';
import { type SubscriptionRow, toSubscription } from '../rows.js';
import type { SubscriptionStore } from '../store.js';
import { found } from '../missing-row.js';
import { bit, type Sync } from './sync.js';

type ChatSettings = Pick<Sync<SubscriptionStore>, 'setImages' | 'setPing' | 'removePing' | 'pings'>;

/** A subscription's picture switch and role pings, in SQLite. */
export function createChatSettings(db: Database): ChatSettings {
  const exists = db.prepare<[number], number>('SELECT 1 FROM subscriptions WHERE id = ?').pluck();
  const setImages = db.prepare<[0 | 1, number], SubscriptionRow>(
    'UPDATE subscriptions SET images = ? WHERE id = ? RETURNING *',
  );
  const setPing = db.prepare<[number, string, string, number]>(
    `INSERT INTO topic_pings (subscription_id, topic, role_id, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (subscription_id, topic) DO UPDATE SET role_id = excluded.role_id`,
  );
  const removePing = db.prepare<[number, string]>(
    'DELETE FROM topic_pings WHERE subscription_id = ? AND topic = ?',
  );
  const pings = db.prepare<[number], { topic: string; role_id: string }>(
    'SELECT topic, role_id FROM topic_pings WHERE subscription_id = ? ORDER BY topic',
  );
  const removeOne = db.transaction((subscriptionId: number, topic: string): boolean => {
    found(exists.get(subscriptionId), 'subscription', subscriptionId);
    return removePing.run(subscriptionId, topic).changes > 0;
  });
  const pingsOf = db.transaction((subscriptionId: number): TopicPing[] => {
    found(exists.get(subscriptionId), 'subscription', subscriptionId);
    return pings.all(subscriptionId).map((row) => ({ topic: row.topic, roleId: row.role_id }));
  });
  return {
    setImages: (id, images) => toSubscription(found(setImages.get(bit(images), id), 'subscription', id)),
    setPing: (subscriptionId, topic, roleId, now) => {
      setPing.run(subscriptionId, topic, roleId, now);
    },
    removePing: (subscriptionId, topic) => removeOne(subscriptionId, topic),
    pings: (subscriptionId) => pingsOf(subscriptionId),
  };
}
