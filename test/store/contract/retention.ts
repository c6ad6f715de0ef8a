import { describe, expect, it } from 'vitest';
import type { Store } from '../../../src/store/store.js';
import { chat, condensedFor, entry, followedFeed, type GetStore, HOUR, NOW, storyOf } from './fixtures.js';

const DAY = 24 * HOUR;
const CUTOFFS = { itemsBefore: NOW - 2 * DAY, digestsBefore: NOW - 14 * DAY };

/** An item saved at `at` that became a story of its own then; returns both ids. */
async function oldStory(store: Store, feedId: number, key: string, at: number) {
  const [saved] = (await store.items.save(feedId, [entry(key)], at, 10)).inserted;
  if (saved === undefined) throw new Error(`${key} was not inserted`);
  const storyId = await store.stories.create(storyOf(saved.id), at);
  await store.items.saveCondensed(saved.id, condensedFor(saved.contentHash), storyId);
  return { itemId: saved.id, storyId };
}

/** A digest made at `at` with one part showing `storyIds`; returns the part id. */
async function digestShowing(store: Store, subscriptionId: number, storyIds: number[], at: number) {
  const digestId = await store.outbox.createDigest(
    { subscriptionId, slot: at, storyIds, parts: [{ payload: 'p', storyIds }], nextDigestAt: at + DAY },
    at,
  );
  const [part] = await store.outbox.pendingOf(digestId ?? -1);
  if (part === undefined) throw new Error('no part');
  return part.id;
}

/** Contract of `Store.retention` and of the scheduler's due-subscription reads. */
export function describeRetentionContract(store: GetStore): void {
  describe('retention', () => {
    it('prunes old items, stories and sent digests, keeping what a pending part shows or a feed still lists', async () => {
      const s = store();
      const { feed, sub } = await followedFeed(s, 'https://news.example/feed.xml', { now: NOW - 5 * DAY });
      const T0 = NOW - 5 * DAY;
      const pending = await oldStory(s, feed.id, 'pending', T0);
      const gone = await oldStory(s, feed.id, 'gone', T0);
      const listed = await oldStory(s, feed.id, 'listed', T0);
      await s.items.save(feed.id, [entry('loose')], T0, 10);
      // An old digest, sent long ago, and a newer one still waiting to go out.
      const sentPart = await digestShowing(s, sub.id, [gone.storyId], NOW - 20 * DAY);
      await s.outbox.markSent(sentPart, 'm1', NOW - 20 * DAY);
      await digestShowing(s, sub.id, [pending.storyId], NOW - 3 * DAY);
      // The feed's latest body lists only `listed` and a fresh item.
      await s.items.save(feed.id, [entry('listed'), entry('fresh')], NOW - HOUR, 10);

      const result = await s.retention.prune(CUTOFFS, 2);
      expect(result).toEqual({ items: 2, stories: 1, digests: 1 });
      expect(await s.stories.get(gone.storyId)).toBeNull();
      expect(await s.items.get(gone.itemId)).toBeNull();
      expect(await s.stories.get(pending.storyId)).not.toBeNull();
      expect(await s.items.get(pending.itemId)).not.toBeNull();
      expect(await s.stories.get(listed.storyId)).not.toBeNull();
      expect((await s.items.latest(feed.id, 10)).map((i) => i.key).sort()).toEqual([
        'fresh',
        'listed',
        'pending',
      ]);
      // What stayed is not taken for new when the feed lists it again.
      const again = await s.items.save(feed.id, [entry('listed'), entry('fresh')], NOW, 10);
      expect(again.inserted).toEqual([]);
      expect(await s.retention.prune(CUTOFFS, 2)).toEqual({ items: 0, stories: 0, digests: 0 });
      await s.retention.reclaim();
    });

    it('prunes the old items of a feed nobody follows, listed or not', async () => {
      const s = store();
      const { feed, sub } = await followedFeed(s, 'https://news.example/left.xml', { now: NOW - 5 * DAY });
      const story = await oldStory(s, feed.id, 'kept-by-feed', NOW - 5 * DAY);
      await s.items.save(feed.id, [entry('kept-by-feed')], NOW - HOUR, 10);
      expect((await s.retention.prune(CUTOFFS, 10)).items).toBe(0);
      await s.subscriptions.removeFeed(sub.id, feed.id);
      expect(await s.retention.prune(CUTOFFS, 10)).toEqual({ items: 1, stories: 1, digests: 0 });
      expect(await s.stories.get(story.storyId)).toBeNull();
    });
  });

  describe('due subscriptions', () => {
    it('reads due subscriptions of a platform in time order by keyset, and the earliest time', async () => {
      const s = store();
      const times = [NOW - 3 * HOUR, NOW - HOUR, NOW - 2 * HOUR, NOW + HOUR];
      const subs = [];
      for (const [i, at] of times.entries())
        subs.push(await s.subscriptions.ensure(chat(`d${i}`, { nextDigestAt: at }), NOW));
      await s.subscriptions.ensure(chat('other', { platform: 'discord', nextDigestAt: NOW - 5 * HOUR }), NOW);
      await s.subscriptions.ensure(chat('unset', { nextDigestAt: null }), NOW);
      const paused = await s.subscriptions.ensure(chat('paused', { nextDigestAt: NOW - 9 * HOUR }), NOW);
      await s.subscriptions.setPaused(paused.id, 'gone');

      const first = await s.subscriptions.due('telegram', NOW, 2);
      expect(first.map((x) => x.chatId)).toEqual(['d0', 'd2']);
      const last = first.at(-1);
      const rest = await s.subscriptions.due('telegram', NOW, 2, {
        nextDigestAt: last?.nextDigestAt ?? 0,
        id: last?.id ?? 0,
      });
      expect(rest.map((x) => x.chatId)).toEqual(['d1']);
      expect((await s.subscriptions.unscheduled('telegram', 10)).map((x) => x.chatId)).toEqual(['unset']);
      expect(await s.subscriptions.nextDigestDue(['telegram'])).toBe(NOW - 3 * HOUR);
      expect(await s.subscriptions.nextDigestDue(['telegram', 'discord'])).toBe(NOW - 5 * HOUR);
      expect(await s.subscriptions.nextDigestDue([])).toBeNull();
    });
  });
}
