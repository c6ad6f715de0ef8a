import type { CompletionSource } from './command.js';
import type {
  BreakingLane,
  ChatAddress,
  Feed,
  LeftOut,
  PlatformName,
  Subscription,
  Topic,
  TopicPing,
} from './types.js';

/** A feed of the configured catalog. */
export interface CatalogEntry {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly topics: readonly string[];
  readonly language: string;
}

/** How a followed feed is doing, for `/feeds`. */
export interface FeedStatus {
  readonly feed: Feed;
  readonly name: string;
  readonly host: string;
  readonly health: 'ok' | 'failing' | 'disabled' | 'pending';
  /** When this chat paused the feed; null while it contributes. */
  readonly pausedAt: number | null;
}

/** A mute as listed: its expiry says until when it applies (an expiry past now: it no longer does). */
export interface MuteListing {
  readonly term: string;
  readonly label: string;
  readonly expiresAt: number | null;
}

/** What `/mute` did. */
export interface MuteOutcome {
  readonly term: MuteTerm;
  readonly changed: boolean;
  readonly expiresAt: number | null;
  /** The chat's time zone, for saying when the mute runs out. */
  readonly timezone: string;
}

/** A filter as a chat sees it. */
export interface FilterListing {
  /** How it is typed: a word or phrase, or `/pattern/`. */
  readonly label: string;
  /** The name of the feed it applies to; null for the whole chat. */
  readonly feed: string | null;
}

/** A followed feed a per-feed command acted on. */
export interface FeedChange {
  /** Its name in this chat after the change. */
  readonly name: string;
  readonly changed: boolean;
}

/** What `/subscribe` did. */
export interface SubscribeOutcome {
  readonly added: readonly {
    readonly name: string;
    readonly host: string;
    readonly latest: readonly string[];
    /** Why it could not be read just now; followed anyway and retried. */
    readonly problem: string | null;
  }[];
  /** Names of feeds the chat already followed. */
  readonly already: readonly string[];
  readonly subscription: Subscription;
  readonly nextDigestAt: number | null;
}

/** What `/schedule` did. */
export interface ScheduleOutcome {
  readonly schedule: string;
  readonly description: string;
  readonly timezone: string;
  readonly next: readonly number[];
}

/** What `/schedule live` or `/schedule breaking` did. */
export type LiveOutcome =
  | { readonly kind: 'live' }
  | {
      readonly kind: 'breaking';
      readonly lane: BreakingLane | null;
      /** The chat is live, so the lane applies once it is back on digests. */
      readonly whileLive: boolean;
    };

/** What `/unsubscribe` did. */
export interface UnsubscribeOutcome {
  /** Names of the feeds no longer followed. */
  readonly removed: readonly string[];
  /** Feeds of the named topic that stay, because the chat followed them on its own. */
  readonly kept: readonly string[];
}

/** What `/import` did. */
export interface ImportOutcome {
  /** Names of the feeds now followed, the unreachable ones included. */
  readonly added: readonly string[];
  readonly already: readonly string[];
  /** Refused: not a web address, not a feed, a private address. */
  readonly failed: readonly { readonly url: string; readonly reason: string }[];
  /** Followed although their site could not be reached now; polling retries them. */
  readonly unreachable: readonly { readonly url: string; readonly name: string; readonly reason: string }[];
  /** Feeds of the file not imported because a limit was reached, and which limit. */
  readonly leftOut: { readonly count: number; readonly reason: string; readonly names: readonly string[] };
}

/** A term resolved for muting: a taxonomy topic, or a free keyword or entity. */
export interface MuteTerm {
  readonly term: string;
  readonly label: string;
  readonly topic: Topic | null;
  /** For a keyword, the topic whose name it begins ("tech": Technology), which the user may have meant. */
  readonly nearTopic: Topic | null;
}

/** One autocomplete suggestion. */
export interface Completion {
  readonly name: string;
  readonly value: string;
}

/** How a chat's digests look: pictures, and the roles a Discord channel mentions per topic. */
export interface ChatDisplayServices {
  /** Shows or hides pictures; needs a subscription. */
  setImages(chat: ChatAddress, images: boolean): Promise<{ changed: boolean }>;
  /** Mentions a role (an id the platform has checked is the chat's) for a topic; needs a subscription. */
  setPing(chat: ChatAddress, topic: string, roleId: string, now: number): Promise<Topic>;
  removePing(chat: ChatAddress, topic: string): Promise<{ topic: Topic; changed: boolean }>;
  pings(chat: ChatAddress): Promise<TopicPing[]>;
}

/**
 * What commands may do. Methods throw `UserError` for anything the user can fix; the chat need
 * not have a subscription yet unless a method says so.
 */
export interface GazetteServices extends ChatDisplayServices {
  readonly topics: readonly Topic[];
  readonly catalog: readonly CatalogEntry[];
  subscribe(chat: ChatAddress, ref: string, now: number): Promise<SubscribeOutcome>;
  unsubscribe(chat: ChatAddress, ref: string): Promise<UnsubscribeOutcome>;
  feeds(chat: ChatAddress, now: number): Promise<{ feeds: FeedStatus[]; subscription: Subscription | null }>;
  /**
   * Composes a digest now into the outbox; null when nothing is new. `leftOut` says what the chat's
   * mutes and filters kept back, so an empty answer can tell "nothing came" from "all was muted".
   */
  digestNow(
    chat: ChatAddress,
    topic: string | null,
    now: number,
  ): Promise<{ digestId: number | null; stories: number; subscription: Subscription; leftOut?: LeftOut }>;
  /**
   * Lifts the chat's delivery pause (set when the platform said the chat was gone), as an admin
   * changing the chat's settings does: they re-added the bot or gave it back its rights. If it still
   * cannot post, the next digest pauses the chat again. Nothing when none is paused.
   */
  resumeDelivery(chat: ChatAddress): Promise<void>;
  resolveMute(term: string): MuteTerm;
  /** Mutes a term; an expiry (`7d`) is given apart or typed after the term (`sport 7d`). */
  mute(chat: ChatAddress, term: string, expiry: string | null, now: number): Promise<MuteOutcome>;
  unmute(chat: ChatAddress, term: string): Promise<{ term: MuteTerm; changed: boolean }>;
  /** Every mute of the chat, the ones that ran out included, oldest first. */
  mutes(chat: ChatAddress): Promise<MuteListing[]>;
  /** Keeps only stories that mention `pattern` (`/regex/`), in the whole chat or one followed feed. */
  addFilter(
    chat: ChatAddress,
    pattern: string,
    feed: string | null,
    now: number,
  ): Promise<{ filter: FilterListing; changed: boolean; count: number }>;
  removeFilter(
    chat: ChatAddress,
    pattern: string,
    feed: string | null,
  ): Promise<{ filter: FilterListing; changed: boolean }>;
  filters(chat: ChatAddress): Promise<FilterListing[]>;
  /**
   * Names a followed feed for this chat; its own name given back restores it. Null changes
   * nothing and tells the feed's current name.
   */
  renameFeed(
    chat: ChatAddress,
    feed: string,
    name: string | null,
  ): Promise<FeedChange & { previous: string }>;
  pauseFeed(chat: ChatAddress, feed: string, now: number): Promise<FeedChange>;
  resumeFeed(chat: ChatAddress, feed: string, now: number): Promise<FeedChange>;
  setSchedule(
    chat: ChatAddress,
    when: string,
    timezone: string | null,
    now: number,
  ): Promise<ScheduleOutcome>;
  /**
   * Switches to live mode, or sets or clears the breaking lane of digest mode, when `when` asks for
   * one (`live`, `breaking 5 30m`, `breaking off`); null when it is a schedule instead.
   */
  setLiveMode(chat: ChatAddress, when: string, now: number): Promise<LiveOutcome | null>;
  /** Next digest times of a subscription, at most `count`. */
  nextDigests(subscription: Subscription, count: number): number[];
  importOpml(chat: ChatAddress, opml: string, now: number): Promise<ImportOutcome>;
  exportOpml(chat: ChatAddress): Promise<string>;
  complete(source: CompletionSource, chat: ChatAddress, typed: string): Promise<Completion[]>;
  /** Moves a chat's subscriptions to its new id (a Telegram group that became a supergroup). */
  moveChat(platform: PlatformName, fromChatId: string, toChatId: string): Promise<number>;
}
