import type { Database } from 'better-sqlite3';
import { QUEUE_DEPTHS_SQL, type QueueDepthsRow } from '../stats-sql.js';
import type { StatsStore } from '../store.js';
import { returned } from '../missing-row.js';
import type { Sync } from './sync.js';

/** Health and queue depths of the SQLite store. */
export function createStatsStore(db: Database): Sync<StatsStore> {
  const ping = db.prepare('SELECT 1').pluck();
  const depths = db.prepare<[{ now: number }], QueueDepthsRow>(QUEUE_DEPTHS_SQL.replace(':now', '@now'));
  return {
    ping: () => {
      ping.get();
    },
    queueDepths: (now) => {
      const row = returned(depths.get({ now }), 'queue depths');
      return { outbox: Number(row.outbox), condense: Number(row.condense), feedsDue: Number(row.feeds_due) };
    },
  };
}
