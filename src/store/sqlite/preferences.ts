import type { Database } from 'better-sqlite3';
import type { NewFilter, PreferenceStore } from '../store.js';
import { type FilterRow, toFilter } from '../rows.js';
import { found } from '../missing-row.js';
import { bit, type Sync } from './sync.js';

/** Per-feed names and pauses and include filters in the SQLite store. */
export function createPreferenceStore(db: Database): Sync<PreferenceStore> {
  const subscriptionExists = db.prepare<[number], number>('SELECT 1 FROM subscriptions WHERE id = ?').pluck();
  const rename = db.prepare<[string | null, number, number]>(
    'UPDATE subscription_feeds SET name = ? WHERE subscription_id = ? AND feed_id = ?',
  );
  const pause = db.prepare<[number, number, number]>(
    'UPDATE subscription_feeds SET paused_at = ? WHERE subscription_id = ? AND feed_id = ? AND paused_at IS NULL',
  );
  const resume = db.prepare<[number, number, number]>(
    `UPDATE subscription_feeds SET paused_at = NULL, since = MAX(since, ?)
     WHERE subscription_id = ? AND feed_id = ? AND paused_at IS NOT NULL`,
  );
  const insert = db.prepare<[number, number | null, number, string, number, number]>(
    `INSERT INTO filters (subscription_id, feed_id, scope, pattern, regex, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (subscription_id, scope, regex, pattern) DO NOTHING`,
  );
  const remove = db.prepare<[number, number, number, string]>(
    'DELETE FROM filters WHERE subscription_id = ? AND scope = ? AND regex = ? AND pattern = ?',
  );
  const list = db.prepare<[number], FilterRow>('SELECT * FROM filters WHERE subscription_id = ? ORDER BY id');

  const mustExist = (id: number): void => {
    found(subscriptionExists.get(id), 'subscription', id);
  };
  const listOf = db.transaction((subscriptionId: number) => {
    mustExist(subscriptionId);
    return list.all(subscriptionId).map(toFilter);
  });
  const scope = (filter: NewFilter): number => filter.feedId ?? 0;

  return {
    renameFeed: (subscriptionId, feedId, name) => rename.run(name, subscriptionId, feedId).changes > 0,
    pauseFeed: (subscriptionId, feedId, now) => pause.run(now, subscriptionId, feedId).changes > 0,
    resumeFeed: (subscriptionId, feedId, now) => resume.run(now, subscriptionId, feedId).changes > 0,
    addFilter: (subscriptionId, filter, now) =>
      insert.run(subscriptionId, filter.feedId, scope(filter), filter.pattern, bit(filter.regex), now)
        .changes > 0,
    removeFilter: (subscriptionId, filter) => {
      mustExist(subscriptionId);
      return remove.run(subscriptionId, scope(filter), bit(filter.regex), filter.pattern).changes > 0;
    },
    filters: (subscriptionId) => listOf(subscriptionId),
  };
}
