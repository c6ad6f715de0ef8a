import type { Database } from 'better-sqlite3';
import type { LeaseStore } from '../store.js';
import type { Sync } from './sync.js';

/** The lease half of the SQLite store; the write lock makes each acquire atomic across processes. */
export function createLeaseStore(db: Database): Sync<LeaseStore> {
  // Overwrites only a lease that ran out or that its holder renews; a row comes back only then.
  const acquire = db.prepare<[string, string, number, number], { holder: string }>(
    `INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE leases.holder = excluded.holder OR leases.expires_at <= ?
     RETURNING holder`,
  );
  const release = db.prepare<[string, string]>('DELETE FROM leases WHERE name = ? AND holder = ?');
  return {
    acquire: (name, holder, now, ttlMs) => acquire.get(name, holder, now + ttlMs, now) !== undefined,
    release: (name, holder) => {
      release.run(name, holder);
    },
  };
}
