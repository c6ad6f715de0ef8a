/**
 * Article hosts that stopped answering. Pages are a nicety (the feed's snippet stands in), so a
 * host that times out or cannot be reached three times in a row is left alone for a while instead
 * of costing every one of its items a full timeout: a digest over a feed of fifty items from a
 * host that is down would otherwise wait minutes.
 */

import type { IngestReason } from '../ingest/errors.js';

/** Failures that say the host, not the page, is the problem. */
const UNREACHABLE: ReadonlySet<IngestReason> = new Set(['dns', 'connect', 'timeout', 'network']);

/** Unreachable reads in a row before a host's pages are skipped. */
const TRIPS_AFTER = 3;
/** How long a tripped host's pages are skipped before one read tries it again. */
const COOL_MS = 10 * 60_000;
/** Hosts remembered at most: the oldest entry goes first, so a feed of many hosts stays bounded. */
const MAX_HOSTS = 10_000;

/** Whether a host's pages are worth a read, and what each read found. */
export interface HostBreaker {
  /** False while the host is tripped; true again once its cooling time is over. */
  allows(host: string): boolean;
  /** A read of the host ended; `reason` is its failure, or null when the host answered at all. */
  record(host: string, reason: IngestReason | null): void;
  /** Hosts skipped right now, for logs. */
  tripped(): number;
}

interface HostState {
  failures: number;
  until: number;
}

/** A breaker keyed by host, timed by `now` (a manual clock in tests). */
export function createHostBreaker(now: () => number): HostBreaker {
  const hosts = new Map<string, HostState>();
  return {
    allows(host) {
      const state = hosts.get(host);
      return state === undefined || state.until <= now();
    },
    record(host, reason) {
      if (reason === null || !UNREACHABLE.has(reason)) {
        hosts.delete(host);
        return;
      }
      const state = hosts.get(host) ?? { failures: 0, until: 0 };
      state.failures++;
      // A tripped host's trial read failed: it cools again at once.
      if (state.failures >= TRIPS_AFTER) state.until = now() + COOL_MS;
      hosts.delete(host);
      hosts.set(host, state);
      if (hosts.size > MAX_HOSTS) {
        const oldest = hosts.keys().next();
        if (oldest.done !== true) hosts.delete(oldest.value);
      }
    },
    tripped() {
      const at = now();
      let count = 0;
      for (const state of hosts.values()) if (state.until > at) count++;
      return count;
    },
  };
}
