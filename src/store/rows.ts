import type {
  Feed,
  Item,
  Mute,
  OutboxPart,
  PlatformName,
  Story,
  StorySource,
  StoryFilter,
  SubscribedFeed,
  Subscription,
  TopicScores,
} from '../core/types.js';
import type { StoryFeatureRow } from './store.js';

/** A `feeds` row as either store returns it (PostgreSQL BIGINTs are read as numbers). */
export interface FeedRow {
  readonly id: number;
  readonly url: string;
  readonly catalog_id: string | null;
  readonly title: string | null;
  readonly site_url: string | null;
  readonly etag: string | null;
  readonly last_modified: string | null;
  readonly created_at: number;
  readonly next_poll_at: number;
  readonly last_polled_at: number | null;
  readonly last_success_at: number | null;
  readonly last_new_item_at: number | null;
  readonly consecutive_failures: number;
  readonly last_error: string | null;
  readonly disabled_reason: string | null;
  readonly disabled_notice_sent: number;
  readonly seeded: number;
  readonly lease_until: number | null;
  readonly language: string | null;
}

/** An `items` row as SQLite returns it. */
export interface ItemRow {
  readonly id: number;
  readonly feed_id: number;
  readonly key: string;
  readonly url: string | null;
  readonly title: string | null;
  readonly text: string;
  readonly author: string | null;
  readonly published_at: number;
  readonly first_seen_at: number;
  readonly categories: string;
  readonly content_hash: string;
  readonly image_url: string | null;
  readonly backlog: number;
  readonly story_id: number | null;
  readonly condensed_summary: string | null;
  readonly condensed_topics: string | null;
  readonly condensed_main_topics: number | null;
  readonly condensed_entities: string | null;
  readonly condensed_topic_scores: string | null;
  readonly condensed_language: string | null;
  readonly condensed_hash: string | null;
}

/** A `stories` row, with the earliest publication among its sources computed by the query. */
export interface StoryRow {
  readonly id: number;
  readonly lead_item_id: number;
  readonly headline: string;
  readonly summary: string;
  readonly url: string | null;
  readonly topics: string;
  readonly main_topics: number;
  readonly entities: string;
  readonly published_at: number;
  readonly created_at: number;
  readonly updated_at: number;
  readonly flags: number;
  readonly leads: string;
}

/** One item of a story joined with the feed it came from. */
export interface SourceRow {
  readonly item_id: number;
  readonly feed_id: number;
  readonly feed_title: string | null;
  readonly feed_catalog_id: string | null;
  readonly feed_url: string;
  readonly url: string | null;
  readonly title: string | null;
  readonly published_at: number;
  readonly condensed_summary: string | null;
  readonly condensed_language: string | null;
  readonly image_url: string | null;
}

/** The story engine's columns of an item. */
export interface StoryFeatureRowData {
  readonly id: number;
  readonly feed_id: number;
  readonly key: string;
  readonly url: string | null;
  readonly title: string | null;
  readonly lead: string | null;
  readonly story_features: string | null;
  readonly condensed_language: string | null;
  readonly published_at: number;
  readonly first_seen_at: number;
  readonly story_id: number | null;
}

/** Maps the story engine's columns of an item. */
export function toStoryFeatures(row: StoryFeatureRowData): StoryFeatureRow {
  return {
    id: row.id,
    feedId: row.feed_id,
    key: row.key,
    url: row.url,
    title: row.title,
    lead: row.lead,
    prepared: row.story_features,
    language: row.condensed_language ?? 'en',
    publishedAt: row.published_at,
    firstSeenAt: row.first_seen_at,
    storyId: row.story_id,
  };
}

/** A `subscriptions` row as SQLite returns it. */
export interface SubscriptionRow {
  readonly id: number;
  readonly platform: string;
  readonly chat_id: string;
  readonly thread_id: string;
  readonly schedule: string;
  readonly timezone: string;
  readonly created_at: number;
  readonly last_digest_at: number | null;
  readonly next_digest_at: number | null;
  readonly paused_reason: string | null;
  readonly live_since: number | null;
  readonly breaking_outlets: number | null;
  readonly breaking_window_ms: number | null;
  /** 1 or 0 (SQLite), a boolean (PostgreSQL). */
  readonly images: number | boolean;
}

/** A `mutes` row as SQLite returns it. */
export interface MuteRow {
  readonly subscription_id: number;
  readonly term: string;
  readonly created_at: number;
  readonly expires_at: number | null;
}

/** An `outbox_parts` row joined with its digest's subscription and that subscription's address. */
export interface PartRow {
  readonly id: number;
  readonly digest_id: number;
  readonly subscription_id: number;
  readonly platform: string;
  readonly chat_id: string;
  readonly thread_id: string;
  readonly seq: number;
  readonly payload: string;
  readonly state: string;
  readonly attempts: number;
  readonly next_attempt_at: number;
  readonly platform_message_id: string | null;
  readonly last_error: string | null;
  readonly edit_of: number | null;
  readonly edit_message_id: string | null;
}

/** Maps a feed row to the domain value. */
export function toFeed(row: FeedRow): Feed {
  return {
    id: row.id,
    url: row.url,
    catalogId: row.catalog_id,
    title: row.title,
    siteUrl: row.site_url,
    etag: row.etag,
    lastModified: row.last_modified,
    createdAt: row.created_at,
    nextPollAt: row.next_poll_at,
    lastPolledAt: row.last_polled_at,
    lastSuccessAt: row.last_success_at,
    lastNewItemAt: row.last_new_item_at,
    consecutiveFailures: row.consecutive_failures,
    lastError: row.last_error,
    disabledReason: row.disabled_reason,
    disabledNoticeSent: row.disabled_notice_sent === 1,
    seeded: row.seeded === 1,
    language: row.language,
  };
}

/** Maps an item row to the domain value; condensed data is null unless fully present. */
export function toItem(row: ItemRow): Item {
  const { condensed_summary: summary, condensed_language: language, condensed_hash: contentHash } = row;
  const condensed =
    summary !== null && language !== null && contentHash !== null
      ? {
          summary,
          topics: parseStrings(row.condensed_topics ?? '[]'),
          mainTopics: mainTopicsOf(row),
          entities: parseStrings(row.condensed_entities ?? '[]'),
          topicScores: parseTopicScores(row.condensed_topic_scores),
          language,
          contentHash,
        }
      : null;
  return {
    id: row.id,
    feedId: row.feed_id,
    key: row.key,
    url: row.url,
    title: row.title,
    text: row.text,
    author: row.author,
    publishedAt: row.published_at,
    firstSeenAt: row.first_seen_at,
    categories: parseStrings(row.categories),
    imageUrl: row.image_url,
    contentHash: row.content_hash,
    backlog: row.backlog === 1,
    storyId: row.story_id,
    condensed,
  };
}

/** Maps a source row, naming the outlet by feed title, else catalog id, else host name. */
export function toSource(row: SourceRow): StorySource {
  return {
    itemId: row.item_id,
    feedId: row.feed_id,
    feedTitle: nonEmpty(row.feed_title) ?? nonEmpty(row.feed_catalog_id) ?? hostOf(row.feed_url),
    url: row.url,
    title: row.title,
    publishedAt: row.published_at,
    summary: row.condensed_summary,
    language: row.condensed_language,
    imageUrl: row.image_url,
  };
}

/** A story's representative members by language, from their JSON; malformed text gives none. */
function parseLeads(json: string): Record<string, number> {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    return Object.fromEntries(
      Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
    );
  } catch {
    return {};
  }
}

/** Maps a subscription row to the domain value. */
export function toSubscription(row: SubscriptionRow): Subscription {
  return {
    id: row.id,
    platform: toPlatform(row.platform),
    chatId: row.chat_id,
    threadId: row.thread_id,
    schedule: row.schedule,
    timezone: row.timezone,
    createdAt: row.created_at,
    lastDigestAt: row.last_digest_at,
    nextDigestAt: row.next_digest_at,
    pausedReason: row.paused_reason,
    liveSince: row.live_since,
    breaking:
      row.breaking_outlets !== null && row.breaking_window_ms !== null
        ? { outlets: row.breaking_outlets, windowMs: row.breaking_window_ms }
        : null,
    images: row.images === 1 || row.images === true,
  };
}

/** Maps a mute row to the domain value. */
export function toMute(row: MuteRow): Mute {
  return {
    subscriptionId: row.subscription_id,
    term: row.term,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

/** Maps a joined outbox row to the domain value. */
export function toPart(row: PartRow): OutboxPart {
  return {
    id: row.id,
    digestId: row.digest_id,
    subscriptionId: row.subscription_id,
    address: { platform: toPlatform(row.platform), chatId: row.chat_id, threadId: row.thread_id },
    seq: row.seq,
    payload: row.payload,
    state: toPartState(row.state),
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    platformMessageId: row.platform_message_id,
    lastError: row.last_error,
    editOf: row.edit_of,
    editMessageId: row.edit_message_id,
  };
}

/** Parses a JSON list column; anything else means the file was written by something else. */
export function parseStrings(json: string): string[] {
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value) || !value.every((entry): entry is string => typeof entry === 'string')) {
    throw new Error(`expected a JSON list of strings, got ${json.slice(0, 80)}`);
  }
  return value;
}

/**
 * An item's stored topic readings; empty when it has none (condensed before they were kept) or
 * when what is stored is not an object of probabilities: a reading is advice, never worth failing
 * a digest for.
 */
export function parseTopicScores(json: string | null): TopicScores {
  if (json === null) return {};
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return {};
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const scores: Record<string, number> = {};
  for (const [topic, p] of Object.entries(value)) {
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) return {};
    scores[topic] = p;
  }
  return scores;
}

// Migration 2 filled in every condensed row and condense always writes it: a gap means another
// writer, and guessing 1 would quietly change what a mute removes.
function mainTopicsOf(row: ItemRow): number {
  if (row.condensed_main_topics === null) throw new Error(`item ${row.id} is condensed without main topics`);
  return row.condensed_main_topics;
}

function toPlatform(value: string): PlatformName {
  if (value === 'console' || value === 'discord' || value === 'telegram') return value;
  throw new Error(`unknown platform in store: ${value}`);
}

function toPartState(value: string): OutboxPart['state'] {
  if (value === 'pending' || value === 'sent' || value === 'failed') return value;
  throw new Error(`unknown outbox state in store: ${value}`);
}

function nonEmpty(value: string | null): string | null {
  return value !== null && value.trim() !== '' ? value : null;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname || url;
  } catch {
    return url;
  }
}

/** Mute terms compare by value: `Premier League ` and `premier league` are one mute. */
export function normalizeTerm(term: string): string {
  const normalized = term.trim().toLowerCase();
  if (normalized === '') throw new Error('a mute term cannot be empty');
  return normalized;
}

/** A story from its row and its sources' rows, earliest first. */
export function toStory(row: StoryRow, sources: readonly SourceRow[]): Story {
  return {
    id: row.id,
    headline: row.headline,
    summary: row.summary,
    url: row.url,
    topics: parseStrings(row.topics),
    mainTopics: row.main_topics,
    entities: parseStrings(row.entities),
    leadItemId: row.lead_item_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
    sources: sources.map(toSource),
    flags: row.flags,
    leads: parseLeads(row.leads),
  };
}

/** A feed row joined with its link to one subscription. */
export type LinkRow = FeedRow & {
  readonly link_added_at: number;
  readonly link_since: number;
  readonly link_added_by: string | null;
  readonly link_name: string | null;
  readonly link_paused_at: number | null;
};

/** A subscription's link to a feed, with the feed. */
export function toSubscribedFeed(row: LinkRow): SubscribedFeed {
  return {
    feed: toFeed(row),
    addedAt: row.link_added_at,
    since: row.link_since,
    addedBy: row.link_added_by,
    name: row.link_name,
    pausedAt: row.link_paused_at,
  };
}

/** A `filters` row. */
export interface FilterRow {
  readonly id: number;
  readonly subscription_id: number;
  readonly feed_id: number | null;
  readonly pattern: string;
  readonly regex: number | boolean;
  readonly created_at: number;
}

/** Maps a filter row to the domain value. */
export function toFilter(row: FilterRow): StoryFilter {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    feedId: row.feed_id,
    pattern: row.pattern,
    regex: row.regex === true || row.regex === 1,
    createdAt: row.created_at,
  };
}
