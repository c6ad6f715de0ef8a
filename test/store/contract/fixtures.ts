import type { Condensed, Feed, NormalizedItem, Subscription } from '../../../src/core/types.js';
import type { NewStory, NewSubscription, Store } from '../../../src/store/store.js';

/** The fixed "now" of every contract test: 2025-01-15 12:00 UTC. */
export const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** Hands the current test's store to a group of contract tests. */
export type GetStore = () => Store;

/** A normalised feed entry; the content hash follows the text unless given. */
export function entry(key: string, overrides: Partial<NormalizedItem> = {}): NormalizedItem {
  const text = overrides.text ?? `Text of ${key}`;
  return {
    key,
    url: `https://news.example/${key}`,
    title: `Title ${key}`,
    text,
    author: null,
    imageUrl: null,
    publishedAt: NOW - HOUR,
    categories: [],
    contentHash: `hash:${text}`,
    ...overrides,
  };
}

/** A subscription request for a chat; no thread unless given. */
export function chat(chatId: string, overrides: Partial<NewSubscription> = {}): NewSubscription {
  return {
    platform: 'telegram',
    chatId,
    threadId: '',
    schedule: '0 8 * * *',
    timezone: 'Europe/Berlin',
    nextDigestAt: NOW + HOUR,
    ...overrides,
  };
}

/** What condense made of an item with this content hash. */
export function condensedFor(contentHash: string, overrides: Partial<Condensed> = {}): Condensed {
  return {
    summary: 'A short summary.',
    topics: ['politics', 'europe'],
    mainTopics: 1,
    entities: ['Brussels'],
    topicScores: { politics: 0.71, world: 0.2 },
    language: 'en',
    contentHash,
    ...overrides,
  };
}

/** A story led by `leadItemId`. */
export function storyOf(leadItemId: number, overrides: Partial<NewStory> = {}): NewStory {
  return {
    leadItemId,
    headline: 'Headline',
    summary: 'Story summary.',
    url: 'https://news.example/story',
    topics: ['politics'],
    mainTopics: 1,
    entities: ['Brussels'],
    publishedAt: NOW - HOUR,
    ...overrides,
  };
}

/** A feed followed by a (new or existing) subscription of `chatId`, so that it can be claimed. */
export async function followedFeed(
  store: Store,
  url: string,
  options: { chatId?: string; since?: number; now?: number } = {},
): Promise<{ feed: Feed; sub: Subscription }> {
  const now = options.now ?? NOW;
  const feed = await store.feeds.upsert({ url }, now);
  const sub = await store.subscriptions.ensure(chat(options.chatId ?? 'chat-1'), now);
  await store.subscriptions.addFeed(sub.id, feed.id, options.since ?? 0, now);
  return { feed, sub };
}

/** Saves items into an already seeded feed (so none is backlog) and returns them in batch order. */
export async function liveItems(store: Store, feedId: number, entries: readonly NormalizedItem[], now = NOW) {
  const feed = await store.feeds.get(feedId);
  if (feed === null) throw new Error(`no feed ${feedId}`);
  if (!feed.seeded) await store.items.save(feedId, [], now, 0);
  const { inserted } = await store.items.save(feedId, entries, now, 0);
  return inserted;
}

/** Condenses an item into a new story led by it; returns the story id. */
export async function storyFor(
  store: Store,
  itemId: number,
  overrides: Partial<NewStory> = {},
): Promise<number> {
  const item = await store.items.get(itemId);
  if (item === null) throw new Error(`no item ${itemId}`);
  const storyId = await store.stories.create(storyOf(itemId, overrides), NOW);
  await store.items.saveCondensed(itemId, condensedFor(item.contentHash), storyId);
  return storyId;
}
