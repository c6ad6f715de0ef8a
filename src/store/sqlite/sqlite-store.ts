import { createPreferenceStore } from './preferences.js';
import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { StoreUnavailableError, type Store, type SubscriptionStore } from '../store.js';
import { type Checkpointer, FALLBACK_AUTOCHECKPOINT_PAGES, startCheckpointer } from './checkpointer.js';
import { createFeedStore } from './feeds.js';
import { createItemStore } from './items.js';
import { createLeaseStore } from './leases.js';
import { applyMigrations } from './migrations.js';
import { createOutboxStore } from './outbox.js';
import { createRetentionStore } from './retention.js';
import { createStatsStore } from './stats.js';
import { createStoryStore } from './stories.js';
import { createSubscriptionStore } from './subscriptions.js';
import { createLaneSettings, withShown } from './shown.js';
import { createFileGuard, type FileGuard } from './guard.js';
import { type CallGuard, toAsync } from './sync.js';

/** How long a statement waits for another process's write lock before failing. */
/** Size the write-ahead log is cut back to after a checkpoint. */
const WAL_SIZE_LIMIT_BYTES = 16 * 1024 * 1024;
const BUSY_TIMEOUT_MS = 5_000;

/** How the SQLite store is opened. */
export interface SqliteStoreOptions {
  /** The database file; `:memory:` for a private in-memory one. */
  readonly path: string;
  /** Largest the database may grow, in pages: a full disk in miniature (tests) or a hard cap. */
  readonly maxPages?: number;
}

/** The data directory and the files in it are the owner's alone: digests, chats and tokens' traces. */
const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

/** Creates the directory and the database file private, and makes existing ones private. */
function preparePrivateFile(path: string): void {
  const dir = dirname(resolve(path));
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  chmodSync(dir, PRIVATE_DIR);
  // SQLite gives the -wal and -shm files the database file's mode, so that one is made first.
  closeSync(openSync(path, 'a', PRIVATE_FILE));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(file)) chmodSync(file, PRIVATE_FILE);
  }
}

/** SQLite's own check of the file's pages and indexes; stops start-up on a damaged database. */
function checkIntegrity(db: Database.Database, path: string): void {
  const result: unknown = db.pragma('quick_check', { simple: true });
  if (result !== 'ok') {
    const found = String(result).replace(/\s+/g, ' ').slice(0, 200);
    throw new StoreUnavailableError(
      `the SQLite database ${path} is damaged (quick_check: ${found}); restore it from a backup, or move it aside to start afresh`,
    );
  }
}

/**
 * Pages freed by the daily prune go back to the file system only under incremental auto-vacuum.
 * A new file takes the mode before its first table; a file made before needs one full VACUUM to
 * switch (about a second per 100 MB, once). A VACUUM that cannot run now (another process has the
 * file open) is left for the next start: the prune works all the same, only the file keeps its size.
 */
function useIncrementalVacuum(db: Database.Database): void {
  const INCREMENTAL = 2;
  if (db.pragma('auto_vacuum', { simple: true }) === INCREMENTAL) return;
  db.pragma('auto_vacuum = INCREMENTAL');
  const tables = db.prepare("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table'").pluck().get();
  if (tables === 0) return;
  try {
    db.exec('VACUUM');
  } catch {
    // Busy or short of room for the copy: the mode switches at a later start.
  }
}

/**
 * Opens the SQLite store at `path` (`:memory:` for a private in-memory one), creating the file
 * and its directory when missing (0600 in 0700), checking its integrity and applying pending
 * migrations. The file is watched while open: deleted, replaced or damaged, it is reported once
 * as an unusable fault; a full disk is reported as a `full` fault.
 */
export function createSqliteStore(options: SqliteStoreOptions): Store {
  const { path } = options;
  const onDisk = path !== ':memory:' && path !== '';
  if (onDisk) preparePrivateFile(path);
  const db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  let guard: FileGuard | null = null;
  try {
    if (onDisk) checkIntegrity(db, path);
    // Before WAL: a new file takes the vacuum mode only while nothing has been written to it.
    useIncrementalVacuum(db);
    // WAL lets pollers read while the delivery loop writes; NORMAL is durable enough under WAL.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // A log is kept at its largest size once checkpointed; a burst of writes would otherwise
    // leave a file larger than the database on disk for good.
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // A poll writes item text through several indexes: a 32 MiB page cache keeps those b-trees
    // in memory instead of re-reading them from disk on every feed's transaction.
    db.pragma('cache_size = -32768');
    db.pragma('temp_store = MEMORY');
    applyMigrations(db);
    if (options.maxPages !== undefined) db.pragma(`max_page_count = ${Math.floor(options.maxPages)}`);
    const fileGuard = createFileGuard(onDisk ? path : null);
    guard = fileGuard;
    const run: CallGuard = (call) => fileGuard.run(call);
    const stores = {
      feeds: toAsync(createFeedStore(db), run),
      items: toAsync(createItemStore(db), run),
      stories: toAsync(withShown(db, createStoryStore(db)), run),
      subscriptions: toAsync<SubscriptionStore>(
        { ...createSubscriptionStore(db), ...createLaneSettings(db) },
        run,
      ),
      outbox: toAsync(createOutboxStore(db), run),
      leases: toAsync(createLeaseStore(db), run),
      stats: toAsync(createStatsStore(db), run),
      preferences: toAsync(createPreferenceStore(db), run),
      retention: createRetentionStore(db, run),
    };
    // Checkpoints run on their own thread, started last so that nothing after it can fail; this
    // connection only steps in if that thread stops.
    if (onDisk) db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
    const checkpointer: Checkpointer | null = onDisk ? startCheckpointer(path) : null;
    return {
      ...stores,
      onFault: (listener) => {
        fileGuard.onFault(listener);
      },
      close: async () => {
        fileGuard.stop();
        await checkpointer?.stop();
        // Last connection out: closing checkpoints the rest of the log and removes it.
        if (db.open) db.close();
      },
    };
  } catch (error) {
    guard?.stop();
    db.close();
    throw error;
  }
}
