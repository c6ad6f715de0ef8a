/**
 * The daily prune. It runs in the running app under the `retention` work lease, so of several
 * processes sharing a database one prunes; the others take over within a lease when it stops.
 */

import type { Logger } from 'pino';
import { isStoreFault, type PruneResult, type Store } from '../store/store.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Rows deleted by one statement: short write transactions that other work interleaves with. */
const PRUNE_BATCH = 500;

/** How long things are kept. */
export interface RetentionPolicy {
  /** Items and stories: the longer of the digest age limit and the clustering window. */
  readonly itemsMs: number;
  /** Sent or given-up digests with their parts. */
  readonly digestsMs: number;
  /** Between two prunes (a day unless configured). */
  readonly everyMs?: number;
}

/** What one prune removed, and how long it and the space reclaim took. */
export interface PruneReport extends PruneResult {
  readonly pruneMs: number;
  readonly reclaimMs: number;
}

/** Prunes what the policy lets go as of `now`, then gives the space back where the engine needs it. */
export async function pruneOnce(store: Store, policy: RetentionPolicy, now: number): Promise<PruneReport> {
  const started = performance.now();
  const removed = await store.retention.prune(
    { itemsBefore: now - policy.itemsMs, digestsBefore: now - policy.digestsMs },
    PRUNE_BATCH,
  );
  const pruned = performance.now();
  await store.retention.reclaim();
  return { ...removed, pruneMs: pruned - started, reclaimMs: performance.now() - pruned };
}

/** What the daily job needs. */
export interface RetentionJobDeps {
  readonly store: Store;
  readonly log: Logger;
  readonly policy: RetentionPolicy;
  /** Takes or renews the `retention` work lease; false while another process holds it. */
  readonly hold: () => Promise<boolean>;
  readonly now: () => number;
  /** How often the job looks whether a day has passed (an hour unless a test says otherwise). */
  readonly checkEveryMs?: number;
}

/** The daily prune's timer. */
export interface RetentionJob {
  start(): void;
  /** Stops the timer and waits for a prune under way. */
  stop(): Promise<void>;
  /** Prunes now when this process holds the lease; null when it does not. */
  runNow(): Promise<PruneReport | null>;
}

/** Checks every hour, and prunes when this process holds the lease and a day (or `everyMs`) passed since its last prune. */
export function createRetentionJob(deps: RetentionJobDeps): RetentionJob {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  let lastRunAt: number | null = null;

  const runNow = async (): Promise<PruneReport | null> => {
    if (!(await deps.hold())) return null;
    const now = deps.now();
    lastRunAt = now;
    const report = await pruneOnce(deps.store, deps.policy, now);
    deps.log.info(report, 'retention: pruned');
    return report;
  };
  const check = (): void => {
    if (lastRunAt !== null && deps.now() - lastRunAt < (deps.policy.everyMs ?? DAY_MS)) return;
    running = runNow().catch((error: unknown) => {
      if (!isStoreFault(error)) deps.log.error({ err: error }, 'retention failed');
    });
  };
  return {
    start() {
      // The first look comes a minute after start: a restart does not begin with a prune.
      const every = Math.min(deps.checkEveryMs ?? HOUR_MS, deps.policy.everyMs ?? DAY_MS);
      timer ??= setTimeout(() => {
        check();
        timer = setInterval(check, every);
        timer.unref();
      }, 60_000);
      timer.unref();
    },
    async stop() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await running;
    },
    runNow: () => {
      const run = runNow();
      running = run.catch(() => undefined);
      return run;
    },
  };
}
