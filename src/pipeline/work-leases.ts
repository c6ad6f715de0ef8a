/**
 * Jobs that must not run twice at once when several Gazette processes share one database:
 * condensing (two would cluster the same items into duplicate stories) and delivering one
 * platform's digests (two would send the same part). Polling needs none: feeds are claimed one
 * by one. While a process runs, a heartbeat keeps its jobs however long a pass takes; a process
 * that restarts takes its own name back from the data directory and with it its jobs at once; one
 * that dies leaves them to others after at most one lease.
 */

import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { isStoreFault, type LeaseStore } from '../store/store.js';

/** How long a job stays with a process that stopped renewing it. */
export const WORK_LEASE_MS = 60_000;

/** This process's hold on shared jobs. */
export interface WorkLeases {
  /** True when this process holds (or has just taken or renewed) `job`. */
  hold(job: string): Promise<boolean>;
  /** Renews every held job every third of a lease until `releaseAll`. */
  startHeartbeat(log: Logger): void;
  /** Stops the heartbeat and gives every held job up, so another process takes over at once. */
  releaseAll(): Promise<void>;
}

/** Leases held under `holder` (see `leaseHolderId`), or a random name. */
export function createWorkLeases(
  leases: LeaseStore,
  now: () => number,
  ttlMs = WORK_LEASE_MS,
  holder: string = randomUUID(),
): WorkLeases {
  const held = new Set<string>();
  let heartbeat: NodeJS.Timeout | null = null;
  const hold = async (job: string): Promise<boolean> => {
    const granted = await leases.acquire(job, holder, now(), ttlMs);
    if (granted) held.add(job);
    else held.delete(job);
    return granted;
  };
  return {
    hold,
    startHeartbeat(log) {
      heartbeat ??= setInterval(() => {
        // A lost job drops out of `held`; the pass running it stops at its next batch.
        Promise.all([...held].map(hold)).catch((error: unknown) => {
          if (!isStoreFault(error)) log.warn({ err: error }, 'renewing work leases failed');
        });
      }, ttlMs / 3);
      // The heartbeat alone never keeps a finished process alive.
      heartbeat.unref();
    },
    async releaseAll() {
      if (heartbeat !== null) clearInterval(heartbeat);
      heartbeat = null;
      for (const job of held) await leases.release(job, holder);
      held.clear();
    },
  };
}
