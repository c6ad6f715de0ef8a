import type { NewFilter, PreferenceStore } from '../store.js';
import { type FilterRow, toFilter } from '../rows.js';
import { found } from '../missing-row.js';
import { type Db, firstRow, pgText } from './db.js';

const changed = (result: { readonly rowCount: number | null }): boolean => (result.rowCount ?? 0) > 0;
const scope = (filter: NewFilter): number => filter.feedId ?? 0;

/** Per-feed names and pauses and include filters in the PostgreSQL store. */
export function createPgPreferenceStore(db: Db): PreferenceStore {
  const mustExist = async (id: number): Promise<void> => {
    found(await firstRow(db, 'SELECT 1 FROM subscriptions WHERE id = $1', [id]), 'subscription', id);
  };
  return {
    renameFeed: async (subscriptionId, feedId, name) =>
      changed(
        await db.query(
          'UPDATE subscription_feeds SET name = $1 WHERE subscription_id = $2 AND feed_id = $3',
          [name === null ? null : pgText(name), subscriptionId, feedId],
        ),
      ),
    pauseFeed: async (subscriptionId, feedId, now) =>
      changed(
        await db.query(
          `UPDATE subscription_feeds SET paused_at = $1
           WHERE subscription_id = $2 AND feed_id = $3 AND paused_at IS NULL`,
          [now, subscriptionId, feedId],
        ),
      ),
    resumeFeed: async (subscriptionId, feedId, now) =>
      changed(
        await db.query(
          `UPDATE subscription_feeds SET paused_at = NULL, since = GREATEST(since, $1)
           WHERE subscription_id = $2 AND feed_id = $3 AND paused_at IS NOT NULL`,
          [now, subscriptionId, feedId],
        ),
      ),
    addFilter: async (subscriptionId, filter, now) =>
      changed(
        await db.query(
          `INSERT INTO filters (subscription_id, feed_id, scope, pattern, regex, created_at)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (subscription_id, scope, regex, pattern) DO NOTHING`,
          [subscriptionId, filter.feedId, scope(filter), pgText(filter.pattern), filter.regex, now],
        ),
      ),
    removeFilter: async (subscriptionId, filter) => {
      await mustExist(subscriptionId);
      return changed(
        await db.query(
          'DELETE FROM filters WHERE subscription_id = $1 AND scope = $2 AND regex = $3 AND pattern = $4',
          [subscriptionId, scope(filter), filter.regex, pgText(filter.pattern)],
        ),
      );
    },
    filters: async (subscriptionId) => {
      await mustExist(subscriptionId);
      const result = await db.query<FilterRow>(
        'SELECT * FROM filters WHERE subscription_id = $1 ORDER BY id',
        [subscriptionId],
      );
      return result.rows.map(toFilter);
    },
  };
}
