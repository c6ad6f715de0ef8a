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
  Story,
  SubscribedFeed,
  Subscription,
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
   * Feeds due at `now` that are followed by at least one subscription, not disabled, and not
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
  /** Stores what condense made of an item, and the story it joined (null keeps the item's own). */
  saveCondensed(itemId: number, condensed: Condensed, storyId: number | null): Promise<void>;
  /** Condensed items first seen at or after `since`, with every column. */
  recentCondensed(since: number): Promise<Item[]>;
  /** What the story engine reads of the condensed items first seen at or after `since`. */
  storyFeatures(since: number): Promise<StoryFeatureRow[]>;
  /** Condensed items in no story yet, oldest first: the story engine's work list. */
  unclustered(limit: number): Promise<StoryFeatureRow[]>;
}

/** What condense made of one item. */
export interface CondensedEntry {
  readonly itemId: number;
  readonly condensed: Condensed;
}

/** An item as the story engine reads it: what clustering compares, and no more. */
export interface StoryFeatureRow {
  readonly id: number;
  readonly feedId: number;
  readonly key: string;
  readonly url: string | null;
  readonly title: string | null;
  /** The opening of its text. */
  readonly lead: string;
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
   * the subscription's feeds, published at or after that feed's `since` and first seen at or
   * after `notBefore`, that were never put in a digest of this subscription.
   */
  candidates(subscriptionId: number, notBefore: number): Promise<Story[]>;
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
  /** Stops following; false when it was not followed. */
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
  /** Pauses delivery with a reason, or resumes it with null. */
  setPaused(id: number, reason: string | null): Promise<void>;
  /** Moves every subscription of a chat to a new chat id (a Telegram group became a supergroup). */
  moveChat(platform: PlatformName, fromChatId: string, toChatId: string): Promise<number>;
  /** Adds a mute; false when already muted. */
  mute(subscriptionId: number, term: string, now: number): Promise<boolean>;
  /** Removes a mute; false when it was not muted. */
  unmute(subscriptionId: number, term: string): Promise<boolean>;
  mutes(subscriptionId: number): Promise<Mute[]>;
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
}

export interface OutboxStore {
  /**
   * Stores a digest, its parts and its stories, and moves the subscription's cursor, in one
   * transaction. Returns null when a digest for this subscription and slot already exists, so a
   * slot is never composed twice.
   */
  createDigest(digest: NewDigest, now: number): Promise<number | null>;
  /** Pending parts due at `now`, oldest digest first and in order within a digest. */
  pending(now: number, limit: number, platform?: PlatformName): Promise<OutboxPart[]>;
  /** Pending parts of one digest, in order. */
  pendingOf(digestId: number): Promise<OutboxPart[]>;
  markSent(partId: number, platformMessageId: string, now: number): Promise<void>;
  /** Schedules another attempt after a transient failure. */
  markRetry(partId: number, error: string, nextAttemptAt: number): Promise<void>;
  /**
   * Gives up on a part and the rest of its digest after a permanent failure, in one transaction:
   * the stories those parts show go back to the subscription's next digest (each story once: one
   * put back before stays shown), and the chat is to be told unless it was told of a failure
   * since a part last reached it.
   */
  markFailed(partId: number, error: string, now: number): Promise<FailedParts>;
  /** When the next pending part of these platforms (all when omitted) falls due; null when none waits. */
  nextDueAt(platforms?: readonly PlatformName[]): Promise<number | null>;
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
