import type { Logger } from 'pino';
import type { Digest, PlatformName, Story, Subscription, Topic } from '../core/types.js';
import { growthOf, isBreaking, storyFeedIds } from '../digest/continuity.js';
import { chatFeedsOf, composeDigest, type ChatFeeds } from '../digest/compose.js';
import { mutedBy } from '../digest/mute-filter.js';
import type { Platform } from '../platforms/platform.js';
import type { NewEdit, ShownStory, Store } from '../store/store.js';
import { shownFeedsOf } from './queue-digest.js';

/** What posting stories as they come needs. */
export interface LiveDeps {
  readonly store: Store;
  readonly topics: readonly Topic[];
  /** Stories one chat gets in one pass; the rest follow in the next. */
  readonly maxStories: number;
  /** Older stories are never posted live, nor edited. */
  readonly maxAgeMs: number;
  readonly log: Logger;
}

/** Whether any subscription posts stories as they come (live, or digests with a breaking lane). */
export async function hasLiveChats(store: Store): Promise<boolean> {
  return (await store.subscriptions.live()).length > 0;
}

/** A breaking story is looked for among stories with an item this recent, at least. */
const BREAKING_LOOKBACK_MS = 3_600_000;

/**
 * Queues, for every live subscription of these platforms, each new story as a message of its own
 * and an edit of each story posted before that an outlet joined since; for a digest subscription
 * with a breaking lane, each new story that reached its outlets in its window. Everything goes
 * through the outbox like a digest, and each story is recorded as shown with its outlets in the
 * same transaction, so a crash or a second pass never posts it twice. Returns the parts queued.
 */
export async function queueLiveStories(
  deps: LiveDeps,
  platforms: ReadonlyMap<PlatformName, Platform>,
  now: number,
): Promise<number> {
  let queued = 0;
  for (const subscription of await deps.store.subscriptions.live()) {
    const platform = platforms.get(subscription.platform);
    if (platform === undefined) continue;
    queued += await queueFor(deps, platform, subscription, now);
  }
  return queued;
}

async function queueFor(
  deps: LiveDeps,
  platform: Platform,
  subscription: Subscription,
  now: number,
): Promise<number> {
  const live = subscription.liveSince !== null;
  const lane = subscription.breaking;
  // Live mode starts with what comes after it was switched on, not with the last two days.
  const notBefore = live
    ? Math.max(subscription.liveSince, now - deps.maxAgeMs)
    : now - Math.max(2 * (lane?.windowMs ?? 0), BREAKING_LOOKBACK_MS);
  const [candidates, mutes, shown, feeds] = await Promise.all([
    deps.store.stories.candidates(subscription.id, notBefore),
    deps.store.subscriptions.mutes(subscription.id),
    live ? deps.store.stories.shown(subscription.id, now - deps.maxAgeMs) : Promise.resolve([]),
    deps.store.subscriptions.feeds(subscription.id),
  ]);
  const chatFeeds = chatFeedsOf(feeds);
  const terms = mutes.map((m) => m.term);
  const fresh = live || lane === null ? candidates : candidates.filter((story) => isBreaking(story, lane));
  const compose = (stories: readonly Story[], maxStories: number): Digest =>
    composeDigest({
      subscription,
      slot: now,
      candidates: stories,
      mutes: terms,
      topics: deps.topics,
      maxStories,
      onlyTopic: null,
      feedCount: 0,
      ...chatFeeds,
      kind: live ? 'live' : 'breaking',
    });
  const posts = fresh.length > 0 ? compose(fresh, deps.maxStories) : null;
  const parts = posts !== null && posts.entries.length > 0 ? platform.renderDigest(posts) : [];
  // A message sent before live mode began is a digest's, whatever it shows: it is not rewritten.
  const livePosts = shown.filter(
    (s) => s.partSentAt !== null && s.partSentAt >= (subscription.liveSince ?? now),
  );
  const topicIds = new Set(deps.topics.map((t) => t.id));
  const edits = editsOf(livePosts, { terms, topicIds }, chatFeeds, (story) => compose([story], 1), platform);
  if (parts.length === 0 && edits.length === 0) return 0;
  const entries = posts?.entries ?? [];
  await deps.store.outbox.createDigest(
    {
      subscriptionId: subscription.id,
      slot: now,
      storyIds: parts.length > 0 ? entries.map((e) => e.storyId) : [],
      parts,
      nextDigestAt: subscription.nextDigestAt,
      keepCursor: true,
      shownFeeds: [
        ...(parts.length > 0 ? shownFeedsOf(entries, fresh) : []),
        ...edits.map((e) => ({ storyId: e.storyId, feedIds: e.feedIds })),
      ],
      edits: edits.map((e) => e.edit),
    },
    now,
  );
  deps.log.info(
    { subscription: subscription.id, posts: parts.length, edits: edits.length, breaking: !live },
    'live stories queued',
  );
  return parts.length + edits.length;
}

/**
 * Edits of live messages whose story an outlet joined since: the message is rewritten with every
 * outlet. Only a message that shows this story alone and reached the chat is edited, and one edit
 * waits at a time (the next pass folds in whoever joined meanwhile).
 */
function editsOf(
  shown: readonly ShownStory[],
  mutes: { readonly terms: readonly string[]; readonly topicIds: ReadonlySet<string> },
  chatFeeds: ChatFeeds,
  card: (story: Story) => Digest,
  platform: Platform,
): { storyId: number; feedIds: number[]; edit: NewEdit }[] {
  return shown.flatMap((seen) => {
    if (seen.partId === null || !seen.partSent || seen.editPending || seen.editRefused) return [];
    if (seen.partStories !== 1) return [];
    const growth = growthOf(seen.story, seen.shownFeedIds, chatFeeds.activeFeedIds);
    if (growth === null || mutedBy(seen.story, mutes.terms, mutes.topicIds) !== null) return [];
    const [part] = platform.renderDigest(card(seen.story));
    if (part === undefined) return [];
    return [
      {
        storyId: seen.story.id,
        feedIds: storyFeedIds(seen.story),
        edit: { editOf: seen.partId, payload: part.payload },
      },
    ];
  });
}
