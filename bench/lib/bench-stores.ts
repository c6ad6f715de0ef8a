/**
 * The stores a store benchmark compares: SQLite in a temporary file, and the machine's PostgreSQL
 * (`GAZETTE_BENCH_DATABASE_URL`, else 127.0.0.1:5432) in a schema of its own, dropped afterwards.
 * Each comes with a raw connection for bulk set-up that would take minutes through the store.
 */

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type Db, openDb } from '../../src/store/postgres/db.js';
import { createPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';

const URL = process.env.GAZETTE_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** One store under test, its raw connection, and how big it is on disk. */
export interface BenchStore {
  readonly name: 'SQLite' | 'PostgreSQL';
  readonly store: Store;
  /** The SQLite file; null for PostgreSQL. */
  readonly file: string | null;
  /** Runs set-up SQL; `$1`-style parameters on both. */
  exec(sql: string, values?: readonly unknown[]): Promise<void>;
  /**
   * Bytes the database takes: SQLite's pages as of its last commit (what the file holds once the
   * log is checkpointed), or the schema's relations.
   */
  size(): Promise<number>;
  /** Bytes of SQLite's write-ahead log; 0 for PostgreSQL. */
  logSize(): number;
  dispose(): Promise<void>;
}

/** A fresh SQLite store in a temporary directory. */
export function sqliteBench(): BenchStore {
  const dir = mkdtempSync(path.join(tmpdir(), 'gazette-bench-'));
  const file = path.join(dir, 'gazette.db');
  const store = createSqliteStore({ path: file });
  const raw = new Database(file, { timeout: 5_000 });
  const fileSize = (name: string): number => {
    try {
      return statSync(name).size;
    } catch {
      return 0;
    }
  };
  return {
    name: 'SQLite',
    store,
    file,
    exec: (sql, values = []) => {
      // Each `$n` becomes a `?` bound in order of appearance: the same statements serve both stores.
      const bound: unknown[] = [];
      const text = sql.replace(/\$(\d+)/g, (_whole, n: string) => {
        bound.push(values[Number(n) - 1]);
        return '?';
      });
      raw.prepare(text).run(...bound);
      return Promise.resolve();
    },
    size: () => {
      const pages = Number(raw.pragma('page_count', { simple: true }));
      return Promise.resolve(pages * Number(raw.pragma('page_size', { simple: true })));
    },
    logSize: () => fileSize(`${file}-wal`),
    async dispose() {
      raw.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh PostgreSQL store in a schema of its own; null (with a printed line) when no server answers. */
export async function postgresBench(): Promise<BenchStore | null> {
  const admin = openDb(URL);
  try {
    await admin.query('SELECT 1');
  } catch (error) {
    console.log(
      `PostgreSQL: not measured, no server at ${URL} (${error instanceof Error ? error.message : String(error)})`,
    );
    await admin.close();
    return null;
  }
  const schema = `gazette_bench_${randomBytes(6).toString('hex')}`;
  const store = createPostgresStore({ url: URL, schema });
  await store.stats.ping();
  const raw: Db = openDb(URL, { schema });
  return {
    name: 'PostgreSQL',
    store,
    file: null,
    exec: async (sql, values = []) => {
      await raw.query(sql, values);
    },
    size: async () => {
      const { rows } = await admin.query<{ bytes: string | number }>(
        `SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) AS bytes FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'm')`,
        [schema],
      );
      return Number(rows[0]?.bytes ?? 0);
    },
    logSize: () => 0,
    async dispose() {
      await raw.close();
      await store.close();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.close();
    },
  };
}
