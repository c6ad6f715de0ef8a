import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPostgresStore } from '../../src/store/postgres/postgres-store.js';
import type { Store } from '../../src/store/store.js';

/** The test server: the machine's PostgreSQL unless `GAZETTE_TEST_DATABASE_URL` names another. */
export const TEST_DATABASE_URL =
  process.env.GAZETTE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Whether the test server answers. A fresh clone may have none and skips these tests with a
 * message; in CI a missing server is an error, so the PostgreSQL store is never silently untested.
 */
export async function postgresAvailable(suite: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (process.env.CI)
      throw new Error(`${suite}: no PostgreSQL at ${TEST_DATABASE_URL} (required in CI): ${reason}`, {
        cause: error,
      });
    console.log(`${suite}: skipped, no PostgreSQL at ${TEST_DATABASE_URL} (${reason})`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A schema name no other test uses. */
export function freshSchema(): string {
  return `gazette_test_${randomBytes(6).toString('hex')}`;
}

/** A store in a schema of its own; `dropSchema` removes it after the store is closed. */
export function openTestStore(schema = freshSchema()): { store: Store; schema: string } {
  return { store: createPostgresStore({ url: TEST_DATABASE_URL, schema }), schema };
}

/** Drops a test schema and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
