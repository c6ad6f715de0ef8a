import type { PlatformName } from '../../core/types.js';
import {
  DUE_SUBSCRIPTIONS,
  LIVE_SUBSCRIPTIONS,
  NEXT_DIGEST_DUE,
  UNSCHEDULED_SUBSCRIPTIONS,
} from '../due-sql.js';
import { type SubscriptionRow, toSubscription } from '../rows.js';
import type { SubscriptionStore } from '../store.js';
import { type Db, firstRow } from './db.js';

type DueQueries = Pick<SubscriptionStore, 'due' | 'unscheduled' | 'nextDigestDue' | 'live'>;

const numbered = (n: number): string => `$${n}`;
const DUE = DUE_SUBSCRIPTIONS((n) => (n === 3 ? '$3::bigint' : n === 4 ? '$4::bigint' : numbered(n)));
const UNSCHEDULED = UNSCHEDULED_SUBSCRIPTIONS(numbered);
const NEXT_DUE = NEXT_DIGEST_DUE(numbered);

/** What the scheduler asks the PostgreSQL store about subscriptions: due ones, through an index. */
export function createPgDueSubscriptions(db: Db): DueQueries {
  return {
    due: async (platform, now, limit, after) => {
      if (limit <= 0) return [];
      const { rows } = await db.query<SubscriptionRow>(DUE, [
        platform,
        now,
        after?.nextDigestAt ?? Number.MIN_SAFE_INTEGER,
        after?.id ?? 0,
        limit,
      ]);
      return rows.map(toSubscription);
    },
    unscheduled: async (platform, limit) => {
      if (limit <= 0) return [];
      const { rows } = await db.query<SubscriptionRow>(UNSCHEDULED, [platform, limit]);
      return rows.map(toSubscription);
    },
    nextDigestDue: async (platforms: readonly PlatformName[]) => {
      const times: number[] = [];
      for (const platform of platforms) {
        const row = await firstRow<{ at: number | null }>(db, NEXT_DUE, [platform]);
        if (row?.at !== null && row?.at !== undefined) times.push(row.at);
      }
      return times.length > 0 ? Math.min(...times) : null;
    },
    live: async () => (await db.query<SubscriptionRow>(LIVE_SUBSCRIPTIONS)).rows.map(toSubscription),
  };
}
