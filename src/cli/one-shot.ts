import type { Writable } from 'node:stream';
import type { App } from '../app.js';
import { UserError } from '../core/errors.js';
import { consoleChat } from '../platforms/console/console-platform.js';
import { resolveFeedTargets, type FeedTarget } from '../services/feed-refs.js';
import { createProgress } from './progress.js';

/** Parses `24h`, `90m`, `2d`, `1w` into milliseconds; null when it is none of those. */
export function parseDuration(text: string): number | null {
  const match = /^(\d{1,5})\s*(m|min|h|d|w)$/i.exec(text.trim());
  if (!match?.[1] || !match[2]) return null;
  const unit =
    { m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[match[2].toLowerCase()] ?? 0;
  return Number(match[1]) * unit;
}

/** What a one-shot digest did. */
export interface OneShotResult {
  readonly feeds: number;
  readonly failed: readonly { readonly ref: string; readonly reason: string }[];
  readonly stories: number;
}

/**
 * Fetches the named feeds once, condenses them and prints one digest of the items published in
 * the last `sinceMs` to the console platform. The app should run on a throwaway store.
 */
export async function oneShotDigest(
  app: App,
  refs: readonly string[],
  sinceMs: number,
  stderr: Writable,
): Promise<OneShotResult> {
  const now = Date.now();
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
  await app.pollOnce(() => {
    progress.tick();
  });
  progress.done();
  for (const { feed } of await app.store.subscriptions.feeds(subscription.id)) {
    if (feed.lastError !== null) failed.push({ ref: feed.url, reason: feed.lastError });
  }
  const { digestId, stories } = await app.services.digestNow(consoleChat, null, now);
  if (digestId !== null) await app.deliverDue();
  return { feeds: refs.length, failed, stories };
}
