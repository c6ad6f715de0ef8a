import type { Logger } from 'pino';
import { reply } from '../core/reply.js';
import type { PlatformName } from '../core/types.js';
import type { Platform } from '../platforms/platform.js';
import type { Store } from '../store/store.js';
import { createKeyedLimiter } from './limiter.js';
import { pollFeed, type PollDeps, type PollOutcome } from './poll-feed.js';
import { feedName, hostOf } from '../services/feed-refs.js';
import type { CatalogEntry } from '../core/services.js';

/** What one poll cycle needs. */
export interface PollCycleDeps {
  readonly poll: PollDeps;
  /** Condenses what came in and files it into stories; resolves to the items condensed. */
  readonly condense: () => Promise<number>;
  readonly store: Store;
  readonly platforms: ReadonlyMap<PlatformName, Platform>;
  readonly catalog: readonly CatalogEntry[];
  readonly concurrency: number;
  readonly perHostConcurrency: number;
  /** How long a claimed feed stays leased to this process; longer than the slowest fetch. */
  readonly leaseMs: number;
  /** Whether this process condenses and sends notices now (one process at a time does). */
  readonly mayCondense: () => Promise<boolean>;
  readonly log: Logger;
  readonly now: () => number;
}

/** What a poll cycle did. */
export interface PollCycleResult {
  readonly polled: number;
  readonly failed: number;
  /** Failed polls by the failure's name (`dns`, `timeout`, …). */
  readonly failures: Readonly<Record<string, number>>;
  readonly condensed: number;
}

/**
 * Polls every due feed (bounded overall and per host, so one slow host delays no other feed),
 * condenses what came in, and tells subscribers once about feeds that were disabled.
 */
export async function runPollCycle(
  deps: PollCycleDeps,
  onPolled?: (outcome: PollOutcome) => void,
): Promise<PollCycleResult> {
  const limiter = createKeyedLimiter(deps.concurrency, deps.perHostConcurrency);
  let polled = 0;
  let failed = 0;
  const failures: Record<string, number> = {};
  for (;;) {
    const due = await deps.store.feeds.claimDue(deps.now(), deps.concurrency * 4, deps.leaseMs);
    if (due.length === 0) break;
    const outcomes = await Promise.all(
      due.map((feed) =>
        limiter.run(hostOf(feed.url), async () => {
          const outcome = await pollFeed(deps.poll, feed, deps.now());
          onPolled?.(outcome);
          return outcome;
        }),
      ),
    );
    polled += outcomes.length;
    for (const outcome of outcomes) {
      if (outcome.kind !== 'failed') continue;
      failed++;
      failures[outcome.code] = (failures[outcome.code] ?? 0) + 1;
    }
  }
  const condensed = await deps.condense();
  if (await deps.mayCondense()) await notifyDisabled(deps);
  return { polled, failed, failures, condensed };
}

async function notifyDisabled(deps: PollCycleDeps): Promise<void> {
  const feeds = (await deps.store.feeds.list()).filter(
    (f) => f.disabledReason !== null && !f.disabledNoticeSent,
  );
  for (const feed of feeds) {
    const notice = reply.error(
      [
        [
          '⏸ Stopped polling ',
          { strong: feedName(feed, deps.catalog) },
          ` (${hostOf(feed.url)}) after repeated failures.`,
        ],
        `Last error: ${feed.disabledReason ?? 'unknown'}`,
        'Fix the address and /subscribe again, or /unsubscribe it.',
      ],
      { ephemeral: false },
    );
    for (const subscription of await deps.store.subscriptions.followers(feed.id)) {
      const platform = deps.platforms.get(subscription.platform);
      if (!platform || subscription.pausedReason !== null) continue;
      const outcome = await platform.notify(subscription, notice);
      if (!outcome.ok)
        deps.log.warn(
          { feed: feed.url, chat: subscription.chatId, reason: outcome.reason },
          'disable notice not delivered',
        );
    }
    // Once, even if a chat missed it: a notice is not worth repeating forever.
    await deps.store.feeds.markDisabledNoticeSent(feed.id);
  }
}
