import { describe, expect, it } from 'vitest';
import {
  chat,
  entry,
  followedFeed,
  type GetStore,
  HOUR,
  liveItems,
  MINUTE,
  NOW,
  storyFor,
} from './fixtures.js';

/** Contract of `Store.preferences` and the expiring mutes of `Store.subscriptions`. */
export function describePreferenceContract(store: GetStore): void {
  describe('preferences', () => {
    it('renames a followed feed for one chat only, and a null name restores its own', async () => {
      const { feed, sub } = await followedFeed(store(), 'https://a.example/feed.xml');
      const other = await store().subscriptions.ensure(chat('chat-2'), NOW);
      await store().subscriptions.addFeed(other.id, feed.id, 0, NOW);
      expect(await store().preferences.renameFeed(sub.id, feed.id, 'Mine')).toBe(true);
      expect((await store().subscriptions.feeds(sub.id))[0]?.name).toBe('Mine');
      expect((await store().subscriptions.feeds(other.id))[0]?.name).toBeNull();
      expect(await store().preferences.renameFeed(sub.id, feed.id, null)).toBe(true);
      expect((await store().subscriptions.feeds(sub.id))[0]?.name).toBeNull();
      expect(await store().preferences.renameFeed(sub.id, feed.id + 99, 'x')).toBe(false);
    });

    it('a paused feed gives no candidates and is polled only while another chat wants it', async () => {
      const { feed, sub } = await followedFeed(store(), 'https://a.example/feed.xml');
      const [item] = await liveItems(store(), feed.id, [entry('one')]);
      if (item === undefined) throw new Error('no item');
      const storyId = await storyFor(store(), item.id);
      expect((await store().stories.candidates(sub.id, 0)).map((s) => s.id)).toEqual([storyId]);

      expect(await store().preferences.pauseFeed(sub.id, feed.id, NOW)).toBe(true);
      expect(await store().preferences.pauseFeed(sub.id, feed.id, NOW)).toBe(false);
      expect((await store().subscriptions.feeds(sub.id))[0]?.pausedAt).toBe(NOW);
      expect(await store().stories.candidates(sub.id, 0)).toEqual([]);
      expect(await store().feeds.claimDue(NOW + HOUR, 10, MINUTE)).toEqual([]);

      const other = await store().subscriptions.ensure(chat('chat-2'), NOW);
      await store().subscriptions.addFeed(other.id, feed.id, 0, NOW);
      expect((await store().feeds.claimDue(NOW + HOUR, 10, MINUTE)).map((f) => f.id)).toEqual([feed.id]);
    });

    it('resuming starts the feed history at that moment: what came meanwhile stays out', async () => {
      const { feed, sub } = await followedFeed(store(), 'https://a.example/feed.xml');
      await store().preferences.pauseFeed(sub.id, feed.id, NOW);
      const [item] = await liveItems(store(), feed.id, [entry('meanwhile', { publishedAt: NOW + MINUTE })]);
      if (item === undefined) throw new Error('no item');
      await storyFor(store(), item.id);
      expect(await store().preferences.resumeFeed(sub.id, feed.id, NOW + HOUR)).toBe(true);
      expect(await store().preferences.resumeFeed(sub.id, feed.id, NOW + HOUR)).toBe(false);
      const [link] = await store().subscriptions.feeds(sub.id);
      expect(link?.pausedAt).toBeNull();
      expect(link?.since).toBe(NOW + HOUR);
      expect(await store().stories.candidates(sub.id, 0)).toEqual([]);
    });

    it('adds, lists and removes filters for the chat and for one feed, once each', async () => {
      const { feed, sub } = await followedFeed(store(), 'https://a.example/feed.xml');
      const chatWide = { feedId: null, pattern: 'bitcoin', regex: false };
      const perFeed = { feedId: feed.id, pattern: 'bitcoin', regex: false };
      const pattern = { feedId: null, pattern: 'bit(coin)?', regex: true };
      expect(await store().preferences.addFilter(sub.id, chatWide, NOW)).toBe(true);
      expect(await store().preferences.addFilter(sub.id, chatWide, NOW + 1)).toBe(false);
      expect(await store().preferences.addFilter(sub.id, perFeed, NOW + 2)).toBe(true);
      expect(await store().preferences.addFilter(sub.id, pattern, NOW + 3)).toBe(true);
      const listed = await store().preferences.filters(sub.id);
      expect(
        listed.map(({ feedId, pattern: p, regex, createdAt }) => ({ feedId, p, regex, createdAt })),
      ).toEqual([
        { feedId: null, p: 'bitcoin', regex: false, createdAt: NOW },
        { feedId: feed.id, p: 'bitcoin', regex: false, createdAt: NOW + 2 },
        { feedId: null, p: 'bit(coin)?', regex: true, createdAt: NOW + 3 },
      ]);
      expect(await store().preferences.removeFilter(sub.id, chatWide)).toBe(true);
      expect(await store().preferences.removeFilter(sub.id, chatWide)).toBe(false);
      // Unfollowing the feed takes its filters with it.
      await store().subscriptions.removeFeed(sub.id, feed.id);
      expect((await store().preferences.filters(sub.id)).map((f) => f.pattern)).toEqual(['bit(coin)?']);
      await expect(store().preferences.filters(999)).rejects.toThrow();
      await expect(store().preferences.removeFilter(999, chatWide)).rejects.toThrow();
      await expect(store().preferences.addFilter(999, chatWide, NOW)).rejects.toThrow();
    });

    it('a chat that moves into another keeps its feed names, pauses, filters and mute expiries', async () => {
      const { feed, sub } = await followedFeed(store(), 'https://a.example/feed.xml', { chatId: 'old' });
      await store().subscriptions.ensure(chat('new'), NOW);
      await store().preferences.renameFeed(sub.id, feed.id, 'Mine');
      await store().preferences.pauseFeed(sub.id, feed.id, NOW);
      await store().preferences.addFilter(sub.id, { feedId: feed.id, pattern: 'storm', regex: false }, NOW);
      await store().subscriptions.mute(sub.id, 'sport', NOW, NOW + HOUR);
      expect(await store().subscriptions.moveChat('telegram', 'old', 'new')).toBe(1);
      const moved = await store().subscriptions.find({ platform: 'telegram', chatId: 'new', threadId: '' });
      if (moved === null) throw new Error('not moved');
      const [link] = await store().subscriptions.feeds(moved.id);
      expect([link?.name, link?.pausedAt]).toEqual(['Mine', NOW]);
      expect((await store().preferences.filters(moved.id)).map((f) => [f.feedId, f.pattern])).toEqual([
        [feed.id, 'storm'],
      ]);
      expect((await store().subscriptions.mutes(moved.id)).map((m) => m.expiresAt)).toEqual([NOW + HOUR]);
    });

    it('a mute keeps its expiry; muting again with another expiry replaces it', async () => {
      const sub = await store().subscriptions.ensure(chat('100'), NOW);
      expect(await store().subscriptions.mute(sub.id, 'sport', NOW, NOW + HOUR)).toBe(true);
      expect(await store().subscriptions.mute(sub.id, 'sport', NOW, NOW + HOUR)).toBe(false);
      expect((await store().subscriptions.mutes(sub.id))[0]?.expiresAt).toBe(NOW + HOUR);
      expect(await store().subscriptions.mute(sub.id, 'sport', NOW, null)).toBe(true);
      expect((await store().subscriptions.mutes(sub.id))[0]?.expiresAt).toBeNull();
      expect(await store().subscriptions.mute(sub.id, 'sport', NOW)).toBe(false);
    });
  });
}
