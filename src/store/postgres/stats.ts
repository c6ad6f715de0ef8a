import { QUEUE_DEPTHS_SQL, type QueueDepthsRow } from '../stats-sql.js';
import type { StatsStore } from '../store.js';
import { returned } from '../missing-row.js';
import { type Db, firstRow } from './db.js';

/** Health and queue depths of the PostgreSQL store. */
export function createPgStatsStore(db: Db): StatsStore {
  return {
    async ping() {
      await db.query('SELECT 1', []);
    },
    async queueDepths(now) {
      const row = returned(
        await firstRow<QueueDepthsRow>(db, QUEUE_DEPTHS_SQL.replace(':now', '$1'), [now]),
        'queue depths',
      );
      return { outbox: Number(row.outbox), condense: Number(row.condense), feedsDue: Number(row.feeds_due) };
    },
  };
}
