import type { NormalizedItem, Subscription } from '../../src/core/types.js';
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
    contentHash: `hash-${key}`,
    ...over,
  };
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
    const storyId = await store.stories.create(
      {
        leadItemId: stored.id,
        headline: stored.title ?? '',
        summary: stored.text,
        url: stored.url,
        topics: ['world'],
        entities: [],
        publishedAt: stored.publishedAt,
      },
      now,
    );
    await store.items.saveCondensed(
      stored.id,
      {
        summary: stored.text,
        topics: ['world'],
        entities: [],
        language: 'en',
        contentHash: stored.contentHash,
      },
      storyId,
    );
    storyIds.push(storyId);
  }
  return { subscription, storyIds };
}
