import type { Logger } from 'pino';
import type { CatalogEntry } from '../core/services.js';
import { reply } from '../core/reply.js';
import type { Feed, PlatformName } from '../core/types.js';
import type { Platform } from '../platforms/platform.js';
import { feedName, hostOf } from '../services/feed-refs.js';
import type { Store } from '../store/store.js';

/** What telling subscribers about disabled feeds needs. */
export interface DisableNoticeDeps {
  readonly store: Store;
  readonly platforms: ReadonlyMap<PlatformName, Platform>;
  readonly catalog: readonly CatalogEntry[];
  readonly log: Logger;
}

/**
 * Tells the followers of each feed disabled and not yet announced that it stopped being polled.
 * The poll that disables a feed passes it here at once; only a start looks through every feed, for
 * notices a stopped process never sent.
 */
export async function notifyDisabled(deps: DisableNoticeDeps, candidates?: readonly Feed[]): Promise<void> {
  const feeds = (candidates ?? (await deps.store.feeds.list())).filter(
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
