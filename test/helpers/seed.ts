import type { Item, NormalizedItem, Subscription } from '../../src/core/types.js';
import type { Store } from '../../src/store/store.js';

/** A normalised item for tests. */
export function item(key: string, over: Partial<NormalizedItem> = {}): NormalizedItem {
  return {
    key,
    url: `https://example.org/${key}`,
    title: `Title ${key}`,
    text: `Text of ${key}.`,
    author: null,
    publishedAt: 1_000,
    categories: [],
    imageUrl: null,
    contentHash: `hash-${key}`,
    ...over,
  };
}

/** What a test says a condensed story shows. */
export interface StoryShape {
  readonly headline: string;
  readonly summary: string;
  readonly url: string | null;
  readonly topics: readonly string[];
}

/**
 * Files a stored item under a story as the condense step would: under `storyId` when given,
 * else under a new story it leads. Returns the story id.
 */
export async function fileAsStory(
  store: Store,
  stored: Item,
  shape: StoryShape,
  now: number,
  storyId: number | null = null,
): Promise<number> {
  // Its first topic is what the story is about, as when the text favours one topic clearly.
  const mainTopics = Math.min(1, shape.topics.length);
  const id =
    storyId ??
    (await store.stories.create(
      { leadItemId: stored.id, ...shape, mainTopics, entities: [], publishedAt: stored.publishedAt },
      now,
    ));
  await store.items.saveCondensed(
    stored.id,
    {
      summary: shape.summary,
      topics: shape.topics,
      mainTopics,
      entities: [],
      topicScores: {},
      language: 'en',
      contentHash: stored.contentHash,
    },
    id,
  );
  return id;
}

/**
 * A subscription following one feed whose items each became a story of their own, as if polled
 * and condensed. Returns the subscription and the story ids, oldest first.
 */
export async function seedStories(
  store: Store,
  count: number,
  now: number,
  address: Pick<Subscription, 'platform' | 'chatId' | 'threadId'> = {
    platform: 'console',
    chatId: 'chat',
    threadId: '',
  },
): Promise<{ subscription: Subscription; storyIds: number[] }> {
  const subscription = await store.subscriptions.ensure(
    { ...address, schedule: '0 8 * * *', timezone: 'UTC', nextDigestAt: null },
    now,
  );
  const feed = await store.feeds.upsert(
    { url: `https://feeds.example/${address.chatId}.xml`, title: 'Example Feed' },
    now,
  );
  await store.subscriptions.addFeed(subscription.id, feed.id, 0, now);
  const items = Array.from({ length: count }, (_, i) =>
    item(`${address.chatId}-${i}`, { publishedAt: now - (count - i) * 60_000 }),
  );
  const saved = await store.items.save(feed.id, items, now, count);
  const storyIds: number[] = [];
  for (const stored of saved.inserted) {
    const storyId = await fileAsStory(
      store,
      stored,
      { headline: stored.title ?? '', summary: stored.text, url: stored.url, topics: ['world'] },
      now,
    );
    storyIds.push(storyId);
  }
  return { subscription, storyIds };
}
