import type {
  ChatAddress,
  Condensed,
  Feed,
  Item,
  Mute,
  NormalizedItem,
  OutboxPart,
  PlatformName,
  RenderedPart,
  BreakingLane,
  Story,
  StoryFilter,
  TopicScores,
  SubscribedFeed,
  Subscription,
  TopicPing,
} from '../core/types.js';

/**
 * The only shared state. Every method is atomic; a crash between two calls loses nothing
 * because each pipeline step re-runs from what the store holds. All methods are async so a
 * networked implementation (PostgreSQL) fits behind the same callers.
 */
export interface Store {
  readonly feeds: FeedStore;
  readonly items: ItemStore;
  readonly stories: StoryStore;
  readonly subscriptions: SubscriptionStore;
  readonly outbox: OutboxStore;
  readonly leases: LeaseStore;
  readonly stats: StatsStore;
  readonly preferences: PreferenceStore;
  readonly retention: RetentionStore;
  /** Hears every fault of the database itself (a full disk, a deleted or damaged file). */
  onFault(listener: (fault: StoreFault) => void): void;
  /** Releases connections; the store is unusable afterwards. */
  close(): Promise<void>;
}

/** Something outside Gazette broke its database. */
export interface StoreFault {
  /** `full`: writes fail until there is room again; `unusable`: deleted, replaced or damaged, for good. */
  readonly kind: 'full' | 'unusable';
  /** One line naming the database (never its password) and what happened. */
  readonly message: string;
}

export interface NewFeed {
  readonly url: string;
  readonly catalogId?: string | null;
  readonly title?: string | null;
  readonly siteUrl?: string | null;
}

/** What a successful fetch changes on a feed. */
export interface FeedSuccess {
  readonly polledAt: number;
  readonly nextPollAt: number;
  /** Absent on 304: the validators from the last 200 stay. */
  readonly etag?: string | null;
  readonly lastModified?: string | null;
  readonly title?: string | null;
  readonly siteUrl?: string | null;
  /** The language most of the document's items are in; absent or null keeps the last known. */
  readonly language?: string | null;
  /** A permanent redirect moved the feed. */
  readonly url?: string;
}

export interface FeedFailure {
  readonly polledAt: number;
  readonly nextPollAt: number;
  readonly reason: string;
  /** Stop polling for good with this reason (kept in `disabledReason`). */
  readonly disable: boolean;
}

export interface FeedStore {
  /** Returns the feed with this URL, creating it (due now) when new. */
  upsert(feed: NewFeed, now: number): Promise<Feed>;
  get(id: number): Promise<Feed | null>;
  getByUrl(url: string): Promise<Feed | null>;
  list(): Promise<Feed[]>;
  /**
   * Feeds due at `now` that at least one subscription follows without pausing them, not disabled, and not
   * leased by another poller; each is leased until `now + leaseMs` so that concurrent pollers
   * (other processes) skip it.
   */
  claimDue(now: number, limit: number, leaseMs: number): Promise<Feed[]>;
  recordSuccess(feedId: number, success: FeedSuccess): Promise<Feed>;
  /** Counts a failure; returns the updated feed. */
  recordFailure(feedId: number, failure: FeedFailure): Promise<Feed>;
  /** Remembers that subscribers were told the feed was disabled. */
  markDisabledNoticeSent(feedId: number): Promise<void>;
  /** Clears the disabled state and failures; due now. */
  enable(feedId: number, now: number): Promise<Feed>;
}

/** What saving a batch of items from one fetch did. */
export interface SaveItemsResult {
  readonly inserted: Item[];
  /** Items whose content hash changed: their condensed data is now stale. */
  readonly updated: Item[];
  readonly unchanged: number;
}

export interface ItemStore {
  /**
   * Inserts new items and updates edited ones, deduplicated by `(feedId, key)`. When the feed
   * has not been seeded, all but the newest `keepNewest` inserted items are marked as backlog
   * and the feed becomes seeded.
   */
  save(
    feedId: number,
    items: readonly NormalizedItem[],
    now: number,
    keepNewest: number,
  ): Promise<SaveItemsResult>;
  get(id: number): Promise<Item | null>;
  /** The items of these ids that exist, in no particular order: one round trip for many. */
  getMany(ids: readonly number[]): Promise<Item[]>;
  /**
   * The topic readings of these items (see {@link Condensed.topicScores}), by id; an item that is
   * missing, not condensed or read before readings were kept is left out. Reads nothing else.
   */
  topicScores(ids: readonly number[]): Promise<Map<number, TopicScores>>;
  /** Newest items of a feed by publication time. */
  latest(feedId: number, limit: number): Promise<Item[]>;
  /** Items never condensed, or edited since: the condense step's work list, oldest first. */
  needingCondense(limit: number): Promise<Item[]>;
  /**
   * Claims up to `limit` items needing condense (as {@link needingCondense} lists them) that no
   * other process holds, each until `now + claimMs`, oldest first. A claim ends when its item is
   * saved condensed, or when its time runs out.
   */
  claimCondense(now: number, limit: number, claimMs: number): Promise<Item[]>;
  /** Stores what condense made of several items in one transaction and ends their claims. */
  saveCondensedMany(entries: readonly CondensedEntry[]): Promise<void>;
  /**
   * Ends the claims on items this process claimed until `claimedUntil` and will not condense (it is
   * stopping); an item claimed again since, by another process once this claim ran out, keeps that.
   */
  releaseCondense(itemIds: readonly number[], claimedUntil: number): Promise<void>;
  /** Stores what condense made of an item, and the story it joined (null keeps the item's own). */
  saveCondensed(itemId: number, condensed: Condensed, storyId: number | null): Promise<void>;
  /** Gives an item the picture its page names (`og:image`) unless its feed gave one. */
  setImage(itemId: number, url: string): Promise<void>;
  /** Condensed items first seen at or after `since`, with every column. */
  recentCondensed(since: number): Promise<Item[]>;
  /**
   * What the story engine reads of the condensed items first seen at or after `since`: the
   * preparation stored under `key` where there is one, the text otherwise (and always without a key).
   */
  storyFeatures(since: number, key?: number): Promise<StoryFeatureRow[]>;
  /**
   * Condensed items in no story yet, in the order condensing claims them (first seen, then
   * published): the story engine's work list, in batches that do not reach back before the last
   * one within a poll. Items that come
   * after one another process is condensing at `now` (a live claim, in claim order) wait for it:
   * filed out of order, they would make the engine replay the window when the earlier one came.
   */
  unclustered(limit: number, now: number, key?: number): Promise<StoryFeatureRow[]>;
  /** How many items `unclustered` would list at `now`, counted up to `limit` (a cheap look at the story step's backlog). */
  unclusteredCount(limit: number, now: number): Promise<number>;
}

/** What condense made of one item. */
export interface CondensedEntry {
  readonly itemId: number;
  readonly condensed: Condensed;
  /** What the story engine reads of it, prepared from the stored text (none: the engine reads the text). */
  readonly prepared?: { readonly key: number; readonly data: string } | null;
}

/** An item as the story engine reads it: what clustering compares, and no more. */
export interface StoryFeatureRow {
  readonly id: number;
  readonly feedId: number;
  readonly key: string;
  readonly url: string | null;
  /** Null when it comes prepared. */
  readonly title: string | null;
  /** The opening of its text; null when it comes prepared. */
  readonly lead: string | null;
  /** Its stored preparation (src/stories/stored-preparation.ts), when one under the key asked for is stored. */
  readonly prepared: string | null;
  readonly language: string;
  readonly publishedAt: number;
  readonly firstSeenAt: number;
  readonly storyId: number | null;
}

/** Characters of an item's text the story engine reads. */
export const STORY_LEAD_CHARS = 600;

/** One clustering step, written at once. */
export interface ClusteringChange {
  /** Stories to create; an assignment names one by its index here. */
  readonly created: readonly NewStory[];
  /** Stories whose shown fields change. */
  readonly updated: readonly { readonly id: number; readonly story: NewStory }[];
  /** Items and the story each now belongs to: a stored id, or the index of a created one. */
  readonly assigned: readonly {
    readonly itemId: number;
    readonly story: number | { readonly created: number };
  }[];
}

export interface NewStory {
  readonly leadItemId: number;
  readonly headline: string;
  readonly summary: string;
  readonly url: string | null;
  /** Topic ids, main topics first. */
  readonly topics: readonly string[];
  /** How many leading `topics` are main topics. */
  readonly mainTopics: number;
  readonly entities: readonly string[];
  readonly publishedAt: number;
  /** Story kind bits; none by default. */
  readonly flags?: number;
  /** Representative member per language. */
  readonly leads?: Readonly<Record<string, number>>;
}

export interface StoryStore {
  create(story: NewStory, now: number): Promise<number>;
  /** Replaces a story's shown fields, e.g. when a more central item becomes its lead. */
  update(id: number, story: NewStory, now: number): Promise<void>;
  get(id: number): Promise<Story | null>;
  /**
   * Writes a clustering step in one transaction: creates stories, moves items into them and
   * updates what stories show. Returns the ids of the created stories, in order.
   */
  applyClustering(change: ClusteringChange, now: number): Promise<number[]>;
  /**
   * Stories for a subscription's next digest: those with at least one non-backlog item from
   * the subscription's feeds, published at or after that feed's `since` (or first seen after the
   * feed was followed and at or after `since`, however early its date), and first seen at or
   * after `notBefore`, that were never put in a digest of this subscription.
   */
  candidates(subscriptionId: number, notBefore: number): Promise<Story[]>;
  /**
   * Stories shown to a subscription that have an item first seen at or after `notBefore`, with the
   * outlets each showed (only those recorded since outlets were), the part that showed it and
   * whether an edit of that part waits in the outbox.
   */
  shown(subscriptionId: number, notBefore: number): Promise<ShownStory[]>;
}

/** A story as a chat was last shown it. */
export interface ShownStory {
  readonly story: Story;
  /** Feeds whose telling the chat saw. */
  readonly shownFeedIds: readonly number[];
  /** The part that showed it, and whether that part reached the chat. */
  readonly partId: number | null;
  readonly partSent: boolean;
  /** When that part reached the chat. */
  readonly partSentAt: number | null;
  /** How many stories that part shows: only a message of one story may be rewritten as it. */
  readonly partStories: number;
  /** An edit of that part is pending: a newer one would only repeat it. */
  readonly editPending: boolean;
  /** An edit of that part was given up (the message was deleted): it is not rewritten again. */
  readonly editRefused: boolean;
}

/** Where a page of due subscriptions ended. */
export interface DueCursor {
  readonly nextDigestAt: number;
  readonly id: number;
}

export interface NewSubscription extends ChatAddress {
  readonly schedule: string;
  readonly timezone: string;
  readonly nextDigestAt: number | null;
}

export interface SubscriptionStore {
  /** Returns the subscription at this address, creating it when new. */
  ensure(sub: NewSubscription, now: number): Promise<Subscription>;
  find(address: ChatAddress): Promise<Subscription | null>;
  get(id: number): Promise<Subscription | null>;
  list(platform?: PlatformName): Promise<Subscription[]>;
  remove(id: number): Promise<void>;
  /**
   * Follows a feed; false when already followed. `since` bounds the history it sees; `addedBy`
   * names the topic that brought it (null: followed on its own, which a feed added by a topic
   * becomes when followed again on its own).
   */
  addFeed(
    subscriptionId: number,
    feedId: number,
    since: number,
    now: number,
    addedBy?: string | null,
  ): Promise<boolean>;
  /** Stops following, with the chat's filters on that feed; false when it was not followed. */
  removeFeed(subscriptionId: number, feedId: number): Promise<boolean>;
  feeds(subscriptionId: number): Promise<SubscribedFeed[]>;
  /** Subscriptions following a feed. */
  followers(feedId: number): Promise<Subscription[]>;
  setSchedule(
    id: number,
    schedule: string,
    timezone: string,
    nextDigestAt: number | null,
  ): Promise<Subscription>;
  setNextDigestAt(id: number, nextDigestAt: number | null): Promise<void>;
  /** Switches live mode on (since `since`) or off (null). */
  setLive(id: number, since: number | null): Promise<Subscription>;
  /** Sets the breaking lane of digest mode, or turns it off (null). */
  setBreaking(id: number, lane: BreakingLane | null): Promise<Subscription>;
  /**
   * Unpaused subscriptions of a platform whose next digest is due at `now`, in order of that time
   * then id, after `after` (keyset paging over an index: no subscription that is not due is read).
   */
  due(platform: PlatformName, now: number, limit: number, after?: DueCursor | null): Promise<Subscription[]>;
  /** Unpaused subscriptions of a platform that have no next digest time yet. */
  unscheduled(platform: PlatformName, limit: number): Promise<Subscription[]>;
  /** The earliest next digest time of these platforms' unpaused subscriptions; null when none. */
  nextDigestDue(platforms: readonly PlatformName[]): Promise<number | null>;
  /** Unpaused subscriptions that are live or have a breaking lane, by id. */
  live(): Promise<Subscription[]>;
  /** Pauses delivery with a reason, or resumes it with null. */
  setPaused(id: number, reason: string | null): Promise<void>;
  /** Moves every subscription of a chat to a new chat id (a Telegram group became a supergroup). */
  moveChat(platform: PlatformName, fromChatId: string, toChatId: string): Promise<number>;
  /**
   * Adds a mute that runs out at `expiresAt` (never when null or absent); false when it was
   * already muted until then. Muting again with another expiry replaces the old one.
   */
  mute(subscriptionId: number, term: string, now: number, expiresAt?: number | null): Promise<boolean>;
  /** Removes a mute; false when it was not muted. */
  unmute(subscriptionId: number, term: string): Promise<boolean>;
  mutes(subscriptionId: number): Promise<Mute[]>;
  /** Shows or hides pictures in the subscription's digests. */
  setImages(id: number, images: boolean): Promise<Subscription>;
  /** Mentions `roleId` for stories mainly about `topic`; replaces the topic's role, if any. */
  setPing(subscriptionId: number, topic: string, roleId: string, now: number): Promise<void>;
  /** Stops mentioning a role for the topic; false when none was set. */
  removePing(subscriptionId: number, topic: string): Promise<boolean>;
  pings(subscriptionId: number): Promise<TopicPing[]>;
}

/** A filter to add or remove: `feedId` null for the whole chat. */
export interface NewFilter {
  readonly feedId: number | null;
  readonly pattern: string;
  readonly regex: boolean;
}

/**
 * What one chat chose about its feeds and stories besides following and muting. Feeds named here
 * must be followed by the subscription; a method returns false when it changed nothing.
 */
export interface PreferenceStore {
  /** Gives a followed feed this chat's own name; null restores the feed's. False when not followed. */
  renameFeed(subscriptionId: number, feedId: number, name: string | null): Promise<boolean>;
  /** Stops a followed feed contributing to this chat's digests; false when not followed or paused already. */
  pauseFeed(subscriptionId: number, feedId: number, now: number): Promise<boolean>;
  /**
   * Lets a paused feed contribute again, from `now` on: what it published meanwhile stays history.
   * False when it was not paused.
   */
  resumeFeed(subscriptionId: number, feedId: number, now: number): Promise<boolean>;
  /** Adds a filter; false when the chat has it already. */
  addFilter(subscriptionId: number, filter: NewFilter, now: number): Promise<boolean>;
  /** Removes a filter; false when the chat did not have it. */
  removeFilter(subscriptionId: number, filter: NewFilter): Promise<boolean>;
  /** The chat's filters, oldest first. */
  filters(subscriptionId: number): Promise<StoryFilter[]>;
}

/** A digest to persist before anything is sent. */
export interface NewDigest {
  readonly subscriptionId: number;
  readonly slot: number;
  /** Stories it shows: they are never shown to this subscription again. */
  readonly storyIds: readonly number[];
  readonly parts: readonly RenderedPart[];
  /** The subscription's next slot after this one. */
  readonly nextDigestAt: number | null;
  /** A live or breaking post: the schedule's cursor stays where it is. */
  readonly keepCursor?: boolean;
  /** The outlets each story is shown with now, new stories and grown ones alike. */
  readonly shownFeeds?: readonly { readonly storyId: number; readonly feedIds: readonly number[] }[];
  /** Edits of messages already sent, after the parts. */
  readonly edits?: readonly NewEdit[];
}

/** A rewrite of a message already sent: `editOf` is the part that sent it. */
export interface NewEdit {
  readonly editOf: number;
  readonly payload: string;
}

export interface OutboxStore {
  /**
   * Stores a digest, its parts and its stories, and moves the subscription's cursor, in one
   * transaction. Returns null when a digest for this subscription and slot already exists, so a
   * slot is never composed twice.
   */
  createDigest(digest: NewDigest, now: number): Promise<number | null>;
  /**
   * Pending parts due at `now`, oldest digest first and in order within a digest, after `after`:
   * a delivery pass pages through the queue by this key instead of sorting every due part.
   */
  pending(
    now: number,
    limit: number,
    platform?: PlatformName,
    after?: PartCursor | null,
  ): Promise<OutboxPart[]>;
  /** Pending parts of one digest, in order. */
  pendingOf(digestId: number): Promise<OutboxPart[]>;
  markSent(partId: number, platformMessageId: string, now: number): Promise<void>;
  /**
   * Schedules another attempt after a transient failure; `counted` false when the platform only
   * asked to wait (a 429), which is no failure of the part and spends none of its attempts.
   */
  markRetry(partId: number, error: string, nextAttemptAt: number, counted?: boolean): Promise<void>;
  /**
   * Gives up on a part and the rest of its digest after a permanent failure, in one transaction:
   * the stories those parts show go back to the subscription's next digest (each story once: one
   * put back before stays shown), and the chat is to be told unless it was told of a failure
   * since a part last reached it.
   */
  markFailed(partId: number, error: string, now: number): Promise<FailedParts>;
  /**
   * Gives up on one edit alone, quietly: the message it would rewrite stays as it is (someone
   * deleted it, say) and is not rewritten again; nothing else of its digest changes.
   */
  dropEdit(partId: number, error: string): Promise<void>;
  /** When the next pending part of these platforms (all when omitted) falls due; null when none waits. */
  nextDueAt(platforms?: readonly PlatformName[]): Promise<number | null>;
}

/** Where a page of pending parts ended: its last part's digest and place in it. */
export interface PartCursor {
  readonly digestId: number;
  readonly seq: number;
}

/** What giving up on a part did. */
export interface FailedParts {
  readonly subscriptionId: number;
  /** Stories that will be offered to the subscription's next digest again. */
  readonly returnedStoryIds: readonly number[];
  /** True when the chat should hear why, once. */
  readonly tellChat: boolean;
}

/**
 * Named leases: which of several processes sharing the store does a job that must not run twice
 * at once (condensing, delivering one platform's digests). A lease is held until it runs out.
 */
export interface LeaseStore {
  /**
   * Takes or renews `name` for `holder` until `now + ttlMs`. True when `holder` now holds it:
   * nobody held it, the last holder's time ran out, or `holder` already held it.
   */
  acquire(name: string, holder: string, now: number, ttlMs: number): Promise<boolean>;
  /** Gives `name` up at once when `holder` holds it, so another process can take over. */
  release(name: string, holder: string): Promise<void>;
}

/** What the daily prune removes. */
export interface RetentionCutoffs {
  /**
   * Items and stories first seen (stories: last joined) before this go, unless a pending part
   * shows the story or the item's feed still lists it (it would come back as new).
   */
  readonly itemsBefore: number;
  /** Digests created before this whose parts were all sent or given up go, with their parts. */
  readonly digestsBefore: number;
}

/** Rows the prune removed. */
export interface PruneResult {
  readonly items: number;
  readonly stories: number;
  readonly digests: number;
}

/** Keeps the database from growing without end. */
export interface RetentionStore {
  /** Deletes what the cutoffs let go, `batch` rows a statement, yielding between statements. */
  prune(cutoffs: RetentionCutoffs, batch: number): Promise<PruneResult>;
  /** Gives freed pages back to the file system where the engine does not do it on its own. */
  reclaim(): Promise<void>;
}

/** How long an item stays marked as listed by its feed before the mark is refreshed. */
export const LISTED_REFRESH_MS = 6 * 3_600_000;

/** How much work waits, for metrics. */
export interface QueueDepths {
  /** Digest parts not yet sent (waiting or retrying). */
  readonly outbox: number;
  /** Items waiting to be condensed, new or edited. */
  readonly condense: number;
  /** Followed, enabled feeds whose next poll is due. */
  readonly feedsDue: number;
}

/** Cheap questions about the store itself, for health checks and metrics. */
export interface StatsStore {
  /** Resolves when the database answers a trivial query; rejects otherwise. */
  ping(): Promise<void>;
  queueDepths(now: number): Promise<QueueDepths>;
}

/** The database cannot be opened or migrated; the message names it (never its password) and why. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}

/** A write failed because the disk holding the database is full; nothing of that call was kept. */
export class StoreFullError extends Error {
  override readonly name = 'StoreFullError';
}

/** True for the errors a {@link StoreFault} already reported: their callers need not log them again. */
export function isStoreFault(error: unknown): boolean {
  return error instanceof StoreFullError || error instanceof StoreUnavailableError;
}
