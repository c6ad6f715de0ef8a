import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Store } from '../store.js';
import { type Checkpointer, FALLBACK_AUTOCHECKPOINT_PAGES, startCheckpointer } from './checkpointer.js';
import { createFeedStore } from './feeds.js';
import { createItemStore } from './items.js';
import { createLeaseStore } from './leases.js';
import { applyMigrations } from './migrations.js';
import { createOutboxStore } from './outbox.js';
import { createStatsStore } from './stats.js';
import { createStoryStore } from './stories.js';
import { createSubscriptionStore } from './subscriptions.js';
import { toAsync } from './sync.js';

/** How long a statement waits for another process's write lock before failing. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens the SQLite store at `path` (`:memory:` for a private in-memory one), creating the file
 * and its directory when missing and applying pending migrations.
 */
export function createSqliteStore(options: { readonly path: string }): Store {
  const { path } = options;
  const onDisk = path !== ':memory:' && path !== '';
  if (onDisk) mkdirSync(dirname(resolve(path)), { recursive: true });
  const db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  try {
    // WAL lets pollers read while the delivery loop writes; NORMAL is durable enough under WAL.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // A poll writes item text through several indexes: a 32 MiB page cache keeps those b-trees
    // in memory instead of re-reading them from disk on every feed's transaction.
    db.pragma('cache_size = -32768');
    db.pragma('temp_store = MEMORY');
    applyMigrations(db);
    const stores = {
      feeds: toAsync(createFeedStore(db)),
      items: toAsync(createItemStore(db)),
      stories: toAsync(createStoryStore(db)),
      subscriptions: toAsync(createSubscriptionStore(db)),
      outbox: toAsync(createOutboxStore(db)),
      leases: toAsync(createLeaseStore(db)),
      stats: toAsync(createStatsStore(db)),
    };
    // Checkpoints run on their own thread, started last so that nothing after it can fail; this
    // connection only steps in if that thread stops.
    if (onDisk) db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
    const checkpointer: Checkpointer | null = onDisk ? startCheckpointer(path) : null;
    return {
      ...stores,
      close: async () => {
        await checkpointer?.stop();
        // Last connection out: closing checkpoints the rest of the log and removes it.
        if (db.open) db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
