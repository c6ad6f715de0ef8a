import type { Writable } from 'node:stream';
import type { App } from '../app.js';
import { UserError } from '../core/errors.js';
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
  const followed = await app.store.subscriptions.feeds(subscription.id);
  for (const { feed } of followed) {
    if (feed.lastError !== null) failed.push({ ref: feed.url, reason: feed.lastError });
  }
  const fetched = followed.filter(({ feed }) => feed.lastSuccessAt !== null).length;
  const { digestId, stories } = await app.services.digestNow(consoleChat, null, now);
  if (digestId !== null) await app.deliverDue();
  return { feeds: followed.length, fetched, failed, stories };
}
