import { describe, expect, it } from 'vitest';
import type { Topic } from '../../src/core/types.js';
import { createDelivery } from '../../src/pipeline/deliver.js';
import { queueLiveStories, type LiveDeps } from '../../src/pipeline/live-stories.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { silentLogger } from '../helpers/logger.js';
import { createRecordingPlatform } from '../helpers/recording-platform.js';
import { fileAsStory, item } from '../helpers/seed.js';

const NOW = Date.UTC(2026, 10, 28, 9, 0);
const topics: Topic[] = [{ id: 'world', label: 'World', emoji: '🌍', categories: [] }];

/** A live chat following three outlets; `tell(i)` files outlet i's telling under one story. */
async function liveChat(store: Store) {
  const sub = await store.subscriptions.ensure(
    {
      platform: 'console',
      chatId: 'c',
      threadId: '',
      schedule: '0 8 * * *',
      timezone: 'UTC',
      nextDigestAt: null,
    },
    NOW,
  );
  await store.subscriptions.setLive(sub.id, NOW - 60_000);
  const feeds = await Promise.all(
    ['A', 'B', 'C'].map((name) =>
      store.feeds.upsert({ url: `https://${name}.example/feed`, title: name }, NOW),
    ),
  );
  for (const feed of feeds) {
    await store.subscriptions.addFeed(sub.id, feed.id, 0, NOW);
    await store.items.save(feed.id, [], NOW, 0);
  }
  let storyId: number | null = null;
  const tell = async (outlet: number, at: number): Promise<void> => {
    const feed = feeds[outlet];
    if (feed === undefined) throw new Error('no outlet');
    const { inserted } = await store.items.save(feed.id, [item(`k${outlet}`, { publishedAt: at })], at, 0);
    const [stored] = inserted;
    if (stored === undefined) throw new Error('not saved');
    const shape = { headline: 'Port blast', summary: 'It happened.', url: stored.url, topics: ['world'] };
    storyId = await fileAsStory(store, stored, shape, at, storyId);
  };
  return { sub, tell };
}

describe('queueLiveStories', () => {
  it('posts a story once, edits it only after its message was sent, one edit at a time, and respects mutes', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const platform = createRecordingPlatform('console');
    const platforms = new Map([['console' as const, platform]]);
    const deps: LiveDeps = { store, topics, maxStories: 10, maxAgeMs: 48 * 3_600_000, log: silentLogger() };
    const delivery = createDelivery({ store, log: silentLogger(), maxAttempts: 5, inFlight: () => 1 });
    const { sub, tell } = await liveChat(store);

    await tell(0, NOW);
    expect(await queueLiveStories(deps, platforms, NOW)).toBe(1);
    // A second pass before delivery finds nothing new: the story is recorded with its message.
    expect(await queueLiveStories(deps, platforms, NOW + 1)).toBe(0);
    await tell(1, NOW + 2);
    // The message is not sent yet: nothing to edit.
    expect(await queueLiveStories(deps, platforms, NOW + 3)).toBe(0);
    await delivery.run({ platforms }, () => NOW + 4);
    expect(platform.sent).toHaveLength(1);

    expect(await queueLiveStories(deps, platforms, NOW + 5)).toBe(1);
    await tell(2, NOW + 6);
    // One edit waits already; the next pass folds in outlet C.
    expect(await queueLiveStories(deps, platforms, NOW + 7)).toBe(0);
    await delivery.run({ platforms }, () => NOW + 8);
    expect(await queueLiveStories(deps, platforms, NOW + 9)).toBe(1);
    await delivery.run({ platforms }, () => NOW + 10);
    expect(platform.sent).toHaveLength(1);
    expect(platform.edits.map((e) => e.messageId)).toEqual(['m1', 'm1']);
    expect(await store.subscriptions.get(sub.id)).toMatchObject({ nextDigestAt: null, lastDigestAt: null });

    await store.close();
  });

  it('posts no story the chat muted, and no edit of one muted since', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const platform = createRecordingPlatform('console');
    const platforms = new Map([['console' as const, platform]]);
    const deps: LiveDeps = { store, topics, maxStories: 10, maxAgeMs: 48 * 3_600_000, log: silentLogger() };
    const delivery = createDelivery({ store, log: silentLogger(), maxAttempts: 5, inFlight: () => 1 });
    const { sub, tell } = await liveChat(store);
    await store.subscriptions.mute(sub.id, 'world', NOW);
    await tell(0, NOW);
    expect(await queueLiveStories(deps, platforms, NOW + 1)).toBe(0);
    await store.subscriptions.unmute(sub.id, 'world');
    expect(await queueLiveStories(deps, platforms, NOW + 2)).toBe(1);
    await delivery.run({ platforms }, () => NOW + 3);
    await store.subscriptions.mute(sub.id, 'world', NOW + 4);
    await tell(1, NOW + 5);
    expect(await queueLiveStories(deps, platforms, NOW + 6)).toBe(0);
    expect(platform.edits).toHaveLength(0);
    await store.close();
  });
});
