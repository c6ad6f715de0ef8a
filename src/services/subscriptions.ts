import { noFeedsText } from '../core/no-feeds.js';
import { UserError } from '../core/errors.js';
import type { CatalogEntry, SubscribeOutcome, UnsubscribeOutcome } from '../core/services.js';
import type { ChatAddress, SubscribedFeed, Subscription, Topic } from '../core/types.js';
import { createKeyedLimiter } from '../pipeline/limiter.js';
import { defaultScheduleFor } from '../schedule/chat-minute.js';
import { nextSlots } from '../schedule/cron.js';
import type { Store } from '../store/store.js';
import {
  ambiguousName,
  feedName,
  findTopic,
  hostOf,
  followedMatching,
  notFollowed,
  resolveFeedRef,
  shownName,
  targetUrl,
  type FeedTarget,
} from './feed-refs.js';
import {
  ensureFeed,
  sinceFor,
  type EnsuredFeed,
  type EnsureOptions,
  type FollowDeps,
} from './follow-feed.js';

/** What following and unfollowing feeds needs. */
export interface SubscriptionDeps extends FollowDeps {
  readonly store: Store;
  readonly catalog: readonly CatalogEntry[];
  readonly topics: readonly Topic[];
  readonly defaultSchedule: { readonly cron: string; readonly timezone: string };
  /** Feeds one chat may follow, on every path that adds one. */
  readonly maxFeedsPerChat: number;
  /** Feeds one OPML import adds. */
  readonly maxImport: number;
  /** How long one OPML import reads its feeds. */
  readonly importBudgetMs: number;
}

/** A chat's subscription, created with the default schedule when it has none yet. */
export async function ensureSubscription(
  deps: SubscriptionDeps,
  chat: ChatAddress,
  now: number,
): Promise<Subscription> {
  const existing = await deps.store.subscriptions.find(chat);
  if (existing) return existing;
  const { timezone } = deps.defaultSchedule;
  const cron = defaultScheduleFor(deps.defaultSchedule.cron, chat);
  const [next] = nextSlots(cron, timezone, now, 1);
  return deps.store.subscriptions.ensure(
    { ...chat, schedule: cron, timezone, nextDigestAt: next ?? null },
    now,
  );
}

/** What following one target did. */
export interface Followed {
  readonly name: string;
  readonly host: string;
  readonly latest: string[];
  readonly added: boolean;
  /** Why the feed could not be read just now; it is followed anyway and retried. */
  readonly problem: string | null;
}

/** Follows one target, fetching it first when it was never read (unless `ensured` already did). */
export async function follow(
  deps: SubscriptionDeps,
  subscription: Subscription,
  target: FeedTarget,
  now: number,
  options: EnsureOptions & { readonly addedBy?: string | null; readonly ensured?: EnsuredFeed } = {},
): Promise<Followed> {
  const { feed, problem } = options.ensured ?? (await ensureFeed(deps, target, now, options));
  const since = await sinceFor(deps.store, feed, deps.newFeedItems, now);
  const added = await deps.store.subscriptions.addFeed(
    subscription.id,
    feed.id,
    since,
    now,
    options.addedBy ?? null,
  );
  const latest = (await deps.store.items.latest(feed.id, 3)).flatMap((i) => (i.title ? [i.title] : []));
  return { name: feedName(feed, deps.catalog), host: hostOf(feed.url), latest, added, problem };
}

/** True when the chat already follows what `target` names. */
export function alreadyFollows(followed: readonly SubscribedFeed[], target: FeedTarget): boolean {
  const url = targetUrl(target);
  return followed.some(
    ({ feed }) => feed.url === url || (target.kind === 'catalog' && feed.catalogId === target.entry.id),
  );
}

/** The limit's refusal, naming the setting that raises it. */
export function limitError(deps: SubscriptionDeps, count: number, adding: number): UserError {
  return new UserError(
    'limit_reached',
    `A chat can follow at most ${deps.maxFeedsPerChat} feeds (limits.feedsPerChat); this one follows ${count}, and this would add ${adding}.`,
  );
}

/** Follows what `ref` names (a URL, catalog feed or topic), fetching each new feed once first. */
export async function subscribe(
  deps: SubscriptionDeps,
  chat: ChatAddress,
  ref: string,
  now: number,
): Promise<SubscribeOutcome> {
  const { targets, topic } = resolveFeedRef(ref, deps.catalog, deps.topics);
  const current = await deps.store.subscriptions.find(chat);
  const followed = current ? await deps.store.subscriptions.feeds(current.id) : [];
  const adding = targets.filter((t) => !alreadyFollows(followed, t)).length;
  if (followed.length + adding > deps.maxFeedsPerChat) throw limitError(deps, followed.length, adding);
  // Check a URL before anything is saved, so a bad address changes nothing.
  const [only] = targets;
  const ensured =
    targets.length === 1 && only?.kind === 'url' ? await ensureFeed(deps, only, now) : undefined;
  const subscription = current ?? (await ensureSubscription(deps, chat, now));
  const limiter = createKeyedLimiter(4, 2);
  const results = await Promise.all(
    targets.map((t) =>
      limiter.run(hostOf(targetUrl(t)), () =>
        follow(deps, subscription, t, now, { addedBy: topic?.id ?? null, ...(ensured ? { ensured } : {}) }),
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

/**
 * Stops following the feeds `ref` names: a feed by URL, catalog id or name, or a topic, which
 * removes only the feeds that topic added, never one the chat followed on its own.
 */
export async function unsubscribe(
  deps: SubscriptionDeps,
  chat: ChatAddress,
  ref: string,
): Promise<UnsubscribeOutcome> {
  const subscription = await deps.store.subscriptions.find(chat);
  if (!subscription) throw new UserError('not_found', noFeedsText(chat));
  const followed = await deps.store.subscriptions.feeds(subscription.id);
  const named = followedMatching(followed, ref, deps.catalog);
  if (named.length > 1) throw ambiguousName(ref, named);
  const topic = named.length > 0 ? null : findTopic(ref, deps.topics);
  const inTopic = (link: SubscribedFeed): boolean =>
    topic !== null && deps.catalog.some((c) => c.id === link.feed.catalogId && c.topics.includes(topic.id));
  const matches = topic === null ? named : followed.filter((link) => link.addedBy === topic.id);
  const kept = topic === null ? [] : followed.filter((link) => link.addedBy !== topic.id && inTopic(link));
  const names = (links: readonly SubscribedFeed[]): string[] =>
    links.map((link) => shownName(link, deps.catalog));
  if (matches.length === 0) {
    if (kept.length > 0 && topic !== null) {
      const ids = kept.map(({ feed }) => feed.catalogId ?? feed.url).join(', ');
      throw new UserError(
        'not_found',
        `This chat follows no feed through the topic ${topic.label}; it follows ${names(kept).join(', ')} on its own. /unsubscribe ${ids.split(', ')[0] ?? ''} removes one (${ids}).`,
      );
    }
    throw notFollowed(ref);
  }
  for (const { feed } of matches) await deps.store.subscriptions.removeFeed(subscription.id, feed.id);
  return { removed: names(matches), kept: names(kept) };
}
