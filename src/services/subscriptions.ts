import { UserError } from '../core/errors.js';
import type { CatalogEntry, ImportOutcome, SubscribeOutcome } from '../core/services.js';
import type { ChatAddress, Subscription, Topic } from '../core/types.js';
import { parseOpml } from '../ingest/opml.js';
import { createKeyedLimiter } from '../pipeline/limiter.js';
import { nextSlots } from '../schedule/cron.js';
import type { Store } from '../store/store.js';
import { feedName, hostOf, parseFeedUrl, resolveFeedTargets, type FeedTarget } from './feed-refs.js';
import { ensureFeed, sinceFor, type FollowDeps } from './follow-feed.js';

/** What following and unfollowing feeds needs. */
export interface SubscriptionDeps extends FollowDeps {
  readonly store: Store;
  readonly catalog: readonly CatalogEntry[];
  readonly topics: readonly Topic[];
  readonly defaultSchedule: { readonly cron: string; readonly timezone: string };
  readonly maxFeedsPerChat: number;
  readonly maxImport: number;
}

async function ensureSubscription(
  deps: SubscriptionDeps,
  chat: ChatAddress,
  now: number,
): Promise<Subscription> {
  const { cron, timezone } = deps.defaultSchedule;
  const [next] = nextSlots(cron, timezone, now, 1);
  return deps.store.subscriptions.ensure(
    { ...chat, schedule: cron, timezone, nextDigestAt: next ?? null },
    now,
  );
}

async function follow(
  deps: SubscriptionDeps,
  subscription: Subscription,
  target: FeedTarget,
  now: number,
): Promise<{ name: string; host: string; latest: string[]; added: boolean }> {
  const feed = await ensureFeed(deps, target, now);
  const since = await sinceFor(deps.store, feed, deps.newFeedItems, now);
  const added = await deps.store.subscriptions.addFeed(subscription.id, feed.id, since, now);
  const latest = (await deps.store.items.latest(feed.id, 3)).flatMap((i) => (i.title ? [i.title] : []));
  return { name: feedName(feed, deps.catalog), host: hostOf(feed.url), latest, added };
}

/** Follows what `ref` names (a URL, catalog feed or topic), fetching each new feed once first. */
export async function subscribe(
  deps: SubscriptionDeps,
  chat: ChatAddress,
  ref: string,
  now: number,
): Promise<SubscribeOutcome> {
  const targets = resolveFeedTargets(ref, deps.catalog, deps.topics);
  const current = await deps.store.subscriptions.find(chat);
  const count = current ? (await deps.store.subscriptions.feeds(current.id)).length : 0;
  if (count + targets.length > deps.maxFeedsPerChat) {
    throw new UserError(
      'limit_reached',
      `A chat can follow at most ${deps.maxFeedsPerChat} feeds; this one follows ${count}.`,
    );
  }
  // Check every feed before anything is saved, so a bad address changes nothing.
  if (targets.length === 1 && targets[0]?.kind === 'url') await ensureFeed(deps, targets[0], now);
  const subscription = current ?? (await ensureSubscription(deps, chat, now));
  const limiter = createKeyedLimiter(4, 2);
  const results = await Promise.all(
    targets.map((t) =>
      limiter.run(t.kind === 'url' ? hostOf(t.url) : hostOf(t.entry.url), () =>
        follow(deps, subscription, t, now),
      ),
    ),
  );
  const fresh = (await deps.store.subscriptions.get(subscription.id)) ?? subscription;
  return {
    added: results.filter((r) => r.added),
    already: results.filter((r) => !r.added).map((r) => r.name),
    subscription: fresh,
    nextDigestAt: fresh.nextDigestAt,
  };
}

/** Stops following the feeds `ref` names among those the chat follows; returns their names. */
export async function unsubscribe(deps: SubscriptionDeps, chat: ChatAddress, ref: string): Promise<string[]> {
  const subscription = await deps.store.subscriptions.find(chat);
  if (!subscription) throw new UserError('not_found', 'This chat follows no feeds.');
  const followed = await deps.store.subscriptions.feeds(subscription.id);
  const key = ref.trim().toLowerCase();
  const url = parseFeedUrl(ref);
  const topic = deps.topics.find((t) => t.id === key || t.label.toLowerCase() === key);
  const matches = followed.filter(({ feed }) => {
    if (feed.catalogId === key || feed.url === url || feed.url === ref.trim()) return true;
    if (feedName(feed, deps.catalog).toLowerCase() === key) return true;
    const entry = deps.catalog.find((c) => c.id === feed.catalogId);
    return topic !== undefined && entry?.topics.includes(topic.id) === true;
  });
  if (matches.length === 0) {
    throw new UserError(
      'not_found',
      `This chat does not follow "${ref.trim().slice(0, 80)}". /feeds lists what it follows.`,
    );
  }
  for (const { feed } of matches) await deps.store.subscriptions.removeFeed(subscription.id, feed.id);
  return matches.map(({ feed }) => feedName(feed, deps.catalog));
}

/** Follows every feed of an OPML document, checking each; failures are listed, not fatal. */
export async function importOpml(
  deps: SubscriptionDeps,
  chat: ChatAddress,
  text: string,
  now: number,
): Promise<ImportOutcome> {
  const parsed = parseOpml(text);
  if (!parsed.ok)
    throw new UserError('bad_argument', `That file is not usable OPML: ${parsed.error.message}`);
  const entries = parsed.value;
  if (entries.length === 0) throw new UserError('bad_argument', 'That OPML file lists no feeds.');
  if (entries.length > deps.maxImport) {
    throw new UserError(
      'limit_reached',
      `That file lists ${entries.length} feeds; import at most ${deps.maxImport} at a time.`,
    );
  }
  const subscription =
    (await deps.store.subscriptions.find(chat)) ?? (await ensureSubscription(deps, chat, now));
  const limiter = createKeyedLimiter(8, 2);
  const outcome = {
    added: [] as string[],
    already: [] as string[],
    failed: [] as { url: string; reason: string }[],
  };
  await Promise.all(
    entries.map((entry) =>
      limiter.run(hostOf(entry.url), async () => {
        const url = parseFeedUrl(entry.url);
        if (url === null) {
          outcome.failed.push({ url: entry.url.slice(0, 200), reason: 'not a web address' });
          return;
        }
        try {
          const known = deps.catalog.find((c) => c.url === url);
          const result = await follow(
            deps,
            subscription,
            known ? { kind: 'catalog', entry: known } : { kind: 'url', url },
            now,
          );
          (result.added ? outcome.added : outcome.already).push(result.name);
        } catch (error) {
          if (!(error instanceof UserError)) throw error;
          outcome.failed.push({ url, reason: error.message });
        }
      }),
    ),
  );
  return outcome;
}
