import type { Database } from 'better-sqlite3';
import type { Migration } from '../migration.js';
import { SCHEMA_V1 } from './schema-v1.js';
import { SCHEMA_V2 } from './schema-v2.js';
import { SCHEMA_V3 } from './schema-v3.js';
import { SCHEMA_V4 } from './schema-v4.js';
import { SCHEMA_V5 } from './schema-v5.js';
import { SCHEMA_V6 } from './schema-v6.js';
import { SCHEMA_V7 } from './schema-v7.js';
import { SCHEMA_V8 } from './schema-v8.js';
import { SCHEMA_V9 } from './schema-v9.js';
import { SCHEMA_V10 } from './schema-v10.js';
import { SCHEMA_V11 } from './schema-v11.js';
import { SCHEMA_V12 } from './schema-v12.js';
import { SCHEMA_V13 } from './schema-v13.js';
import { SCHEMA_V14 } from './schema-v14.js';
import { SCHEMA_V15 } from './schema-v15.js';

/** Every migration of the SQLite store, in version order. */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: SCHEMA_V1 },
  { version: 2, name: 'main topics', sql: SCHEMA_V2 },
  { version: 3, name: 'leases', sql: SCHEMA_V3 },
  { version: 4, name: 'story engine', sql: SCHEMA_V4 },
  { version: 5, name: 'feeds added by topic', sql: SCHEMA_V5 },
  { version: 6, name: 'returned stories', sql: SCHEMA_V6 },
  { version: 7, name: 'condense claims', sql: SCHEMA_V7 },
  { version: 8, name: 'retention and scale', sql: SCHEMA_V8 },
  { version: 9, name: 'feed settings and filters', sql: SCHEMA_V9 },
  { version: 10, name: 'pictures and role pings', sql: SCHEMA_V10 },
  { version: 11, name: 'live stories', sql: SCHEMA_V11 },
  { version: 12, name: 'live subscriptions index', sql: SCHEMA_V12 },
  { version: 13, name: 'prepared story features', sql: SCHEMA_V13 },
  { version: 14, name: 'feed language', sql: SCHEMA_V14 },
  { version: 15, name: 'item topic readings', sql: SCHEMA_V15 },
];

/**
 * Brings the database up to the newest migration, recording each in `schema_migrations`.
 * Safe to run on every open and from several processes at once; returns the versions it applied.
 */
export function applyMigrations(
  db: Database,
  migrations: readonly Migration[] = SQLITE_MIGRATIONS,
  now: () => number = Date.now,
): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const isApplied = db.prepare<[number], number>('SELECT 1 FROM schema_migrations WHERE version = ?').pluck();
  const newest = db.prepare<[], number | null>('SELECT MAX(version) FROM schema_migrations').pluck();
  const record = db.prepare<[number, string, number]>(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );

  const known = Math.max(0, ...migrations.map((m) => m.version));
  const found = newest.get() ?? 0;
  if (found > known) {
    // An older build must not write into a schema it does not understand.
    throw new Error(`database schema version ${found} is newer than this build supports (${known})`);
  }

  const applied: number[] = [];
  const applyOne = db.transaction((migration: Migration) => {
    // Re-checked inside the write lock: another process may have just applied it.
    if (isApplied.get(migration.version) !== undefined) return;
    db.exec(migration.sql);
    record.run(migration.version, migration.name, now());
    applied.push(migration.version);
  });
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (isApplied.get(migration.version) === undefined) applyOne.immediate(migration);
  }
  return applied;
}
