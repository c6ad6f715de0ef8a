import { describe, expect, it } from 'vitest';
import { chat, entry, followedFeed, type GetStore, liveItems, NOW, storyFor } from './fixtures.js';

/** Contract of pictures on items and stories, the picture switch and role pings. */
export function describePictureAndPingContract(store: GetStore): void {
  describe('pictures and pings', () => {
    it('keeps the feed picture of an item, through an edit that names none, and shows it on the story', async () => {
      const { feed } = await followedFeed(store(), 'https://a.example/rss');
      const [pictured, plain] = await liveItems(store(), feed.id, [
        entry('a', { imageUrl: 'https://img.example/a.jpg' }),
        entry('b'),
      ]);
      expect(pictured?.imageUrl).toBe('https://img.example/a.jpg');
      const edited = await store().items.save(
        feed.id,
        [entry('a', { text: 'Edited', imageUrl: null })],
        NOW,
        0,
      );
      expect(edited.updated[0]?.imageUrl).toBe('https://img.example/a.jpg');
      const storyId = await storyFor(store(), pictured?.id ?? -1);
      const story = await store().stories.get(storyId);
      expect(story?.sources.map((s) => s.imageUrl)).toEqual(['https://img.example/a.jpg']);
      expect(plain?.imageUrl).toBeNull();
    });

    it('setImage gives a page picture only to an item without one', async () => {
      const { feed } = await followedFeed(store(), 'https://a.example/rss');
      const [pictured, plain] = await liveItems(store(), feed.id, [
        entry('a', { imageUrl: 'https://img.example/feed.jpg' }),
        entry('b'),
      ]);
      await store().items.setImage(pictured?.id ?? -1, 'https://img.example/page.jpg');
      await store().items.setImage(plain?.id ?? -1, 'https://img.example/page.jpg');
      expect((await store().items.get(pictured?.id ?? -1))?.imageUrl).toBe('https://img.example/feed.jpg');
      expect((await store().items.get(plain?.id ?? -1))?.imageUrl).toBe('https://img.example/page.jpg');
    });

    it('switches pictures off and on per subscription', async () => {
      const sub = await store().subscriptions.ensure(chat('pics'), NOW);
      expect(sub.images).toBe(true);
      expect((await store().subscriptions.setImages(sub.id, false)).images).toBe(false);
      expect((await store().subscriptions.get(sub.id))?.images).toBe(false);
      expect((await store().subscriptions.setImages(sub.id, true)).images).toBe(true);
      await expect(store().subscriptions.setImages(987654, false)).rejects.toThrow();
    });

    it('keeps one role per topic, replaces it, and removes it', async () => {
      const sub = await store().subscriptions.ensure(chat('pings', { platform: 'discord' }), NOW);
      expect(await store().subscriptions.pings(sub.id)).toEqual([]);
      await store().subscriptions.setPing(sub.id, 'sport', '111', NOW);
      await store().subscriptions.setPing(sub.id, 'business', '222', NOW);
      await store().subscriptions.setPing(sub.id, 'sport', '333', NOW + 1);
      expect(await store().subscriptions.pings(sub.id)).toEqual([
        { topic: 'business', roleId: '222' },
        { topic: 'sport', roleId: '333' },
      ]);
      expect(await store().subscriptions.removePing(sub.id, 'sport')).toBe(true);
      expect(await store().subscriptions.removePing(sub.id, 'sport')).toBe(false);
      expect(await store().subscriptions.pings(sub.id)).toEqual([{ topic: 'business', roleId: '222' }]);
      await expect(store().subscriptions.pings(987654)).rejects.toThrow();
      await store().subscriptions.remove(sub.id);
      const again = await store().subscriptions.ensure(chat('pings', { platform: 'discord' }), NOW);
      expect(await store().subscriptions.pings(again.id)).toEqual([]);
    });
  });
}
