import { type Store, StoreUnavailableError } from '../store.js';
import { openDb, type Db } from './db.js';
import { createPgFeedStore } from './feeds.js';
import { createPgItemStore } from './items.js';
import { createPgLeaseStore } from './leases.js';
import { applyPgMigrations } from './migrations.js';
import { createPgOutboxStore } from './outbox.js';
import { createPgStatsStore } from './stats.js';
import { createPgStoryStore } from './stories.js';
import { createPgSubscriptionStore } from './subscriptions.js';

/** Where the PostgreSQL store lives: a `postgres://` URL and, optionally, a schema of its own. */
export interface PostgresStoreOptions {
  readonly url: string;
  /** A plain lower-case schema name; created when missing. The server's search path otherwise. */
  readonly schema?: string;
}

/**
 * Opens the PostgreSQL store. It is usable at once: migrations run in the background and every
 * statement waits for them, so a failed migration rejects every call with its error.
 */
export function createPostgresStore(options: PostgresStoreOptions): Store {
  const pool = openDb(options.url, options.schema === undefined ? {} : { schema: options.schema });
  const ready = applyPgMigrations(pool, options.schema).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StoreUnavailableError(`PostgreSQL at ${describeUrl(options.url)} is not usable: ${reason}`, {
      cause: error,
    });
  });
  // Callers see the failure through their own statements; this only keeps it from going unhandled.
  ready.catch(() => undefined);
  let closing: Promise<void> | null = null;
  const db: Db = {
    query: async (text, values) => {
      await ready;
      return pool.query(text, values);
    },
    transaction: async (work) => {
      await ready;
      return pool.transaction(work);
    },
    close: () => {
      // Closing twice is harmless, as for the SQLite store.
      closing ??= ready.catch(() => undefined).then(() => pool.close());
      return closing;
    },
  };
  return {
    feeds: createPgFeedStore(db),
    items: createPgItemStore(db),
    stories: createPgStoryStore(db),
    subscriptions: createPgSubscriptionStore(db),
    outbox: createPgOutboxStore(db),
    leases: createPgLeaseStore(db),
    stats: createPgStatsStore(db),
    close: () => db.close(),
  };
}

/** Host, port and database of a connection URL, without user or password. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}
