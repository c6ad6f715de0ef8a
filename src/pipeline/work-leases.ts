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
  /** How many times this process has taken `job` after not holding it: a change says it was lost meanwhile. */
  tenure(job: string): number;
  /**
   * A check, asked without the store before each irrevocable step, that `job` is still held as it
   * is now: granted less than half a lease ago (as the heartbeat keeps it) and not lost since. A
   * process frozen past its lease (a stopped VM, swapping) learns there that another may have had
   * the job meanwhile, even if its own heartbeat took the job back first when it woke.
   */
  holdsAsNow(job: string): () => boolean;
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
  const tenures = new Map<string, number>();
  let heartbeat: NodeJS.Timeout | null = null;
  // When each held job was last granted: a grant a lease or more after the previous one follows
  // a lapse, during which another process may have had the job without this one seeing it.
  const grantedAt = new Map<string, number>();
  const hold = async (job: string): Promise<boolean> => {
    const at = now();
    const granted = await leases.acquire(job, holder, at, ttlMs);
    const last = grantedAt.get(job);
    if (granted && (!held.has(job) || last === undefined || at - last >= ttlMs))
      tenures.set(job, (tenures.get(job) ?? 0) + 1);
    if (granted) {
      held.add(job);
      grantedAt.set(job, at);
    } else held.delete(job);
    return granted;
  };
  return {
    hold,
    tenure: (job) => tenures.get(job) ?? 0,
    holdsAsNow(job) {
      const tenure = tenures.get(job) ?? 0;
      return () =>
        held.has(job) && tenures.get(job) === tenure && now() - (grantedAt.get(job) ?? -Infinity) < ttlMs / 2;
    },
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

/** A job whose in-memory state is only valid while this process held it all along. */
export interface ContinuousJob {
  /**
   * Before a run: true when this process holds the job. Taken again after another process may
   * have had it, it first calls `stale`, since the state kept since the last run misses that work.
   */
  begin(): Promise<boolean>;
  /** Between batches of a run: false once the job was lost, even if it was taken back since. */
  stillHeld(): Promise<boolean>;
}

/** `job` under `work`, calling `stale` whenever it is taken again after a gap. */
export function continuousJob(work: WorkLeases, job: string, stale: () => void): ContinuousJob {
  let current = -1;
  return {
    async begin() {
      if (!(await work.hold(job))) return false;
      const tenure = work.tenure(job);
      if (current !== -1 && tenure !== current) stale();
      current = tenure;
      return true;
    },
    async stillHeld() {
      return (await work.hold(job)) && work.tenure(job) === current;
    },
  };
}
