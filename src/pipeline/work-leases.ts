/**
 * Jobs that must not run twice at once when several Gazette processes share one database:
 * condensing (two would cluster the same items into duplicate stories) and delivering one
 * platform's digests (two would send the same part). Polling needs none: feeds are claimed one
 * by one. A process that dies holds its jobs only until the lease runs out.
 */

import { randomUUID } from 'node:crypto';
import type { LeaseStore } from '../store/store.js';

/** Longer than the slowest condense pass or delivery round, so a busy holder keeps its job. */
export const WORK_LEASE_MS = 10 * 60_000;

/** This process's hold on shared jobs. */
export interface WorkLeases {
  /** True when this process holds (or has just taken or renewed) `job`. */
  hold(job: string): Promise<boolean>;
  /** Gives every held job up, so another process takes over without waiting. */
  releaseAll(): Promise<void>;
}

/** Leases held under one random name per process. */
export function createWorkLeases(leases: LeaseStore, now: () => number, ttlMs = WORK_LEASE_MS): WorkLeases {
  const holder = randomUUID();
  const held = new Set<string>();
  return {
    async hold(job) {
      const granted = await leases.acquire(job, holder, now(), ttlMs);
      if (granted) held.add(job);
      else held.delete(job);
      return granted;
    },
    async releaseAll() {
      for (const job of held) await leases.release(job, holder);
      held.clear();
    },
  };
}
