import type { Subscription } from '../../src/core/types.js';
import type { Store } from '../../src/store/store.js';
import { fileAsStory, item } from '../helpers/seed.js';

/** A story as a test wants it told. */
export interface SeedStory {
  readonly headline: string;
  readonly summary: string;
  readonly url?: string;
  readonly topic?: string;
}

/** A Telegram chat following one feed whose items each became a story, as if polled and condensed. */
export async function seedTelegramStories(
  store: Store,
  chatId: string,
  stories: readonly SeedStory[],
  now: number,
  threadId = '',
): Promise<Subscription> {
  const subscription = await store.subscriptions.ensure(
    { platform: 'telegram', chatId, threadId, schedule: '0 8 * * *', timezone: 'UTC', nextDigestAt: null },
    now,
  );
  const feed = await store.feeds.upsert(
    { url: `https://feeds.example/${chatId}.xml`, title: 'Example Feed' },
    now,
  );
  await store.subscriptions.addFeed(subscription.id, feed.id, 0, now);
  const items = stories.map((s, i) =>
    item(`${chatId}-${i}`, {
      title: s.headline,
      text: s.summary,
      url: s.url ?? `https://example.org/${chatId}/${i}`,
      publishedAt: now - (stories.length - i) * 60_000,
    }),
  );
  const saved = await store.items.save(feed.id, items, now, items.length);
  for (const [i, stored] of saved.inserted.entries()) {
    const topics = [stories[i]?.topic ?? 'world'];
    await fileAsStory(
      store,
      stored,
      { headline: stored.title ?? '', summary: stored.text, url: stored.url, topics },
      now,
    );
  }
  return subscription;
}

/** `count` ordinary stories of about 500 characters each. */
export function plainStories(count: number, prefix = 'Story'): SeedStory[] {
  return Array.from({ length: count }, (_, i) => ({
    headline: `${prefix} ${i} makes the news`,
    summary: `${prefix} ${i}: ${'officials said the matter would be looked into carefully, '.repeat(8).trim()}`,
  }));
}
