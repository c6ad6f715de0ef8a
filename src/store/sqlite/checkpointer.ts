import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the background connection folds the write-ahead log back into the database. */
const CHECKPOINT_INTERVAL_MS = 250;

/**
 * Pages the writing connection lets the log grow to before it checkpoints itself: only reached
 * when the background thread falls behind or died, so the log can never grow without bound.
 */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 16_384;

// Plain JavaScript run with `eval`: a worker cannot load the TypeScript sources tests run from,
// and this is all the thread does. PASSIVE never waits for or blocks the writer; a busy database
// is simply tried again on the next tick.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { existsSync } = require('node:fs');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { timeout: 0, fileMustExist: true });
const checkpoint = () => {
  // A database deleted under Gazette must not be brought back as an empty file at its path.
  if (!existsSync(workerData.path)) return;
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {}
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

/** A thread with its own connection that checkpoints the log while the main thread writes. */
export interface Checkpointer {
  /** Runs a last checkpoint, closes the thread's connection and waits for the thread to end. */
  stop: () => Promise<void>;
}

/**
 * Starts the background checkpointer for the database file at `path`. A checkpoint copies the
 * log into the database and syncs the file to disk; done by the writing connection, that sync
 * stalled whichever poll happened to commit the page that crossed the threshold.
 */
export function startCheckpointer(path: string): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver, path, intervalMs: CHECKPOINT_INTERVAL_MS },
  });
  // The thread must never keep a finished process alive, nor crash it: a failed checkpointer
  // leaves the fallback autocheckpoint on the writing connection.
  worker.unref();
  const ended = new Promise<void>((done) => {
    worker.once('exit', () => {
      done();
    });
    worker.once('error', () => {
      done();
    });
  });
  let stopping: Promise<void> | null = null;
  return {
    stop: () => {
      stopping ??= (async () => {
        // Held by the thread while it finishes, or nothing would keep the process alive to wait.
        worker.ref();
        worker.postMessage('stop');
        await ended;
      })();
      return stopping;
    },
  };
}
