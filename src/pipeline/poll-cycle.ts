import type { Logger } from 'pino';
import { StoreFullError, type Store } from '../store/store.js';
import type { Feed } from '../core/types.js';
import { createPollPool, type PollPool } from './poll-pool.js';
import { pollFeed, type PollDeps, type PollOutcome } from './poll-feed.js';
import { hostOf } from '../services/feed-refs.js';

/** What one poll pass needs. */
export interface PollCycleDeps {
  readonly poll: PollDeps;
  readonly store: Store;
  readonly concurrency: number;
  readonly perHostConcurrency: number;
  /** How long a claimed feed stays leased to this process; longer than the slowest fetch. */
  readonly leaseMs: number;
  /** A pass claims no feed after this long; what it started finishes. */
  readonly passMs: number;
  readonly log: Logger;
  readonly now: () => number;
}

/** What a poll pass did. */
export interface PollCycleResult {
  readonly polled: number;
  readonly failed: number;
  /** Failed polls by the failure's name (`dns`, `timeout`, …). */
  readonly failures: Readonly<Record<string, number>>;
  /** New or edited items stored. */
  readonly changed: number;
  /** Items condensed after the pass (by `App.pollOnce`; the scheduled pass leaves that to its own job). */
  readonly condensed: number;
}

/** Feeds claimed ahead of free slots, per slot: a feed waiting for its host never idles a slot. */
const QUEUED_PER_SLOT = 2;
/** While its own polls run and nothing is due, a pass looks for newly due feeds this often. */
const RECHECK_MS = 1_000;

/**
 * Polls due feeds as a pool: a slot that frees is refilled at once from a fresh claim, so one slow
 * feed holds one slot and delays no other. Fetches are bounded overall and per host by `pool`,
 * which passes share. The pass ends when nothing is due and its polls are done, or when `passMs`
 * is up (its polls still under way finish in the pool), or when `signal` aborts (its polls stop).
 * `seenAt`, when given, is the moment the pass's new items count as first seen: a one-shot run
 * sees all its feeds at once, so which fetch answered first changes nothing it shows. Each feed's
 * next poll still counts from when it was polled.
 */
export async function runPollCycle(
  deps: PollCycleDeps,
  onPolled?: (outcome: PollOutcome) => void,
  signal?: AbortSignal,
  pool: PollPool = createPollPool(deps.concurrency, deps.perHostConcurrency),
  seenAt?: number,
): Promise<PollCycleResult> {
  const deadline = deps.now() + deps.passMs;
  let polled = 0;
  let failed = 0;
  let changed = 0;
  const failures: Record<string, number> = {};
  const own = new Set<Promise<void>>();
  const start = (feed: Feed): void => {
    const task = pool.limiter
      .run(hostOf(feed.url), async () => {
        if (signal?.aborted === true) throw signal.reason;
        const now = deps.now();
        return await pollFeed(deps.poll, feed, now, signal, seenAt ?? now);
      })
      .then(
        (outcome) => {
          polled++;
          if (outcome.kind === 'updated') changed += outcome.inserted + outcome.updated;
          if (outcome.kind === 'failed') {
            failed++;
            failures[outcome.code] = (failures[outcome.code] ?? 0) + 1;
          }
          onPolled?.(outcome);
        },
        (error: unknown) => {
          // Stopped, or a store error: the feed's lease runs out and a later pass retries it. A
          // full disk is the store's to report, once a minute, not once for every feed.
          if (signal?.aborted !== true && !(error instanceof StoreFullError))
            deps.log.error({ err: error, feed: feed.url }, 'polling a feed failed');
        },
      )
      .finally(() => own.delete(task));
    own.add(task);
    pool.add(task);
  };
  const want = deps.concurrency * QUEUED_PER_SLOT;
  const aborted = (): boolean => signal?.aborted === true;
  while (!aborted() && deps.now() < deadline) {
    if (pool.size < want) {
      const limit = want - pool.size;
      const due = await deps.store.feeds.claimDue(deps.now(), limit, deps.leaseMs);
      for (const feed of due) start(feed);
      // As many as asked: more may be due; fewer: nothing else is, for now.
      if (due.length === limit) continue;
    }
    if (own.size === 0) break;
    await pool.settled(RECHECK_MS);
  }
  // Stopping: the polls under way were aborted and end at once; the store may close after this.
  if (aborted()) await Promise.allSettled([...own]);
  return { polled, failed, failures, changed, condensed: 0 };
}
