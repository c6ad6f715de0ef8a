import type { Story } from '../../core/types.js';
import { storyIdsOf } from '../outbox-sql.js';
import { found as foundRow } from '../missing-row.js';
import { type SubscriptionRow, toSubscription } from '../rows.js';
import { feedIdsOf, SET_BREAKING, SET_LIVE, SHOWN_STORIES, type ShownRow } from '../shown-sql.js';
import type { StoryStore, SubscriptionStore } from '../store.js';
import { type Db, firstRow } from './db.js';

/** The story store with `shown` beside the methods it already has. */
export function withPgShown(db: Db, stories: Omit<StoryStore, 'shown'>): StoryStore {
  return {
    ...stories,
    async shown(subscriptionId, notBefore) {
      const { rows } = await db.query<ShownRow>(SHOWN_STORIES, [subscriptionId, notBefore]);
      const found: (Story | null)[] = await Promise.all(rows.map((row) => stories.get(row.story_id)));
      return rows.flatMap((row, i) => {
        const story = found[i];
        if (story === null || story === undefined) return [];
        return [
          {
            story,
            shownFeedIds: feedIdsOf(row.shown_feeds),
            partId: row.part_id,
            partStories: storyIdsOf(row.part_story_ids ?? '[]').length,
            partSent: row.part_sent === 1,
            partSentAt: row.part_sent_at,
            editPending: row.edit_pending === 1,
            editRefused: row.edit_refused === 1,
          },
        ];
      });
    },
  };
}

/** Live mode and the breaking lane of PostgreSQL subscriptions. */
export function createPgLaneSettings(db: Db): Pick<SubscriptionStore, 'setLive' | 'setBreaking'> {
  return {
    async setLive(id, since) {
      return toSubscription(
        foundRow(await firstRow<SubscriptionRow>(db, SET_LIVE, [since, id]), 'subscription', id),
      );
    },
    async setBreaking(id, lane) {
      const row = await firstRow<SubscriptionRow>(db, SET_BREAKING, [
        lane?.outlets ?? null,
        lane?.windowMs ?? null,
        id,
      ]);
      return toSubscription(foundRow(row, 'subscription', id));
    },
  };
}
