/**
 * Domain values shared by every step of the pipeline. Times are epoch milliseconds (UTC);
 * ids are the store's. Nothing here depends on a platform, a library or the store's engine.
 */

/** Where a subscription lives. `console` prints to stdout. */
export type PlatformName = 'console' | 'discord' | 'telegram';

/** A feed Gazette polls, with the state of its polling. */
export interface Feed {
  readonly id: number;
  /** The URL polled; a permanent redirect replaces it. */
  readonly url: string;
  /** Stable id in the configured catalog, when the feed came from it. */
  readonly catalogId: string | null;
  readonly title: string | null;
  readonly siteUrl: string | null;
  readonly etag: string | null;
  readonly lastModified: string | null;
  readonly createdAt: number;
  /** When the feed should next be polled. */
  readonly nextPollAt: number;
  readonly lastPolledAt: number | null;
  readonly lastSuccessAt: number | null;
  /** Publication time of the newest item the feed has carried (first-seen time for undated ones). */
  readonly lastNewItemAt: number | null;
  readonly consecutiveFailures: number;
  /** Named reason of the last failure, kept until a success clears it. */
  readonly lastError: string | null;
  /** Set when polling stopped for good; subscribers are told once. */
  readonly disabledReason: string | null;
  readonly disabledNoticeSent: boolean;
  /** False until the first successful poll has seeded the feed's history. */
  readonly seeded: boolean;
  /**
   * The language most of its items are written in, as its last document that said showed; null
   * until one did. It decides the language of an item whose own text nearly ties.
   */
  readonly language: string | null;
}

/** One entry of a feed after normalisation, before the store gives it an id. */
export interface NormalizedItem {
  /** Stable id within its feed: guid, else canonical link, else a hash of title and link. */
  readonly key: string;
  /** Canonical article URL, tracking parameters removed. */
  readonly url: string | null;
  readonly title: string | null;
  /** Plain text of the item's content or description. */
  readonly text: string;
  readonly author: string | null;
  /** Publication time; null when missing or absurd (the store falls back to first-seen). */
  readonly publishedAt: number | null;
  readonly categories: readonly string[];
  /** The item's picture: an absolute http(s) address, not yet checked; null when none. */
  readonly imageUrl: string | null;
  /** Hash of title, url and text: a change means the item was edited. */
  readonly contentHash: string;
}

/** An item as stored. */
export interface Item extends Omit<NormalizedItem, 'publishedAt'> {
  readonly id: number;
  readonly feedId: number;
  readonly firstSeenAt: number;
  /** Publication time, or first-seen when the feed gave none. */
  readonly publishedAt: number;
  /** History found when the feed was first polled: never digested. */
  readonly backlog: boolean;
  /** Null until condensed. */
  readonly storyId: number | null;
  readonly condensed: Condensed | null;
}

/** Probability by topic id: how condensing read an item. */
export type TopicScores = Readonly<Record<string, number>>;

/** What the condense step made of an item. */
export interface Condensed {
  readonly summary: string;
  /** Topic ids, main topics first. */
  readonly topics: readonly string[];
  /** How many leading `topics` the item is mainly about; muting any of them removes it. */
  readonly mainTopics: number;
  /** Main named entities, most important first. */
  readonly entities: readonly string[];
  /**
   * The probability of each topic id as the item was read (those under a thousandth left out);
   * empty when nothing was known of it, or it was condensed before readings were kept.
   */
  readonly topicScores: TopicScores;
  readonly language: string;
  /** The item's content hash when it was condensed: a different one means condense again. */
  readonly contentHash: string;
}

/** A summary of one article: the chosen sentences, in article order. */
export interface Summary {
  readonly text: string;
  readonly sentences: readonly string[];
  readonly language: string;
}

/** One outlet's telling of a story. */
export interface StorySource {
  readonly itemId: number;
  readonly feedId: number;
  readonly feedTitle: string;
  readonly url: string | null;
  readonly title: string | null;
  readonly publishedAt: number;
  /** Its condensed summary and language, once condensed. */
  readonly summary: string | null;
  readonly language: string | null;
  /** Its item's picture, unchecked. */
  readonly imageUrl: string | null;
}

/** A story that is a roundup of several events: it ranks below news of one event. */
export const STORY_ROUNDUP = 1;
/** A story whose lead is a video page. */
export const STORY_VIDEO = 2;
/** A story whose lead sits in an outlet's opinion section. */
export const STORY_OPINION = 4;

/** The same news told by one or more outlets. */
export interface Story {
  readonly id: number;
  readonly headline: string;
  readonly summary: string;
  readonly url: string | null;
  /** Topic ids, main topics first. */
  readonly topics: readonly string[];
  /** How many leading `topics` the story is mainly about: its lead item's count. */
  readonly mainTopics: number;
  readonly entities: readonly string[];
  /** The item whose summary the story shows. */
  readonly leadItemId: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Earliest publication among its sources. */
  readonly publishedAt: number;
  readonly sources: readonly StorySource[];
  /** {@link STORY_ROUNDUP}, {@link STORY_VIDEO} and {@link STORY_OPINION} bits. */
  readonly flags: number;
  /** The member that best stands for the story in each language its members are written in. */
  readonly leads: Readonly<Record<string, number>>;
}

/** Where a subscription posts: a chat or channel, and optionally a thread or forum topic in it. */
export interface ChatAddress {
  readonly platform: PlatformName;
  readonly chatId: string;
  /** Thread or forum topic; empty string when none, so addresses compare by value. */
  readonly threadId: string;
}

/** A chat that follows feeds, with its schedule. */
export interface Subscription extends ChatAddress {
  readonly id: number;
  /** Cron expression (five or six fields). */
  readonly schedule: string;
  /** IANA time zone the schedule is read in. */
  readonly timezone: string;
  readonly createdAt: number;
  /** The scheduled slot of the last digest composed, if any. */
  readonly lastDigestAt: number | null;
  /** The next slot due: a slot in the past is delivered once at start. */
  readonly nextDigestAt: number | null;
  /** Delivery stopped, e.g. the bot lost access; null when active. */
  readonly pausedReason: string | null;
  /** When live mode was switched on (each story posted as it comes); null: digests. */
  readonly liveSince: number | null;
  /** In digest mode, stories told widely and fast enough are posted at once; null: off. */
  readonly breaking: BreakingLane | null;
  /** Whether digests show the stories' pictures. */
  readonly images: boolean;
}

/** A story that reaches `outlets` outlets within `windowMs` is breaking news. */
export interface BreakingLane {
  readonly outlets: number;
  readonly windowMs: number;
}

/** A feed as followed by one subscription. */
export interface SubscribedFeed {
  readonly feed: Feed;
  readonly addedAt: number;
  /** Items published before this are history for this subscription. */
  readonly since: number;
  /** The topic whose subscription added the feed; null when the chat followed it on its own. */
  readonly addedBy: string | null;
  /** The name this chat gave the feed (`/rename`); null shows the feed's own. */
  readonly name: string | null;
  /** When this chat paused the feed (`/pause`); null while it contributes to digests. */
  readonly pausedAt: number | null;
}

/** Keeps only the stories that mention something: for the whole chat, or for one of its feeds. */
export interface StoryFilter {
  readonly id: number;
  readonly subscriptionId: number;
  /** The feed whose stories it filters; null for every feed of the chat. */
  readonly feedId: number | null;
  /** A word or phrase, or a regular expression (RE2 syntax) when `regex`. */
  readonly pattern: string;
  readonly regex: boolean;
  readonly createdAt: number;
}

/** A topic or entity muted in one subscription. Topic ids and free keywords share one list. */
export interface Mute {
  readonly subscriptionId: number;
  /** Topic id (e.g. `sport`) or a lower-cased keyword or entity (e.g. `premier league`). */
  readonly term: string;
  readonly createdAt: number;
  /** When the mute stops applying; null for never. */
  readonly expiresAt: number | null;
}

/** A role a Discord channel mentions when a digest shows a story mainly about a topic. */
export interface TopicPing {
  readonly topic: string;
  readonly roleId: string;
}

/** A topic of the taxonomy in `config/topics.yaml`. */
export interface Topic {
  readonly id: string;
  readonly label: string;
  readonly emoji: string;
  /** Section names (feed categories, URL sections) that stand for this topic, lower-cased. */
  readonly categories: readonly string[];
}

/** One entry of a composed digest. */
export interface DigestEntry {
  readonly storyId: number;
  readonly headline: string;
  readonly url: string | null;
  readonly summary: string;
  readonly topics: readonly Topic[];
  /** The leading topics the story is mainly about: muting one of them removes it. */
  readonly mainTopics: readonly Topic[];
  readonly sources: readonly { readonly name: string; readonly url: string | null }[];
  readonly publishedAt: number;
  /**
   * Set when the chat was shown this story before and it grew since: how many outlets joined.
   * `sources` then holds only the new ones.
   */
  readonly addedOutlets?: number;
  /** A picture checked to be a reachable, public, small enough image; null when none or switched off. */
  readonly imageUrl: string | null;
}

/** A digest for one subscription, before any platform renders it. */
export interface Digest {
  readonly subscriptionId: number;
  /** The schedule slot (or request time) it was composed for. */
  readonly slot: number;
  /** The subscription's time zone, for dates shown in the digest. */
  readonly timeZone: string;
  readonly title: string;
  readonly entries: readonly DigestEntry[];
  /** Followed feeds that brought at least one of the digest's stories. */
  readonly feedCount: number;
  /** Labels of the muted terms that removed at least one story. */
  readonly mutedApplied: readonly string[];
  /** Stories left out because the cap was reached. */
  readonly omitted: number;
  /** Stories the chat's mutes and filters left out since its last digest, by reason; absent when none were. */
  readonly leftOut?: LeftOut;
  /** Every story they hold back now, new or waiting from before; what an empty answer names. */
  readonly heldBack?: LeftOut;
  /** A live or breaking post: one story a message under a short title, not a scheduled digest. */
  readonly kind?: 'live' | 'breaking';
  /** Roles to mention for the topics of the stories shown (Discord). */
  readonly pings: readonly TopicPing[];
}

/** What a digest left out on purpose, for its footer. */
export interface LeftOut {
  /** Per muted term (its label), how many stories it removed; most first. */
  readonly muted: readonly { readonly label: string; readonly count: number }[];
  /** Stories that matched none of the chat's filters. */
  readonly unmatched: number;
}

/** One message of a rendered digest; the payload is the platform's own, as JSON. */
export interface RenderedPart {
  readonly payload: string;
  /** Stories the part shows: they go back to the chat's next digest if the part never arrives. */
  readonly storyIds?: readonly number[];
}

/** A part of a digest waiting in, or delivered from, the outbox. */
export interface OutboxPart {
  readonly id: number;
  readonly digestId: number;
  readonly subscriptionId: number;
  readonly address: ChatAddress;
  readonly seq: number;
  readonly payload: string;
  readonly state: 'pending' | 'sent' | 'failed';
  readonly attempts: number;
  readonly nextAttemptAt: number;
  readonly platformMessageId: string | null;
  readonly lastError: string | null;
  /** An edit: the part whose message this part rewrites; null for a message of its own. */
  readonly editOf: number | null;
  /** The platform's id of the message an edit rewrites, once that message was sent. */
  readonly editMessageId: string | null;
}
