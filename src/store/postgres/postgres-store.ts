import { createPgPreferenceStore } from './preferences.js';
import { createPgRetentionStore } from './retention.js';
import { type Store, type StoreFault, StoreFullError, StoreUnavailableError } from '../store.js';
import { openDb, type Db } from './db.js';
import { createPgFeedStore } from './feeds.js';
import { createPgItemStore } from './items.js';
import { createPgLeaseStore } from './leases.js';
import { applyPgMigrations } from './migrations.js';
import { createPgOutboxStore } from './outbox.js';
import { createPgStatsStore } from './stats.js';
import { createPgLaneSettings, withPgShown } from './shown.js';
import { createPgStoryStore } from './stories.js';
import { createPgSubscriptionStore } from './subscriptions.js';

/** Where the PostgreSQL store lives: a `postgres://` URL and, optionally, a schema of its own. */
export interface PostgresStoreOptions {
  readonly url: string;
  /** A plain lower-case schema name; created when missing. The server's search path otherwise. */
  readonly schema?: string;
  /** Connections kept open (default 10). */
  readonly poolSize?: number;
}

/**
 * Opens the PostgreSQL store. It is usable at once: migrations run in the background and every
 * statement waits for them, so a failed migration rejects every call with its error.
 */
export function createPostgresStore(options: PostgresStoreOptions): Store {
  const pool = openDb(options.url, {
    ...(options.schema === undefined ? {} : { schema: options.schema }),
    ...(options.poolSize === undefined ? {} : { poolSize: options.poolSize }),
  });
  const ready = applyPgMigrations(pool, options.schema).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StoreUnavailableError(`PostgreSQL at ${describeUrl(options.url)} is not usable: ${reason}`, {
      cause: error,
    });
  });
  // Callers see the failure through their own statements; this only keeps it from going unhandled.
  ready.catch(() => undefined);
  let closing: Promise<void> | null = null;
  const listeners: ((fault: StoreFault) => void)[] = [];
  const where = `PostgreSQL at ${describeUrl(options.url)}`;
  // The server's own faults: a full disk (53100) fails writes until there is room; data corruption
  // (XX001, XX002) is for an operator to repair.
  const translate = (error: unknown): unknown => {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    if (code !== '53100' && code !== 'XX001' && code !== 'XX002') return error;
    const full = code === '53100';
    const message = full ? `the disk of ${where} is full` : `${where} reports damaged data (${code})`;
    for (const listener of listeners) listener({ kind: full ? 'full' : 'unusable', message });
    return full
      ? new StoreFullError(message, { cause: error })
      : new StoreUnavailableError(message, { cause: error });
  };
  const guarded = async <T>(call: () => Promise<T>): Promise<T> => {
    await ready;
    try {
      return await call();
    } catch (error) {
      throw translate(error);
    }
  };
  const db: Db = {
    query: (text, values) => guarded(() => pool.query(text, values)),
    transaction: (work) => guarded(() => pool.transaction(work)),
    close: () => {
      // Closing twice is harmless, as for the SQLite store.
      closing ??= ready.catch(() => undefined).then(() => pool.close());
      return closing;
    },
  };
  return {
    feeds: createPgFeedStore(db),
    items: createPgItemStore(db),
    stories: withPgShown(db, createPgStoryStore(db)),
    subscriptions: { ...createPgSubscriptionStore(db), ...createPgLaneSettings(db) },
    outbox: createPgOutboxStore(db),
    leases: createPgLeaseStore(db),
    stats: createPgStatsStore(db),
    preferences: createPgPreferenceStore(db),
    retention: createPgRetentionStore(db),
    onFault: (listener) => {
      listeners.push(listener);
    },
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
