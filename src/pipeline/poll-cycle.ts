import type { Logger } from 'pino';
import type { Store } from '../store/store.js';
import { createKeyedLimiter } from './limiter.js';
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

/**
 * Polls due feeds as a pool: a slot that frees is refilled at once from a fresh claim, so one slow
 * feed holds one slot and delays no other. Fetches are bounded overall and per host. The pass ends
 * when nothing is due, after `passMs`, or when `signal` aborts; feeds started finish either way.
 */
export async function runPollCycle(
  deps: PollCycleDeps,
  onPolled?: (outcome: PollOutcome) => void,
  signal?: AbortSignal,
): Promise<PollCycleResult> {
  const limiter = createKeyedLimiter(deps.concurrency, deps.perHostConcurrency);
  const deadline = deps.now() + deps.passMs;
  let polled = 0;
  let failed = 0;
  let changed = 0;
  const failures: Record<string, number> = {};
  const running = new Set<Promise<void>>();
  let freed: (() => void) | null = null;
  const start = (feed: Parameters<typeof pollFeed>[1]): void => {
    const task = limiter
      .run(hostOf(feed.url), async () => {
        if (signal?.aborted === true) throw signal.reason;
        return await pollFeed(deps.poll, feed, deps.now(), signal);
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
          // Stopped, or a store error: the feed's lease runs out and a later pass retries it.
          if (signal?.aborted !== true)
            deps.log.error({ err: error, feed: feed.url }, 'polling a feed failed');
        },
      )
      .finally(() => {
        running.delete(task);
        freed?.();
      });
    running.add(task);
  };
  let drained = false;
  const want = deps.concurrency * QUEUED_PER_SLOT;
  while (!drained || running.size > 0) {
    const open = !drained && signal?.aborted !== true && deps.now() < deadline;
    if (open && running.size < want) {
      const limit = want - running.size;
      const due = await deps.store.feeds.claimDue(deps.now(), limit, deps.leaseMs);
      for (const feed of due) start(feed);
      // Fewer than asked: nothing else is due now; the next tick looks again.
      if (due.length < limit) drained = true;
      continue;
    }
    if (!open) drained = true;
    if (running.size === 0) break;
    await new Promise<void>((resolve) => {
      freed = resolve;
    });
    freed = null;
  }
  return { polled, failed, failures, changed, condensed: 0 };
}
