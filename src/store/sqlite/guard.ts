import { closeSync, fstatSync, openSync, statSync } from 'node:fs';
import { StoreFullError, StoreUnavailableError, type StoreFault } from '../store.js';

/** Watches the database file and turns SQLite's disk errors into faults and typed errors. */
export interface FileGuard {
  /** Runs one store call: refused once the file is gone, its disk errors reported and translated. */
  run<R>(call: () => R): R;
  onFault(listener: (fault: StoreFault) => void): void;
  stop(): void;
}

/** Checks made by store calls this close together are answered by the last one. */
const CHECK_EVERY_MS = 100;
/** A file deleted while Gazette is idle is noticed within this. */
const IDLE_CHECK_MS = 1_000;

const sqliteCode = (error: unknown): string =>
  error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '';

/**
 * Guards the database at `path` (null for an in-memory one). A file deleted (no link left) or
 * replaced (another inode at the path) makes every later call fail with one `unusable` fault, so
 * nothing is written to a file nobody will read again; a damaged page does the same; a full disk
 * is a `full` fault and a {@link StoreFullError} each time, with the rest of the store untouched.
 */
export function createFileGuard(path: string | null): FileGuard {
  const listeners: ((fault: StoreFault) => void)[] = [];
  let broken: StoreUnavailableError | null = null;
  let checkedAt = 0;
  let fd = path === null ? null : openSync(path, 'r');
  const identity = fd === null ? null : fstatSync(fd);

  const report = (fault: StoreFault): void => {
    for (const listener of listeners) listener(fault);
  };
  const breakWith = (message: string, cause?: unknown): StoreUnavailableError => {
    if (broken === null) {
      broken = new StoreUnavailableError(message, { cause });
      report({ kind: 'unusable', message });
    }
    return broken;
  };
  const moved = (): string | null => {
    if (fd === null || identity === null || path === null) return null;
    const open = fd;
    let atPath;
    try {
      atPath = statSync(path);
    } catch {
      return fstatSync(open).nlink === 0 ? 'was deleted' : 'was moved away';
    }
    if (atPath.ino !== identity.ino || atPath.dev !== identity.dev) return 'was replaced by another file';
    return fstatSync(open).nlink === 0 ? 'was deleted' : null;
  };
  const check = (): void => {
    if (broken !== null) throw broken;
    const at = performance.now();
    if (at - checkedAt < CHECK_EVERY_MS) return;
    checkedAt = at;
    const what = moved();
    if (what !== null) {
      throw breakWith(
        `the SQLite database ${path ?? ''} ${what} while Gazette was running; stopping so that nothing more is written where it would be lost`,
      );
    }
  };
  const idle =
    fd === null
      ? null
      : setInterval(() => {
          try {
            check();
          } catch {
            // Reported through the listeners; the interval's only job is to notice.
          }
        }, IDLE_CHECK_MS);
  idle?.unref();

  return {
    run(call) {
      check();
      try {
        return call();
      } catch (error) {
        const code = sqliteCode(error);
        if (code === 'SQLITE_FULL') {
          const message = `the disk holding the SQLite database ${path ?? '(memory)'} is full`;
          report({ kind: 'full', message });
          throw new StoreFullError(message, { cause: error });
        }
        if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
          const reason = error instanceof Error ? error.message : code;
          throw breakWith(
            `the SQLite database ${path ?? ''} is damaged (${reason}); restore it from a backup, or move it aside to start afresh`,
            error,
          );
        }
        throw error;
      }
    },
    onFault(listener) {
      listeners.push(listener);
    },
    stop() {
      if (idle !== null) clearInterval(idle);
      // Closing twice is harmless, as for the store.
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}
