import type { DigestEntry, LeftOut, Story, Subscription, Topic } from '../core/types.js';
import { storyFeedIds } from '../digest/continuity.js';
import { chatFeedsOf, composeDigest } from '../digest/compose.js';
import { compileFilter } from '../digest/story-filter.js';
import type { Platform } from '../platforms/platform.js';
import type { ImageChecker } from '../ingest/image-check.js';
import type { Store } from '../store/store.js';
import { checkedPictures } from './digest-pictures.js';

/** What composing a digest into the outbox needs. */
export interface QueueDeps {
  readonly store: Store;
  readonly topics: readonly Topic[];
  readonly platformFor: (subscription: Subscription) => Platform | null;
  readonly maxStories: number;
  readonly maxAgeMs: number;
  /** Hears of each digest stored with stories (for metrics). */
  readonly onComposed?: (subscription: Subscription) => void;
  /** Checks pictures before a platform shows them; without it digests carry none. */
  readonly images?: ImageChecker;
  /** Hears of each picture refused, with the reason. */
  readonly onImageRefused?: (url: string, reason: string) => void;
}

/** A digest request: a scheduled slot, or a user's `/digest` at `slot = now`. */
export interface DigestRequest {
  readonly subscription: Subscription;
  readonly slot: number;
  readonly onlyTopic: string | null;
  /** The subscription's next slot once this one is done. */
  readonly nextDigestAt: number | null;
}

/**
 * Composes a subscription's digest, renders it for its platform and stores it with its parts in
 * the outbox before anything is sent. Returns the digest id, or null when there was nothing new
 * (the slot is still recorded, so a restart does not compose it again) or the slot was done already.
 */
export async function queueDigest(
  deps: QueueDeps,
  request: DigestRequest,
  now: number,
): Promise<{ digestId: number | null; stories: number; leftOut?: LeftOut }> {
  const { subscription } = request;
  const platform = deps.platformFor(subscription);
  const [candidates, mutes, feeds, filters, seen, pings] = await Promise.all([
    deps.store.stories.candidates(subscription.id, now - deps.maxAgeMs),
    deps.store.subscriptions.mutes(subscription.id),
    deps.store.subscriptions.feeds(subscription.id),
    deps.store.preferences.filters(subscription.id),
    // In live mode a story that grew is edited where it was posted, not told again.
    subscription.liveSince === null
      ? deps.store.stories.shown(subscription.id, now - deps.maxAgeMs)
      : Promise.resolve([]),
    deps.store.subscriptions.pings(subscription.id),
  ]);
  const chatFeeds = chatFeedsOf(feeds);
  const composed = composeDigest({
    subscription,
    slot: request.slot,
    candidates,
    // A mute that ran out stays listed with its expiry but no longer removes anything.
    mutes: mutes.filter((m) => m.expiresAt === null || m.expiresAt > now).map((m) => m.term),
    topics: deps.topics,
    maxStories: deps.maxStories,
    onlyTopic: request.onlyTopic,
    feedCount: feeds.length,
    // Every stored filter compiled when it was added; one that no longer would is skipped, not fatal.
    filters: filters.flatMap((f) => {
      const compiled = compileFilter(f);
      return compiled.ok ? [compiled.value] : [];
    }),
    ...chatFeeds,
    shown: seen,
    pings,
  });
  // The header counts the followed feeds that brought something to this digest, not all of them.
  const followed = chatFeeds.activeFeedIds;
  const shown = new Set(composed.entries.map((e) => e.storyId));
  const stories = [...candidates, ...seen.map((s) => s.story)];
  const contributing = new Set(
    stories.flatMap((story) =>
      shown.has(story.id) ? story.sources.map((s) => s.feedId).filter((id) => followed.has(id)) : [],
    ),
  );
  const counted = { ...composed, feedCount: contributing.size };
  const pictures = platform?.picturesShown ?? 0;
  const digest =
    deps.images === undefined || pictures === 0
      ? { ...counted, entries: counted.entries.map((entry) => ({ ...entry, imageUrl: null })) }
      : await checkedPictures(counted, deps.images, pictures, deps.onImageRefused);
  // Without a running platform the stories stay candidates for when it is back.
  const parts = platform !== null && digest.entries.length > 0 ? platform.renderDigest(digest) : [];
  const digestId = await deps.store.outbox.createDigest(
    {
      subscriptionId: subscription.id,
      slot: request.slot,
      storyIds: parts.length > 0 ? digest.entries.map((e) => e.storyId) : [],
      parts,
      nextDigestAt: request.nextDigestAt,
      shownFeeds: parts.length > 0 ? shownFeedsOf(digest.entries, stories) : [],
    },
    now,
  );
  if (parts.length === 0 || digestId === null)
    return {
      digestId: null,
      stories: 0,
      ...(composed.heldBack === undefined ? {} : { leftOut: composed.heldBack }),
    };
  deps.onComposed?.(subscription);
  return { digestId, stories: digest.entries.length };
}

/** The feeds each entry's story holds now: what the chat is recorded as having seen of it. */
export function shownFeedsOf(
  entries: readonly DigestEntry[],
  stories: readonly Story[],
): { storyId: number; feedIds: number[] }[] {
  const byId = new Map(stories.map((story) => [story.id, story]));
  return entries.flatMap((entry) => {
    const story = byId.get(entry.storyId);
    return story === undefined ? [] : [{ storyId: story.id, feedIds: storyFeedIds(story) }];
  });
}
