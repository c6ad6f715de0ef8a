/**
 * The PostgreSQL connection layer: a pool whose BIGINT columns read as numbers (every time is
 * epoch milliseconds, far inside the safe-integer range), and a helper that runs work in one
 * transaction on one connection.
 */

import pg from 'pg';
import { toWellFormed } from '../well-formed.js';

/** Anything that runs a parameterised statement: the pool, or one transaction's client. */
export interface Queryable {
  query<R extends pg.QueryResultRow>(text: string, values?: readonly unknown[]): Promise<pg.QueryResult<R>>;
}

/** The first row a statement returns, or undefined; `on` is the pool or a transaction. */
export async function firstRow<R extends pg.QueryResultRow>(
  on: Queryable,
  text: string,
  values?: readonly unknown[],
): Promise<R | undefined> {
  const result = await on.query<R>(text, values);
  return result.rows[0];
}

/** What a store half needs: the pool for single statements and transactions on demand. */
export interface Db extends Queryable {
  /** Runs `work` in a transaction, committing when it resolves and rolling back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const DEFAULT_POOL_SIZE = 10;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens a pool on `url`; with `schema` (a plain lower-case name), every connection works in it. */
export function openDb(
  url: string,
  options: { readonly schema?: string; readonly poolSize?: number } = {},
): Db {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
    throw new Error(`not a plain schema name: ${options.schema}`);
  }
  // Set on pg's shared parser table (a per-pool table cannot be typed without `any`); Gazette is
  // the only user of pg in its process, and the setting is the same on every call.
  pg.types.setTypeParser(pg.types.builtins.INT8, Number);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? DEFAULT_POOL_SIZE,
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
  });
  // An idle connection that the server drops must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  // JIT compiling pays for itself only on long analytic queries; on the outbox's queue walk, whose
  // estimate its per-part checks inflate, it spent 30-60 ms compiling a 1 ms query. Set per session,
  // not as a startup option, which a connection pooler (PgBouncer) may refuse; a server without
  // JIT (before 11) refuses the setting, and that changes nothing.
  pool.on('connect', (client) => {
    client.query('SET jit = off').catch(() => undefined);
  });
  const run =
    (target: pg.Pool | pg.PoolClient) =>
    <R extends pg.QueryResultRow>(text: string, values?: readonly unknown[]): Promise<pg.QueryResult<R>> =>
      target.query<R>(text, values === undefined ? undefined : [...values]);
  const db: Db = {
    query: run(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({ query: run(client) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
  return db;
}

/**
 * Text as PostgreSQL stores and returns it. UTF-8 has no lone surrogate, so node-postgres (like
 * better-sqlite3) sends U+FFFD in its place; TEXT refuses NUL outright, which would make every
 * save of a feed carrying one fail, so it becomes U+FFFD too. Applied before binding, so the
 * values handed back equal what a later read gives, and keys dedupe as stored.
 */
export function pgText(text: string): string {
  const whole = toWellFormed(text);
  return whole.includes('\u0000') ? whole.replaceAll('\u0000', '\ufffd') : whole;
}

/** {@link pgText} of a nullable column. */
export const pgTextOrNull = (text: string | null): string | null => (text === null ? null : pgText(text));
