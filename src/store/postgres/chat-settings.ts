import type { TopicPing } from '../../core/types.js';
import { found } from '../missing-row.js';
import { type SubscriptionRow, toSubscription } from '../rows.js';
import type { SubscriptionStore } from '../store.js';
import { type Db, firstRow, pgText, type Queryable } from './db.js';

type ChatSettings = Pick<SubscriptionStore, 'setImages' | 'setPing' | 'removePing' | 'pings'>;

// As elsewhere in this store: the weakest lock that keeps the subscription from being deleted meanwhile.
async function hold(tx: Queryable, id: number): Promise<void> {
  found(
    await firstRow(tx, 'SELECT 1 FROM subscriptions WHERE id = $1 FOR KEY SHARE', [id]),
    'subscription',
    id,
  );
}

/** A subscription's picture switch and role pings, in PostgreSQL. */
export function createPgChatSettings(db: Db): ChatSettings {
  return {
    setImages: async (id, images) => {
      const row = await firstRow<SubscriptionRow>(
        db,
        'UPDATE subscriptions SET images = $1 WHERE id = $2 RETURNING *',
        [images, id],
      );
      return toSubscription(found(row, 'subscription', id));
    },
    setPing: async (subscriptionId, topic, roleId, now) => {
      await db.query(
        `INSERT INTO topic_pings (subscription_id, topic, role_id, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (subscription_id, topic) DO UPDATE SET role_id = excluded.role_id`,
        [subscriptionId, pgText(topic), pgText(roleId), now],
      );
    },
    removePing: (subscriptionId, topic) =>
      db.transaction(async (tx) => {
        await hold(tx, subscriptionId);
        const result = await tx.query('DELETE FROM topic_pings WHERE subscription_id = $1 AND topic = $2', [
          subscriptionId,
          pgText(topic),
        ]);
        return (result.rowCount ?? 0) > 0;
      }),
    pings: (subscriptionId) =>
      db.transaction(async (tx): Promise<TopicPing[]> => {
        await hold(tx, subscriptionId);
        const { rows } = await tx.query<{ topic: string; role_id: string }>(
          'SELECT topic, role_id FROM topic_pings WHERE subscription_id = $1 ORDER BY topic COLLATE "C"',
          [subscriptionId],
        );
        return rows.map((row) => ({ topic: row.topic, roleId: row.role_id }));
      }),
  };
}
