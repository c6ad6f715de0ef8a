import type { Database } from 'better-sqlite3';
import type { BreakingLane, Story, Subscription } from '../../core/types.js';
import { storyIdsOf } from '../outbox-sql.js';
import { found } from '../missing-row.js';
import { type SubscriptionRow, toSubscription } from '../rows.js';
import {
  feedIdsOf,
  SET_BREAKING,
  SET_LIVE,
  SHOWN_STORIES,
  type ShownRow,
  sqliteParams,
} from '../shown-sql.js';
import type { ShownStory, StoryStore } from '../store.js';
import type { Sync } from './sync.js';

/** Stories shown to a chat, as the SQLite story store reads them. */
export function createShownStories(
  db: Database,
  getStory: (id: number) => Story | null,
): { shown(subscriptionId: number, notBefore: number): ShownStory[] } {
  const rows = db.prepare<[number, number], ShownRow>(sqliteParams(SHOWN_STORIES));
  const read = db.transaction((subscriptionId: number, notBefore: number): ShownStory[] =>
    rows.all(subscriptionId, notBefore).flatMap((row) => {
      const story = getStory(row.story_id);
      if (story === null) return [];
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
    }),
  );
  return { shown: (subscriptionId, notBefore) => read(subscriptionId, notBefore) };
}

/** Live mode and the breaking lane of SQLite subscriptions. */
export function createLaneSettings(db: Database): {
  setLive(id: number, since: number | null): Subscription;
  setBreaking(id: number, lane: BreakingLane | null): Subscription;
} {
  const live = db.prepare<[number | null, number], SubscriptionRow>(sqliteParams(SET_LIVE));
  const breaking = db.prepare<[number | null, number | null, number], SubscriptionRow>(
    sqliteParams(SET_BREAKING),
  );
  return {
    setLive: (id, since) => toSubscription(found(live.get(since, id), 'subscription', id)),
    setBreaking: (id, lane) =>
      toSubscription(
        found(breaking.get(lane?.outlets ?? null, lane?.windowMs ?? null, id), 'subscription', id),
      ),
  };
}

/** The story store with `shown` beside the methods it already has. */
export function withShown(db: Database, stories: Omit<Sync<StoryStore>, 'shown'>): Sync<StoryStore> {
  return { ...stories, ...createShownStories(db, stories.get) };
}
