import type { Config } from '../config/schema.js';
import { consoleChat } from '../platforms/console/console-platform.js';
import type { Store } from '../store/store.js';

/**
 * The console follows the configured catalog feeds, without fetching them now: the first poll
 * does. Returns whether the subscription is new. At most the per-chat limit is followed.
 */
export async function ensureConsoleSubscription(store: Store, config: Config, now: number): Promise<boolean> {
  const existing = await store.subscriptions.find(consoleChat);
  if (existing !== null) return false;
  const subscription = await store.subscriptions.ensure(
    {
      ...consoleChat,
      schedule: config.schedule.default,
      timezone: config.schedule.timezone,
      nextDigestAt: null,
    },
    now,
  );
  const ids = config.console.feeds.slice(0, config.limits.feedsPerChat);
  for (const id of ids) {
    const entry = config.catalog.find((c) => c.id === id);
    if (!entry) continue;
    const feed = await store.feeds.upsert({ url: entry.url, catalogId: entry.id, title: entry.name }, now);
    await store.subscriptions.addFeed(subscription.id, feed.id, feed.seeded ? now : 0, now);
  }
  return true;
}
