import type { Writable } from 'node:stream';
import type { App } from '../app.js';
import { UserError } from '../core/errors.js';
import type { Feed } from '../core/types.js';
import { isWebPageFailure } from '../ingest/errors.js';
import { consoleChat } from '../platforms/console/console-platform.js';
import { resolveFeedTargets, type FeedTarget } from '../services/feed-refs.js';
import { createProgress } from './progress.js';

/** What a one-shot digest did. */
export interface OneShotResult {
  readonly feeds: number;
  /** Feeds that could be read. */
  readonly fetched: number;
  readonly failed: readonly { readonly ref: string; readonly reason: string }[];
  readonly stories: number;
}

/**
 * Fetches the named feeds once, condenses them and prints one digest of the items published in
 * the `sinceMs` before `now` to the console platform. The app should run on a throwaway store.
 */
export async function oneShotDigest(
  app: App,
  refs: readonly string[],
  sinceMs: number,
  stderr: Writable,
  now: number,
): Promise<OneShotResult> {
  const failed: { ref: string; reason: string }[] = [];
  const targets: FeedTarget[] = [];
  for (const ref of refs) {
    try {
      targets.push(...resolveFeedTargets(ref, app.services.catalog, app.services.topics));
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      failed.push({ ref, reason: error.message });
    }
  }
  const { timezone } = app.config.schedule;
  const subscription = await app.store.subscriptions.ensure(
    { ...consoleChat, schedule: '0 8 * * *', timezone, nextDigestAt: null },
    now,
  );
  for (const target of targets) {
    const feed = await app.store.feeds.upsert(
      target.kind === 'url'
        ? { url: target.url }
        : { url: target.entry.url, catalogId: target.entry.id, title: target.entry.name },
      now,
    );
    await app.store.subscriptions.addFeed(subscription.id, feed.id, now - sinceMs, now);
  }
  const progress = createProgress(stderr, 'Fetching feeds', targets.length);
  // Every feed seen at one moment: the digest is the same whichever fetch answered first.
  await app.pollOnce(
    () => {
      progress.tick();
    },
    { seenAt: now },
  );
  progress.done();
  const pageFailures = await followAdvertisedFeeds(app, subscription.id, now - sinceMs, now);
  const followed = await app.store.subscriptions.feeds(subscription.id);
  for (const { feed } of followed) {
    const reason = pageFailures.get(feed.id) ?? feed.lastError;
    if (reason !== null) failed.push({ ref: feed.url, reason });
  }
  const fetched = followed.filter(({ feed }) => feed.lastSuccessAt !== null).length;
  const { digestId, stories } = await app.services.digestNow(consoleChat, null, now);
  if (digestId !== null) await app.deliverDue();
  return { feeds: followed.length, fetched, failed, stories };
}

/**
 * A page given where a feed was wanted is read as /subscribe reads it: the first feed it advertises
 * stands in its place, from `since` like the others. A page that names no readable feed stays failed,
 * for the reason reading it as /subscribe does gives (by feed id).
 */
async function followAdvertisedFeeds(
  app: App,
  subscriptionId: number,
  since: number,
  now: number,
): Promise<Map<number, string>> {
  const failures = new Map<number, string>();
  const feeds = async (): Promise<Feed[]> =>
    (await app.store.subscriptions.feeds(subscriptionId)).map((f) => f.feed);
  for (const page of (await feeds()).filter((f) => isWebPageFailure(f.lastError))) {
    const known = new Set((await feeds()).map((f) => f.id));
    try {
      await app.services.subscribe(consoleChat, page.url, now);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      failures.set(page.id, error.message);
      continue;
    }
    // The advertised feed is read into the page's own row, or into a row of its own when it was
    // known already; either way it starts at `since`, not at a new feed's newest few items.
    for (const feed of await feeds()) {
      if (known.has(feed.id) && feed.id !== page.id) continue;
      await app.store.subscriptions.removeFeed(subscriptionId, feed.id);
      if (!isWebPageFailure(feed.lastError))
        await app.store.subscriptions.addFeed(subscriptionId, feed.id, since, now);
    }
  }
  return failures;
}
