import { describe, expect, it } from 'vitest';
import type { Store } from '../../../src/store/store.js';
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

/** Saves one live item into a feed and returns its id. */
async function itemIn(
  store: Store,
  feedId: number,
  key: string,
  publishedAt: number,
  now = NOW,
): Promise<number> {
  const [item] = await liveItems(store, feedId, [entry(key, { publishedAt })], now);
  if (item === undefined) throw new Error(`${key} was not inserted`);
  return item.id;
}

/** Attaches an item to an existing story, as condense does when another outlet tells it. */
async function join(store: Store, itemId: number, storyId: number): Promise<void> {
  const item = await store.items.get(itemId);
  await store.items.saveCondensed(itemId, condensedFor(item?.contentHash ?? ''), storyId);
}

/** Contract of `Store.stories`. */
export function describeStoryContract(store: GetStore): void {
  describe('stories', () => {
    it('create and get round-trip; sources come from the items, earliest first, named by their feed', async () => {
      const titled = await store().feeds.upsert({ url: 'https://a.example/rss', title: 'Alpha News' }, NOW);
      const cataloged = await store().feeds.upsert({ url: 'https://b.example/rss', catalogId: 'beta' }, NOW);
      const bare = await store().feeds.upsert({ url: 'https://www.gamma.example/feed.xml' }, NOW);
      const lead = await itemIn(store(), titled.id, 'a', NOW - HOUR);
      const earlier = await itemIn(store(), cataloged.id, 'b', NOW - 2 * HOUR);
      const later = await itemIn(store(), bare.id, 'c', NOW - MINUTE);

      const storyId = await store().stories.create(
        storyOf(lead, {
          headline: 'H',
          summary: 'S',
          url: null,
          topics: ['t1', 't2'],
          mainTopics: 2,
          entities: ['E'],
          publishedAt: NOW,
        }),
        NOW,
      );
      for (const itemId of [lead, later, earlier]) await join(store(), itemId, storyId);

      const story = await store().stories.get(storyId);
      expect(story).toEqual({
        id: storyId,
        headline: 'H',
        summary: 'S',
        url: null,
        topics: ['t1', 't2'],
        mainTopics: 2,
        entities: ['E'],
        leadItemId: lead,
        createdAt: NOW,
        updatedAt: NOW,
        publishedAt: NOW - 2 * HOUR,
        sources: [
          {
            itemId: earlier,
            feedId: cataloged.id,
            feedTitle: 'beta',
            url: 'https://news.example/b',
            title: 'Title b',
            publishedAt: NOW - 2 * HOUR,
            summary: 'A short summary.',
            language: 'en',
            imageUrl: null,
          },
          {
            itemId: lead,
            feedId: titled.id,
            feedTitle: 'Alpha News',
            url: 'https://news.example/a',
            title: 'Title a',
            publishedAt: NOW - HOUR,
            summary: 'A short summary.',
            language: 'en',
            imageUrl: null,
          },
          {
            itemId: later,
            feedId: bare.id,
            feedTitle: 'www.gamma.example',
            url: 'https://news.example/c',
            title: 'Title c',
            publishedAt: NOW - MINUTE,
            summary: 'A short summary.',
            language: 'en',
            imageUrl: null,
          },
        ],
        flags: 0,
        leads: {},
      });
      expect(await store().stories.get(777)).toBeNull();
    });

    it('sources published at the same time are ordered by item id', async () => {
      const { feed } = await followedFeed(store(), 'https://a.example/rss');
      const [x, y] = await liveItems(store(), feed.id, [
        entry('x', { publishedAt: NOW }),
        entry('y', { publishedAt: NOW }),
      ]);
      const storyId = await storyFor(store(), y?.id ?? -1);
      await join(store(), x?.id ?? -1, storyId);
      const ids = [x?.id, y?.id].sort((a, b) => (a ?? 0) - (b ?? 0));
      expect((await store().stories.get(storyId))?.sources.map((s) => s.itemId)).toEqual(ids);
    });

    it('update replaces the shown fields and the update time', async () => {
      const { feed } = await followedFeed(store(), 'https://a.example/rss');
      const first = await itemIn(store(), feed.id, 'a', NOW - HOUR);
      const second = await itemIn(store(), feed.id, 'b', NOW - 2 * HOUR);
      const storyId = await storyFor(store(), first);
      await join(store(), second, storyId);
      await store().stories.update(
        storyId,
        storyOf(second, {
          headline: 'Better',
          summary: 'Clearer.',
          topics: ['economy', 'politics'],
          mainTopics: 2,
          entities: [],
        }),
        NOW + HOUR,
      );
      expect(await store().stories.get(storyId)).toMatchObject({
        leadItemId: second,
        headline: 'Better',
        summary: 'Clearer.',
        topics: ['economy', 'politics'],
        mainTopics: 2,
        entities: [],
        createdAt: NOW,
        updatedAt: NOW + HOUR,
        publishedAt: NOW - 2 * HOUR,
      });
    });

    it('main topics survive a round trip, on the story and on its items, whatever their count', async () => {
      const { feed } = await followedFeed(store(), 'https://a.example/rss');
      const lead = await itemIn(store(), feed.id, 'a', NOW - HOUR);
      const other = await itemIn(store(), feed.id, 'b', NOW - HOUR);
      const storyId = await store().stories.create(
        storyOf(lead, { topics: ['business', 'politics', 'world'], mainTopics: 2 }),
        NOW,
      );
      expect(await store().stories.get(storyId)).toMatchObject({
        topics: ['business', 'politics', 'world'],
        mainTopics: 2,
      });
      for (const [topics, mainTopics] of [
        [['sport', 'culture', 'world'], 3],
        [[], 0],
      ] as const) {
        await store().stories.update(storyId, storyOf(lead, { topics, mainTopics }), NOW);
        expect(await store().stories.get(storyId)).toMatchObject({ topics, mainTopics });
      }

      const item = await store().items.get(other);
      const condensed = condensedFor(item?.contentHash ?? '', {
        topics: ['business', 'politics'],
        mainTopics: 2,
      });
      await store().items.saveCondensed(other, condensed, storyId);
      expect((await store().items.get(other))?.condensed).toEqual(condensed);
      expect((await store().items.recentCondensed(0)).find((i) => i.id === other)?.condensed).toEqual(
        condensed,
      );
    });

    it('create with a missing lead item and update of a missing story throw', async () => {
      await expect(store().stories.create(storyOf(999), NOW)).rejects.toThrow();
      const { feed } = await followedFeed(store(), 'https://a.example/rss');
      const item = await itemIn(store(), feed.id, 'a', NOW);
      await expect(store().stories.update(999, storyOf(item), NOW)).rejects.toThrow();
    });

    it('candidates: stories with a fresh, live item from a followed feed published since it was followed', async () => {
      const { feed, sub } = await followedFeed(store(), 'https://a.example/rss', { since: NOW - 3 * HOUR });
      const unfollowed = await store().feeds.upsert({ url: 'https://b.example/rss', title: 'B' }, NOW);
      const notBefore = NOW - HOUR;

      const fresh = await storyFor(store(), await itemIn(store(), feed.id, 'fresh', NOW - 2 * HOUR));
      const beforeSince = await storyFor(store(), await itemIn(store(), feed.id, 'pre', NOW - 4 * HOUR));
      const seenEarly = await storyFor(
        store(),
        await itemIn(store(), feed.id, 'early', NOW - HOUR, NOW - 2 * HOUR),
      );
      const elsewhere = await storyFor(store(), await itemIn(store(), unfollowed.id, 'other', NOW - HOUR));
      // An outlet the subscription does not follow still shows up as a source.
      const shared = await itemIn(store(), unfollowed.id, 'shared', NOW - 3 * HOUR);
      await join(store(), shared, fresh);

      const stories = await store().stories.candidates(sub.id, notBefore);
      expect(stories.map((s) => s.id)).toEqual([fresh]);
      expect(stories[0]?.sources.map((s) => s.feedTitle)).toEqual(['B', 'a.example']);
      expect(stories[0]?.publishedAt).toBe(NOW - 3 * HOUR);
      expect([beforeSince, seenEarly, elsewhere]).not.toContain(stories[0]?.id);
      expect((await store().stories.candidates(sub.id, NOW - 3 * HOUR)).map((s) => s.id)).toEqual([
        seenEarly,
        fresh,
      ]);
    });

    it('candidates: an item first seen after the feed was followed counts, however early its date', async () => {
      const { feed, sub } = await followedFeed(store(), 'https://a.example/rss', { since: NOW - HOUR });
      const known = await storyFor(store(), await itemIn(store(), feed.id, 'known', NOW - 5 * HOUR));
      // Published (or dated) before the chat followed the feed, but new to the feed since.
      const late = await storyFor(
        store(),
        await itemIn(store(), feed.id, 'late', NOW - 5 * HOUR, NOW + MINUTE),
      );
      const ids = (await store().stories.candidates(sub.id, 0)).map((s) => s.id);
      expect(ids).toEqual([late]);
      expect(ids).not.toContain(known);
    });

    it('candidates keep out what a paused feed brought, once it is resumed', async () => {
      const { feed, sub } = await followedFeed(store(), 'https://a.example/rss', { since: NOW - HOUR });
      await store().preferences.pauseFeed(sub.id, feed.id, NOW + MINUTE);
      // Another chat keeps the feed polled; an item arrives while this chat has it paused.
      const meanwhile = await itemIn(store(), feed.id, 'meanwhile', NOW + 10 * MINUTE, NOW + 10 * MINUTE);
      const paused = await storyFor(store(), meanwhile);
      await store().preferences.resumeFeed(sub.id, feed.id, NOW + HOUR);
      expect((await store().stories.candidates(sub.id, 0)).map((s) => s.id)).not.toContain(paused);
    });

    it('candidates skip stories whose only followed items are backlog, and stories already digested', async () => {
      const { feed, sub } = await followedFeed(store(), 'https://a.example/rss');
      const { inserted } = await store().items.save(
        feed.id,
        [entry('live', { publishedAt: NOW - HOUR }), entry('history', { publishedAt: NOW - 2 * HOUR })],
        NOW,
        1,
      );
      const [live, history] = inserted;
      expect(history?.backlog).toBe(true);
      const liveStory = await storyFor(store(), live?.id ?? -1);
      const historyStory = await store().stories.create(storyOf(history?.id ?? -1), NOW);
      await join(store(), history?.id ?? -1, historyStory);
      expect((await store().stories.candidates(sub.id, 0)).map((s) => s.id)).toEqual([liveStory]);

      await store().outbox.createDigest(
        {
          subscriptionId: sub.id,
          slot: NOW,
          storyIds: [liveStory],
          parts: [{ payload: '{}' }],
          nextDigestAt: null,
        },
        NOW,
      );
      expect(await store().stories.candidates(sub.id, 0)).toEqual([]);
      const other = await store().subscriptions.ensure({ ...sub, chatId: 'chat-2' }, NOW);
      await store().subscriptions.addFeed(other.id, feed.id, 0, NOW);
      expect((await store().stories.candidates(other.id, 0)).map((s) => s.id)).toEqual([liveStory]);
    });

    it('candidates are ordered newest first, then by id, and throw for a missing subscription', async () => {
      const { feed, sub } = await followedFeed(store(), 'https://a.example/rss');
      const a = await storyFor(store(), await itemIn(store(), feed.id, 'a', NOW - 2 * HOUR));
      const b = await storyFor(store(), await itemIn(store(), feed.id, 'b', NOW - HOUR));
      const c = await storyFor(store(), await itemIn(store(), feed.id, 'c', NOW - HOUR));
      expect((await store().stories.candidates(sub.id, 0)).map((s) => s.id)).toEqual([c, b, a]);
      await expect(store().stories.candidates(999, 0)).rejects.toThrow();
    });
  });

  describe("the story engine's reads and writes", () => {
    it('lists condensed items in no story, oldest first, with only the columns clustering reads', async () => {
      const feed = await store().feeds.upsert({ url: 'https://one.example/feed.xml' }, NOW);
      const a = await itemIn(store(), feed.id, 'a', NOW - HOUR, NOW - 2 * MINUTE);
      const b = await itemIn(store(), feed.id, 'b', NOW - 2 * HOUR, NOW - MINUTE);
      await itemIn(store(), feed.id, 'not-condensed', NOW - HOUR);
      for (const id of [a, b]) {
        const item = await store().items.get(id);
        await store().items.saveCondensed(
          id,
          condensedFor(item?.contentHash ?? '', { language: 'de' }),
          null,
        );
      }
      const waiting = await store().items.unclustered(10, NOW);
      expect(waiting.map((r) => r.id)).toEqual([a, b]);
      expect(waiting[0]).toMatchObject({
        feedId: feed.id,
        key: 'a',
        language: 'de',
        storyId: null,
      });
      expect(typeof waiting[0]?.lead).toBe('string');
      expect(await store().items.unclustered(1, NOW)).toHaveLength(1);
      expect((await store().items.storyFeatures(NOW - MINUTE)).map((r) => r.id)).toEqual([b]);
    });

    it('hands back the stored preparation of an item under its key instead of its text, until it changes', async () => {
      const feed = await store().feeds.upsert({ url: 'https://one.example/feed.xml' }, NOW);
      const a = await itemIn(store(), feed.id, 'a', NOW - HOUR);
      const b = await itemIn(store(), feed.id, 'b', NOW - HOUR);
      const [claimed] = await store().items.claimCondense(NOW, 1, MINUTE);
      expect(claimed?.id).toBe(a);
      const condensedA = condensedFor(claimed?.contentHash ?? '');
      const condensedB = condensedFor((await store().items.get(b))?.contentHash ?? '');
      await store().items.saveCondensedMany([
        { itemId: a, condensed: condensedA, prepared: { key: 7, data: '["prepared"]' } },
        { itemId: b, condensed: condensedB },
      ]);
      expect(await store().items.topicScores([a, b])).toEqual(
        new Map([
          [a, condensedA.topicScores],
          [b, condensedB.topicScores],
        ]),
      );
      const features = async (key?: number): Promise<unknown[]> =>
        (await store().items.storyFeatures(0, key)).map((r) => [
          r.id,
          r.prepared,
          r.title === null,
          r.lead === null,
        ]);
      expect(await features(7)).toEqual([
        [a, '["prepared"]', true, true],
        [b, null, false, false],
      ]);
      expect((await store().items.unclustered(10, NOW, 7)).map((r) => r.prepared)).toEqual([
        '["prepared"]',
        null,
      ]);
      // Another build's key, or none, reads the text.
      expect(await features(8)).toEqual([
        [a, null, false, false],
        [b, null, false, false],
      ]);
      expect((await features()).map((row) => (row as unknown[])[1])).toEqual([null, null]);
      // Edited since it was condensed, or condensed again without one, its text is read.
      await liveItems(
        store(),
        feed.id,
        [entry('a', { publishedAt: NOW - HOUR, contentHash: 'edited' })],
        NOW,
      );
      expect((await features(7))[0]).toEqual([a, null, false, false]);
      await store().items.saveCondensedMany([
        { itemId: a, condensed: condensedA, prepared: { key: 7, data: '["prepared"]' } },
      ]);
      await store().items.saveCondensed(a, condensedFor('edited'), null);
      expect((await features(7))[0]).toEqual([a, null, false, false]);
    });

    it('hands an item whose claim was released to the next claim at once', async () => {
      const feed = await store().feeds.upsert({ url: 'https://one.example/feed.xml' }, NOW);
      const a = await itemIn(store(), feed.id, 'a', NOW - 2 * MINUTE, NOW - 2 * MINUTE);
      const b = await itemIn(store(), feed.id, 'b', NOW - MINUTE, NOW - MINUTE);
      expect((await store().items.claimCondense(NOW, 2, MINUTE)).map((i) => i.id)).toEqual([a, b]);
      expect(await store().items.claimCondense(NOW, 2, MINUTE)).toEqual([]);
      await store().items.releaseCondense([b], NOW + MINUTE);
      await store().items.releaseCondense([], NOW + MINUTE);
      expect((await store().items.claimCondense(NOW, 2, MINUTE)).map((i) => i.id)).toEqual([b]);
      // A claim that ran out and was taken by another process is that one's: it is not released.
      expect((await store().items.claimCondense(NOW + 2 * MINUTE, 2, MINUTE)).map((i) => i.id)).toEqual([
        a,
        b,
      ]);
      await store().items.releaseCondense([a, b], NOW + MINUTE);
      expect(await store().items.claimCondense(NOW + 2 * MINUTE, 2, MINUTE)).toEqual([]);
    });

    it('holds back items that come after one another process is condensing, until it is done', async () => {
      const feed = await store().feeds.upsert({ url: 'https://one.example/feed.xml' }, NOW);
      const a = await itemIn(store(), feed.id, 'a', NOW - 3 * MINUTE, NOW - 3 * MINUTE);
      const b = await itemIn(store(), feed.id, 'b', NOW - 2 * MINUTE, NOW - 2 * MINUTE);
      const c = await itemIn(store(), feed.id, 'c', NOW - MINUTE, NOW - MINUTE);
      const condense = async (id: number): Promise<void> => {
        const item = await store().items.get(id);
        await store().items.saveCondensed(id, condensedFor(item?.contentHash ?? ''), null);
      };
      await condense(a);
      // Another process claims b, the oldest item left; c is condensed meanwhile.
      expect((await store().items.claimCondense(NOW, 1, MINUTE)).map((i) => i.id)).toEqual([b]);
      await condense(c);
      expect((await store().items.unclustered(10, NOW)).map((r) => r.id)).toEqual([a]);
      expect(await store().items.unclusteredCount(10, NOW)).toBe(1);
      // A claim its process gave up on, by dying, holds nothing back once it expires.
      expect((await store().items.unclustered(10, NOW + MINUTE)).map((r) => r.id)).toEqual([a, c]);
      // Done in time, it is filed in its place.
      await condense(b);
      expect((await store().items.unclustered(10, NOW)).map((r) => r.id)).toEqual([a, b, c]);
      expect(await store().items.unclusteredCount(10, NOW)).toBe(3);
      expect(await store().items.unclusteredCount(2, NOW)).toBe(2);
    });

    it('applies a clustering step at once: created stories, moved items, updated fields', async () => {
      const feed = await store().feeds.upsert({ url: 'https://one.example/feed.xml' }, NOW);
      const [a, b, c] = await Promise.all(
        ['a', 'b', 'c'].map((k, i) => itemIn(store(), feed.id, k, NOW - i * HOUR)),
      );
      if (a === undefined || b === undefined || c === undefined) throw new Error('items');
      for (const id of [a, b, c]) {
        const item = await store().items.get(id);
        await store().items.saveCondensed(id, condensedFor(item?.contentHash ?? ''), null);
      }
      const existing = await store().stories.create(storyOf(c), NOW);
      const ids = await store().stories.applyClustering(
        {
          created: [storyOf(a, { headline: 'New', flags: 1, leads: { en: a, de: b } })],
          updated: [{ id: existing, story: storyOf(c, { headline: 'Updated' }) }],
          assigned: [
            { itemId: a, story: { created: 0 } },
            { itemId: b, story: { created: 0 } },
            { itemId: c, story: existing },
          ],
        },
        NOW,
      );
      expect(ids).toHaveLength(1);
      const created = await store().stories.get(ids[0] ?? -1);
      expect(created).toMatchObject({ headline: 'New', flags: 1, leads: { en: a, de: b } });
      expect(created?.sources.map((s) => s.itemId).sort()).toEqual([a, b].sort());
      expect((await store().stories.get(existing))?.headline).toBe('Updated');
      expect(await store().items.unclustered(10, NOW)).toEqual([]);
      // A re-condensed item keeps its story.
      await store().items.saveCondensed(a, condensedFor('edited'), null);
      expect((await store().items.get(a))?.storyId).toBe(ids[0]);
    });

    it('gives created stories their ids in order and refuses an update of a story that is gone', async () => {
      const feed = await store().feeds.upsert({ url: 'https://one.example/feed.xml' }, NOW);
      const items = await Promise.all(
        ['a', 'b', 'c', 'd'].map((k, i) => itemIn(store(), feed.id, k, NOW - i * HOUR)),
      );
      const ids = await store().stories.applyClustering(
        {
          created: items.map((id, i) => storyOf(id, { headline: `Story ${i}` })),
          updated: [],
          assigned: items.map((itemId, i) => ({ itemId, story: { created: i } })),
        },
        NOW,
      );
      expect(new Set(ids).size).toBe(4);
      for (const [i, id] of ids.entries()) {
        const story = await store().stories.get(id);
        expect(story?.headline).toBe(`Story ${i}`);
        expect(story?.sources.map((source) => source.itemId)).toEqual([items[i]]);
      }
      const kept = ids[0] ?? -1;
      const change = {
        created: [],
        updated: [
          { id: kept, story: storyOf(items[0] ?? -1, { headline: 'Rewritten' }) },
          { id: 999_999, story: storyOf(items[1] ?? -1) },
        ],
        assigned: [],
      };
      await expect(store().stories.applyClustering(change, NOW)).rejects.toThrow(/999999/u);
      expect((await store().stories.get(kept))?.headline).toBe('Story 0');
    });

    it('writes nothing of a clustering step that fails', async () => {
      const feed = await store().feeds.upsert({ url: 'https://one.example/feed.xml' }, NOW);
      const a = await itemIn(store(), feed.id, 'a', NOW);
      await expect(
        store().stories.applyClustering(
          { created: [storyOf(a)], updated: [], assigned: [{ itemId: 999_999, story: { created: 0 } }] },
          NOW,
        ),
      ).rejects.toThrow();
      expect(
        await store().stories.candidates(
          (
            await store().subscriptions.ensure(
              {
                platform: 'console',
                chatId: 'x',
                threadId: '',
                schedule: '0 8 * * *',
                timezone: 'UTC',
                nextDigestAt: null,
              },
              NOW,
            )
          ).id,
          0,
        ),
      ).toEqual([]);
      expect((await store().items.get(a))?.storyId).toBeNull();
    });
  });
}
