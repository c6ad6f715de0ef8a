import type { Migration } from '../migration.js';
import { type Db, firstRow } from './db.js';
import {
  PG_SCHEMA_V1,
  PG_SCHEMA_V2,
  PG_SCHEMA_V3,
  PG_SCHEMA_V4,
  PG_SCHEMA_V5,
  PG_SCHEMA_V6,
  PG_SCHEMA_V7,
  PG_SCHEMA_V8,
} from './schema.js';
import { PG_SCHEMA_V9 } from './schema-v9.js';
import { PG_SCHEMA_V10 } from './schema-v10.js';
import { PG_SCHEMA_V11 } from './schema-v11.js';
import { PG_SCHEMA_V12 } from './schema-v12.js';
import { PG_SCHEMA_V13 } from './schema-v13.js';
import { PG_SCHEMA_V14 } from './schema-v14.js';
import { PG_SCHEMA_V15 } from './schema-v15.js';

/** Every migration of the PostgreSQL store, in version order. */
export const PG_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: PG_SCHEMA_V1 },
  { version: 2, name: 'main topics', sql: PG_SCHEMA_V2 },
  { version: 3, name: 'leases', sql: PG_SCHEMA_V3 },
  { version: 4, name: 'story engine', sql: PG_SCHEMA_V4 },
  { version: 5, name: 'feeds added by topic', sql: PG_SCHEMA_V5 },
  { version: 6, name: 'returned stories', sql: PG_SCHEMA_V6 },
  { version: 7, name: 'condense claims', sql: PG_SCHEMA_V7 },
  { version: 8, name: 'retention and scale', sql: PG_SCHEMA_V8 },
  { version: 9, name: 'feed settings and filters', sql: PG_SCHEMA_V9 },
  { version: 10, name: 'pictures and role pings', sql: PG_SCHEMA_V10 },
  { version: 11, name: 'live stories', sql: PG_SCHEMA_V11 },
  { version: 12, name: 'live subscriptions index', sql: PG_SCHEMA_V12 },
  { version: 13, name: 'prepared story features', sql: PG_SCHEMA_V13 },
  { version: 14, name: 'feed language', sql: PG_SCHEMA_V14 },
  { version: 15, name: 'item topic readings', sql: PG_SCHEMA_V15 },
];

/**
 * Brings the schema up to the newest migration in one transaction, recording each in
 * `schema_migrations`. Processes starting together queue on an advisory lock, so each version is
 * applied once; returns the versions this call applied.
 */
export async function applyPgMigrations(
  db: Db,
  schema: string | undefined,
  migrations: readonly Migration[] = PG_MIGRATIONS,
  now: () => number = Date.now,
): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('gazette migrations ' || $1))", [schema ?? '']);
    // The name is checked by openDb to be a plain identifier.
    if (schema !== undefined) await tx.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at BIGINT NOT NULL
    )`);
    const newest = await firstRow<{ version: number | null }>(
      tx,
      'SELECT MAX(version) AS version FROM schema_migrations',
      [],
    );
    const found = newest?.version ?? 0;
    const known = Math.max(0, ...migrations.map((m) => m.version));
    if (found > known) {
      // An older build must not write into a schema it does not understand.
      throw new Error(`database schema version ${found} is newer than this build supports (${known})`);
    }
    // Each version is looked up, not compared with the newest: a version merged later than a
    // higher one must still be applied.
    const done = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
        (r) => r.version,
      ),
    );
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      await tx.query(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        now(),
      ]);
      applied.push(migration.version);
    }
    return applied;
  });
}
