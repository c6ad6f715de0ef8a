import type { LeaseStore } from '../store.js';
import type { Db } from './db.js';

/** The lease half of the PostgreSQL store; the upsert's row lock makes each acquire atomic. */
export function createPgLeaseStore(db: Db): LeaseStore {
  return {
    async acquire(name, holder, now, ttlMs) {
      // Overwrites only a lease that ran out or that its holder renews; a row comes back only then.
      const { rowCount } = await db.query(
        `INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
           WHERE leases.holder = excluded.holder OR leases.expires_at <= $4
         RETURNING holder`,
        [name, holder, now + ttlMs, now],
      );
      return rowCount === 1;
    },
    async release(name, holder) {
      await db.query('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]);
    },
  };
}
