import type { Database } from 'better-sqlite3';
import type { PlatformName } from '../../core/types.js';
import {
  DUE_SUBSCRIPTIONS,
  LIVE_SUBSCRIPTIONS,
  NEXT_DIGEST_DUE,
  UNSCHEDULED_SUBSCRIPTIONS,
} from '../due-sql.js';
import { type SubscriptionRow, toSubscription } from '../rows.js';
import type { SubscriptionStore } from '../store.js';
import type { Sync } from './sync.js';

type DueQueries = Pick<Sync<SubscriptionStore>, 'due' | 'unscheduled' | 'nextDigestDue' | 'live'>;

/** What the scheduler asks the SQLite store about subscriptions: due ones, through an index. */
export function createDueSubscriptions(db: Database): DueQueries {
  const positional = (): string => '?';
  const due = db.prepare<[string, number, number, number, number], SubscriptionRow>(
    DUE_SUBSCRIPTIONS(positional),
  );
  const unscheduled = db.prepare<[string, number], SubscriptionRow>(UNSCHEDULED_SUBSCRIPTIONS(positional));
  const nextDue = db.prepare<[string], number | null>(NEXT_DIGEST_DUE(positional)).pluck();
  const live = db.prepare<[], SubscriptionRow>(LIVE_SUBSCRIPTIONS);
  return {
    due: (platform, now, limit, after) =>
      limit <= 0
        ? []
        : due
            .all(platform, now, after?.nextDigestAt ?? Number.MIN_SAFE_INTEGER, after?.id ?? 0, limit)
            .map(toSubscription),
    unscheduled: (platform, limit) =>
      limit <= 0 ? [] : unscheduled.all(platform, limit).map(toSubscription),
    nextDigestDue: (platforms: readonly PlatformName[]) => {
      const times = platforms.flatMap((platform) => nextDue.get(platform) ?? []);
      return times.length > 0 ? Math.min(...times) : null;
    },
    live: () => live.all().map(toSubscription),
  };
}
