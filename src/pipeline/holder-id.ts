import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

/** Where a process keeps the name it holds work leases under, inside the data directory. */
export const HOLDER_FILE = 'lease-holder.json';

interface SavedHolder {
  readonly holder: string;
  readonly pid: number;
  readonly host: string;
}

/** Whether a process with this id is running: signal 0 tests without signalling. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

function readSaved(file: string): SavedHolder | null {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof value !== 'object' || value === null) return null;
    const { holder, pid, host } = value as Record<string, unknown>;
    if (typeof holder !== 'string' || typeof pid !== 'number' || typeof host !== 'string') return null;
    return /^[\w-]{8,64}$/.test(holder) ? { holder, pid, host } : null;
  } catch {
    return null;
  }
}

/** Who is asking: this process, by default. */
export interface HolderProcess {
  readonly pid: number;
  readonly host: string;
  readonly isRunning: (pid: number) => boolean;
}

const thisProcess: HolderProcess = { pid: process.pid, host: hostname(), isRunning };

/**
 * The name this process holds work leases under. A restart on the same host takes over the name
 * its dead predecessor left in `dataDir`, and with it that one's leases at once instead of after
 * they run out. While another live process on this host holds the saved name (two processes on one
 * data directory), this one gets a fresh name of its own and leaves the file alone.
 */
export function leaseHolderId(dataDir: string, me: HolderProcess = thisProcess): string {
  const file = path.join(dataDir, HOLDER_FILE);
  const saved = readSaved(file);
  const mine = saved !== null && saved.host === me.host;
  if (mine && saved.pid !== me.pid && me.isRunning(saved.pid)) return randomUUID();
  const holder = mine ? saved.holder : randomUUID();
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(file, `${JSON.stringify({ holder, pid: me.pid, host: me.host })}\n`, { mode: 0o600 });
  } catch {
    // A read-only data directory still works: this run's leases just cannot be found again.
  }
  return holder;
}
