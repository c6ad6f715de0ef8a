import { describe, expect, it } from 'vitest';
import {
  condensedFor,
  entry,
  followedFeed,
  type GetStore,
  HOUR,
  liveItems,
  MINUTE,
  NOW,
  storyFor,
  storyOf,
} from './fixtures.js';

/** Contract of `Store.items`. */
export function describeItemContract(store: GetStore): void {
  describe('items', () => {
    it('the first save seeds the feed: all but the newest `keepNewest` inserted items become backlog', async () => {
      const { feed } = await followedFeed(store(), 'https://a.example/rss');
      const result = await store().items.save(
        feed.id,
        [
          entry('old', { publishedAt: NOW - 3 * HOUR }),
          entry('newest', { publishedAt: NOW - HOUR }),
          entry('oldest', { publishedAt: NOW - 4 * HOUR }),
          entry('newer', { publishedAt: NOW - 2 * HOUR }),
        ],
        NOW,
        2,
      );
      expect(result.updated).toEqual([]);
      expect(result.unchanged).toBe(0);
      expect(result.inserted.map((i) => [i.key, i.backlog])).toEqual([
        ['old', true],
        ['newest', false],
        ['oldest', true],
        ['newer', false],
      ]);
      const seeded = await store().feeds.get(feed.id);
      // The newest item's publication, not the time it was read: a quiet feed reads as quiet.
      expect(seeded).toMatchObject({ seeded: true, lastNewItemAt: NOW - HOUR });

      const later = await store().items.save(
        feed.id,
        [entry('next', { publishedAt: NOW - 9 * HOUR })],
        NOW + HOUR,
        0,
      );
      expect(later.inserted.map((i) => [i.key, i.backlog])).toEqual([['next', false]]);
      // An older entry listed late does not make the feed look quieter than it is.
      expect((await store().feeds.get(feed.id))?.lastNewItemAt).toBe(NOW - HOUR);

      await store().items.save(
        feed.id,
        [entry('undated', { publishedAt: null }), entry('future', { publishedAt: NOW + 9 * HOUR })],
        NOW + 2 * HOUR,
        0,
      );
      expect((await store().feeds.get(feed.id))?.lastNewItemAt).toBe(NOW + 2 * HOUR);
    });

    it('an empty first fetch still seeds the feed and leaves lastNewItemAt alone', async () => {
      const { feed } = await followedFeed(store(), 'https://a.example/rss');
      expect(await store().items.save(feed.id, [], NOW, 5)).toEqual({
        inserted: [],
        updated: [],
        unchanged: 0,
      });
      expect(await store().feeds.get(feed.id)).toMatchObject({ seeded: true, lastNewItemAt: null });
    });

    it('stores every field, with first-seen standing in for a missing publication time', async () => {
      const { feed } = await followedFeed(store(), 'https://a.example/rss');
      const [item] = await liveItems(store(), feed.id, [
        entry('a', { publishedAt: null, author: 'Ann', categories: ['Politics', 'EU'], url: null }),
      ]);
      expect(item).toEqual({
        id: item?.id,
        feedId: feed.id,
        key: 'a',
        url: null,
        title: 'Title a',
        text: 'Text of a',
        author: 'Ann',
        publishedAt: NOW,
        firstSeenAt: NOW,
        categories: ['Politics', 'EU'],
        imageUrl: null,
        contentHash: 'hash:Text of a',
        backlog: false,
        storyId: null,
        condensed: null,
      });
      expect(await store().items.get(item?.id ?? -1)).toEqual(item);
      expect(await store().items.get(987654)).toBeNull();
      expect(await store().items.getMany([987654, item?.id ?? -1, item?.id ?? -1])).toEqual([item]);
      expect(await store().items.getMany([])).toEqual([]);
    });

    it('returns inserted items as a later read gives them, even text with a surrogate pair cut in half', async () => {
      const { feed } = await followedFeed(store(), 'https://a.example/rss');
      const inserted = await liveItems(store(), feed.id, [
        entry('plain', { categories: ['EU'] }),
        entry('cut \ud83d', { title: 'Cut \ud83d', text: 'Text \ud83d', categories: ['cut \ud83d'] }),
      ]);
      expect(inserted).toHaveLength(2);
      for (const item of inserted) expect(await store().items.get(item.id)).toEqual(item);
    });

    it('deduplicates by key, within a batch and across saves; unchanged items are only counted', async () => {
      const { feed } = await followedFeed(store(), 'https://a.example/rss');
      const first = await store().items.save(
        feed.id,
        [entry('a'), entry('b'), entry('a', { title: 'dup' })],
        NOW,
        10,
      );
      expect(first.inserted.map((i) => i.key)).toEqual(['a', 'b']);
      expect(first.inserted[0]?.title).toBe('Title a');
      const again = await store().items.save(feed.id, [entry('a'), entry('b')], NOW + HOUR, 10);
      expect(again).toEqual({ inserted: [], updated: [], unchanged: 2 });
      expect((await store().feeds.get(feed.id))?.lastNewItemAt).toBe(NOW - HOUR);

      // The same key in another feed is another item.
      const other = await followedFeed(store(), 'https://b.example/rss');
      const elsewhere = await store().items.save(other.feed.id, [entry('a')], NOW, 10);
      expect(elsewhere.inserted).toHaveLength(1);
    });

    it('an edited item is updated in place, keeping its identity, history and story', async () => {
      const { feed } = await followedFeed(store(), 'https://a.example/rss');
      const [original] = await liveItems(store(), feed.id, [entry('a', { publishedAt: null })]);
      if (original === undefined) throw new Error('not inserted');
      const storyId = await storyFor(store(), original.id);
      expect(await store().items.needingCondense(10)).toEqual([]);

      const edited = entry('a', {
        text: 'Corrected text',
        title: 'New title',
        categories: ['x'],
        publishedAt: null,
      });
      const result = await store().items.save(feed.id, [edited], NOW + HOUR, 10);
      expect(result.inserted).toEqual([]);
      expect(result.unchanged).toBe(0);
      expect(result.updated).toHaveLength(1);
      const updated = result.updated[0];
      expect(updated).toMatchObject({
        id: original.id,
        title: 'New title',
        text: 'Corrected text',
        categories: ['x'],
        contentHash: 'hash:Corrected text',
        firstSeenAt: NOW,
        publishedAt: NOW,
        backlog: false,
        storyId,
      });
      expect(updated?.condensed?.contentHash).toBe(original.contentHash);
      expect((await store().items.needingCondense(10)).map((i) => i.id)).toEqual([original.id]);
      expect(await store().items.get(original.id)).toEqual(updated);
    });

    it('the first save keeps dated items live before undated ones, whose age it cannot know', async () => {
      const { feed } = await followedFeed(store(), 'https://undated.example/rss');
      const result = await store().items.save(
        feed.id,
        [
          entry('undated-1', { publishedAt: null }),
          entry('dated-old', { publishedAt: NOW - 30 * HOUR }),
          entry('undated-2', { publishedAt: null }),
          entry('dated-new', { publishedAt: NOW - HOUR }),
        ],
        NOW,
        3,
      );
      expect(result.inserted.map((i) => [i.key, i.backlog])).toEqual([
        ['undated-1', false],
        ['dated-old', false],
        ['undated-2', true],
        ['dated-new', false],
      ]);
    });

    it('an edit keeps the backlog flag', async () => {
      const { feed } = await followedFeed(store(), 'https://a.example/rss');
      await store().items.save(feed.id, [entry('new', { publishedAt: NOW }), entry('old')], NOW, 1);
      const { updated } = await store().items.save(
        feed.id,
        [entry('old', { text: 'edited' })],
        NOW + HOUR,
        1,
      );
      expect(updated.map((i) => [i.key, i.backlog])).toEqual([['old', true]]);
      expect(await store().items.needingCondense(10)).toHaveLength(1);
    });

    it('needingCondense lists live items never condensed or edited since, oldest first, up to the limit', async () => {
      const { feed } = await followedFeed(store(), 'https://a.example/rss');
      await store().items.save(
        feed.id,
        [entry('backlog', { publishedAt: NOW - 5 * HOUR })],
        NOW - 2 * HOUR,
        0,
      );
      const [second] = await liveItems(store(), feed.id, [entry('second')], NOW - MINUTE);
      const [first] = await liveItems(store(), feed.id, [entry('first')], NOW - HOUR);
      const [done] = await liveItems(store(), feed.id, [entry('done')], NOW - 2 * MINUTE);
      await storyFor(store(), done?.id ?? -1);
      expect((await store().items.needingCondense(10)).map((i) => i.key)).toEqual(['first', 'second']);
      expect((await store().items.needingCondense(1)).map((i) => i.id)).toEqual([first?.id]);
      expect(second?.backlog).toBe(false);
    });

    it('saveCondensed stores the result and the story; recentCondensed returns condensed items since a time', async () => {
      const { feed } = await followedFeed(store(), 'https://a.example/rss');
      const [old] = await liveItems(store(), feed.id, [entry('old')], NOW - 3 * HOUR);
      const [fresh, pending] = await liveItems(store(), feed.id, [entry('fresh'), entry('pending')], NOW);
      if (old === undefined || fresh === undefined || pending === undefined) throw new Error('not inserted');
      const storyId = await store().stories.create(storyOf(fresh.id), NOW);
      const condensed = condensedFor(fresh.contentHash, {
        topics: ['sport'],
        entities: ['Ann', 'Bob'],
        language: 'de',
      });
      await store().items.saveCondensed(fresh.id, condensed, storyId);
      await storyFor(store(), old.id);

      const stored = await store().items.get(fresh.id);
      expect(stored).toMatchObject({ storyId, condensed });
      const recent = await store().items.recentCondensed(NOW - HOUR);
      expect(recent.map((i) => [i.id, i.storyId])).toEqual([[fresh.id, storyId]]);
      expect((await store().items.recentCondensed(NOW - 3 * HOUR)).map((i) => i.key)).toEqual([
        'old',
        'fresh',
      ]);
    });

    it('topicScores reads the stored topic readings alone, leaving out items without one', async () => {
      const { feed } = await followedFeed(store(), 'https://a.example/rss');
      const [read, unread, never] = await liveItems(store(), feed.id, [entry('r'), entry('u'), entry('n')]);
      if (read === undefined || unread === undefined || never === undefined) throw new Error('not inserted');
      const storyId = await store().stories.create(storyOf(read.id), NOW);
      await store().items.saveCondensed(
        read.id,
        condensedFor(read.contentHash, { topicScores: { sport: 0.875 } }),
        storyId,
      );
      await store().items.saveCondensed(
        unread.id,
        condensedFor(unread.contentHash, { topicScores: {} }),
        storyId,
      );
      const scores = await store().items.topicScores([read.id, unread.id, never.id, 987654]);
      expect([...scores]).toEqual(
        expect.arrayContaining([
          [read.id, { sport: 0.875 }],
          [unread.id, {}],
        ]),
      );
      expect(scores.has(never.id)).toBe(false);
      expect(scores.size).toBe(2);
      expect((await store().items.topicScores([])).size).toBe(0);
    });

    it('saveCondensed throws for a missing item or story', async () => {
      const { feed } = await followedFeed(store(), 'https://a.example/rss');
      const [item] = await liveItems(store(), feed.id, [entry('a')]);
      const storyId = await store().stories.create(storyOf(item?.id ?? -1), NOW);
      await expect(store().items.saveCondensed(999, condensedFor('h'), storyId)).rejects.toThrow();
      await expect(store().items.saveCondensed(item?.id ?? -1, condensedFor('h'), 999)).rejects.toThrow();
      expect((await store().items.get(item?.id ?? -1))?.condensed).toBeNull();
    });

    it('latest returns a feed’s newest items by publication time, backlog included', async () => {
      const { feed } = await followedFeed(store(), 'https://a.example/rss');
      const other = await followedFeed(store(), 'https://b.example/rss');
      await store().items.save(other.feed.id, [entry('elsewhere', { publishedAt: NOW })], NOW, 5);
      await store().items.save(
        feed.id,
        [
          entry('b', { publishedAt: NOW - 2 * HOUR }),
          entry('c', { publishedAt: NOW - HOUR }),
          entry('a', { publishedAt: NOW - 3 * HOUR }),
        ],
        NOW,
        1,
      );
      const latest = await store().items.latest(feed.id, 2);
      expect(latest.map((i) => [i.key, i.backlog])).toEqual([
        ['c', false],
        ['b', true],
      ]);
    });

    it('saving into a missing feed throws and stores nothing', async () => {
      await expect(store().items.save(999, [entry('a')], NOW, 5)).rejects.toThrow();
      await expect(store().items.save(999, [], NOW, 5)).rejects.toThrow();
    });
  });
}
