import { describe, expect, it } from 'vitest';
import { chat, condensedFor, entry, type GetStore, HOUR, NOW, storyOf } from './fixtures.js';

/** Contract of `Store.stats`. */
export function describeStatsContract(store: GetStore): void {
  describe('stats', () => {
    it('answers a ping', async () => {
      await expect(store().stats.ping()).resolves.toBeUndefined();
    });

    it('counts due feeds, items to condense and unsent digest parts', async () => {
      const s = store();
      expect(await s.stats.queueDepths(NOW)).toEqual({ outbox: 0, condense: 0, feedsDue: 0 });
      const followed = await s.feeds.upsert({ url: 'https://a.example/feed' }, NOW);
      const later = await s.feeds.upsert({ url: 'https://b.example/feed' }, NOW);
      await s.feeds.upsert({ url: 'https://nobody.example/feed' }, NOW);
      const sub = await s.subscriptions.ensure(chat('1'), NOW);
      await s.subscriptions.addFeed(sub.id, followed.id, 0, NOW);
      await s.subscriptions.addFeed(sub.id, later.id, 0, NOW);
      await s.feeds.recordSuccess(later.id, { polledAt: NOW, nextPollAt: NOW + HOUR });
      const saved = await s.items.save(followed.id, [entry('a'), entry('b')], NOW, 10);
      const [first] = saved.inserted;
      if (!first) throw new Error('no item saved');
      const storyId = await s.stories.create(storyOf(first.id), NOW);
      await s.items.saveCondensed(first.id, condensedFor(first.contentHash), storyId);
      await s.outbox.createDigest(
        {
          subscriptionId: sub.id,
          slot: NOW,
          storyIds: [storyId],
          parts: [{ payload: '1' }, { payload: '2' }],
          nextDigestAt: null,
        },
        NOW,
      );
      // Not followed by anyone: never polled, so never due.
      expect(await s.stats.queueDepths(NOW)).toEqual({ outbox: 2, condense: 1, feedsDue: 1 });
      expect((await s.stats.queueDepths(NOW + HOUR)).feedsDue).toBe(2);
    });
  });
}
