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

/** Contract of `Store.subscriptions`. */
export function describeSubscriptionContract(store: GetStore): void {
  describe('subscriptions', () => {
    it('ensure creates a subscription once per address; the thread is part of the address', async () => {
      const created = await store().subscriptions.ensure(chat('100'), NOW);
      expect(created).toEqual({
        id: created.id,
        platform: 'telegram',
        chatId: '100',
        threadId: '',
        schedule: '0 8 * * *',
        timezone: 'Europe/Berlin',
        createdAt: NOW,
        lastDigestAt: null,
        nextDigestAt: NOW + HOUR,
        pausedReason: null,
        liveSince: null,
        breaking: null,
        images: true,
      });
      const again = await store().subscriptions.ensure(chat('100', { schedule: '0 9 * * *' }), NOW + HOUR);
      expect(again).toEqual(created);
      const thread = await store().subscriptions.ensure(chat('100', { threadId: '7' }), NOW);
      const discord = await store().subscriptions.ensure(chat('100', { platform: 'discord' }), NOW);
      expect(new Set([created.id, thread.id, discord.id]).size).toBe(3);

      expect(
        await store().subscriptions.find({ platform: 'telegram', chatId: '100', threadId: '7' }),
      ).toEqual(thread);
      expect(
        await store().subscriptions.find({ platform: 'telegram', chatId: '404', threadId: '' }),
      ).toBeNull();
      expect(await store().subscriptions.get(created.id)).toEqual(created);
      expect(await store().subscriptions.get(999)).toBeNull();
      expect((await store().subscriptions.list()).map((s) => s.id)).toEqual([
        created.id,
        thread.id,
        discord.id,
      ]);
      expect((await store().subscriptions.list('discord')).map((s) => s.id)).toEqual([discord.id]);
      expect(await store().subscriptions.list('console')).toEqual([]);
    });

    it('addFeed and removeFeed report whether anything changed; feeds lists the links', async () => {
      const sub = await store().subscriptions.ensure(chat('100'), NOW);
      const a = await store().feeds.upsert({ url: 'https://a.example/rss' }, NOW);
      const b = await store().feeds.upsert({ url: 'https://b.example/rss' }, NOW);
      expect(await store().subscriptions.addFeed(sub.id, a.id, NOW - HOUR, NOW)).toBe(true);
      expect(await store().subscriptions.addFeed(sub.id, a.id, NOW, NOW + MINUTE)).toBe(false);
      expect(await store().subscriptions.addFeed(sub.id, b.id, NOW, NOW + MINUTE)).toBe(true);
      const feeds = await store().subscriptions.feeds(sub.id);
      expect(feeds.map((f) => [f.feed.id, f.addedAt, f.since])).toEqual([
        [a.id, NOW, NOW - HOUR],
        [b.id, NOW + MINUTE, NOW],
      ]);
      expect(feeds[0]?.feed).toEqual(await store().feeds.get(a.id));
      expect(await store().subscriptions.removeFeed(sub.id, a.id)).toBe(true);
      expect(await store().subscriptions.removeFeed(sub.id, a.id)).toBe(false);
      expect((await store().subscriptions.feeds(sub.id)).map((f) => f.feed.id)).toEqual([b.id]);
    });

    it('remembers which topic added a feed, until the chat follows it on its own', async () => {
      const subs = store().subscriptions;
      const sub = await subs.ensure(chat('101'), NOW);
      const a = await store().feeds.upsert({ url: 'https://a.example/rss' }, NOW);
      const b = await store().feeds.upsert({ url: 'https://b.example/rss' }, NOW);
      expect(await subs.addFeed(sub.id, a.id, NOW, NOW, 'technology')).toBe(true);
      expect(await subs.addFeed(sub.id, b.id, NOW, NOW)).toBe(true);
      // Another topic does not take over a feed; following it by itself does.
      expect(await subs.addFeed(sub.id, b.id, NOW, NOW, 'science')).toBe(false);
      expect((await subs.feeds(sub.id)).map((f) => f.addedBy)).toEqual(['technology', null]);
      expect(await subs.addFeed(sub.id, a.id, NOW, NOW)).toBe(false);
      expect((await subs.feeds(sub.id)).map((f) => f.addedBy)).toEqual([null, null]);
    });

    it('following a missing feed or from a missing subscription throws', async () => {
      const sub = await store().subscriptions.ensure(chat('100'), NOW);
      const feed = await store().feeds.upsert({ url: 'https://a.example/rss' }, NOW);
      await expect(store().subscriptions.addFeed(sub.id, 999, NOW, NOW)).rejects.toThrow();
      await expect(store().subscriptions.addFeed(999, feed.id, NOW, NOW)).rejects.toThrow();
      await expect(store().subscriptions.removeFeed(999, feed.id)).rejects.toThrow();
      await expect(store().subscriptions.feeds(999)).rejects.toThrow();
      await expect(store().subscriptions.followers(999)).rejects.toThrow();
    });

    it('followers lists the subscriptions that follow a feed', async () => {
      const { feed, sub } = await followedFeed(store(), 'https://a.example/rss', { chatId: '1' });
      const second = await followedFeed(store(), 'https://a.example/rss', { chatId: '2' });
      await followedFeed(store(), 'https://b.example/rss', { chatId: '3' });
      expect((await store().subscriptions.followers(feed.id)).map((s) => s.id)).toEqual([
        sub.id,
        second.sub.id,
      ]);
    });

    it('setSchedule, setNextDigestAt and setPaused change a subscription and throw when it is missing', async () => {
      const sub = await store().subscriptions.ensure(chat('100'), NOW);
      const changed = await store().subscriptions.setSchedule(sub.id, '30 7 * * 1-5', 'UTC', NOW + 2 * HOUR);
      expect(changed).toEqual({
        ...sub,
        schedule: '30 7 * * 1-5',
        timezone: 'UTC',
        nextDigestAt: NOW + 2 * HOUR,
      });
      await store().subscriptions.setNextDigestAt(sub.id, null);
      await store().subscriptions.setPaused(sub.id, 'forbidden');
      expect(await store().subscriptions.get(sub.id)).toMatchObject({
        nextDigestAt: null,
        pausedReason: 'forbidden',
      });
      await store().subscriptions.setPaused(sub.id, null);
      expect((await store().subscriptions.get(sub.id))?.pausedReason).toBeNull();

      await expect(store().subscriptions.setSchedule(999, '* * * * *', 'UTC', null)).rejects.toThrow();
      await expect(store().subscriptions.setNextDigestAt(999, null)).rejects.toThrow();
      await expect(store().subscriptions.setPaused(999, 'x')).rejects.toThrow();
      await expect(store().subscriptions.remove(999)).rejects.toThrow();
    });

    it('remove deletes the subscription with its links, mutes, digests and parts', async () => {
      const { feed, sub } = await followedFeed(store(), 'https://a.example/rss');
      await store().subscriptions.mute(sub.id, 'sport', NOW);
      await store().outbox.createDigest(
        { subscriptionId: sub.id, slot: NOW, storyIds: [], parts: [{ payload: 'p' }], nextDigestAt: null },
        NOW,
      );
      await store().subscriptions.remove(sub.id);
      expect(await store().subscriptions.get(sub.id)).toBeNull();
      expect(await store().subscriptions.followers(feed.id)).toEqual([]);
      expect(await store().outbox.pending(NOW, 10)).toEqual([]);
      expect(await store().feeds.get(feed.id)).not.toBeNull();
      await expect(store().subscriptions.mutes(sub.id)).rejects.toThrow();
    });

    it('mute and unmute store trimmed lower-case terms and report no-ops', async () => {
      const sub = await store().subscriptions.ensure(chat('100'), NOW);
      expect(await store().subscriptions.mute(sub.id, '  Premier League ', NOW)).toBe(true);
      expect(await store().subscriptions.mute(sub.id, 'premier league', NOW + 1)).toBe(false);
      expect(await store().subscriptions.mute(sub.id, 'sport', NOW + 2)).toBe(true);
      expect(await store().subscriptions.mutes(sub.id)).toEqual([
        { subscriptionId: sub.id, term: 'premier league', expiresAt: null, createdAt: NOW },
        { subscriptionId: sub.id, term: 'sport', expiresAt: null, createdAt: NOW + 2 },
      ]);
      expect(await store().subscriptions.unmute(sub.id, 'PREMIER LEAGUE')).toBe(true);
      expect(await store().subscriptions.unmute(sub.id, 'premier league')).toBe(false);
      expect((await store().subscriptions.mutes(sub.id)).map((m) => m.term)).toEqual(['sport']);
      await expect(store().subscriptions.mute(999, 'x', NOW)).rejects.toThrow();
      await expect(store().subscriptions.unmute(999, 'x')).rejects.toThrow();
    });

    it('moveChat moves every subscription of a chat, threads included', async () => {
      const main = await followedFeed(store(), 'https://a.example/rss', { chatId: '-100' });
      const thread = await store().subscriptions.ensure(chat('-100', { threadId: '5' }), NOW);
      const bystander = await store().subscriptions.ensure(chat('-100', { platform: 'discord' }), NOW);
      expect(await store().subscriptions.moveChat('telegram', '-100', '-1009')).toBe(2);
      expect(
        await store().subscriptions.find({ platform: 'telegram', chatId: '-100', threadId: '' }),
      ).toBeNull();
      expect(await store().subscriptions.get(main.sub.id)).toMatchObject({ chatId: '-1009', threadId: '' });
      expect(await store().subscriptions.get(thread.id)).toMatchObject({ chatId: '-1009', threadId: '5' });
      expect((await store().subscriptions.get(bystander.id))?.chatId).toBe('-100');
      expect((await store().subscriptions.feeds(main.sub.id)).map((f) => f.feed.id)).toEqual([main.feed.id]);
      expect(await store().subscriptions.moveChat('telegram', '-404', '-405')).toBe(0);
    });

    it('moveChat merges into a subscription already at the target, adding only what it lacked', async () => {
      const old = await followedFeed(store(), 'https://a.example/rss', { chatId: 'old', since: NOW - HOUR });
      const onlyOld = await followedFeed(store(), 'https://b.example/rss', {
        chatId: 'old',
        since: NOW - 2 * HOUR,
      });
      const target = await followedFeed(store(), 'https://a.example/rss', { chatId: 'new', since: NOW });
      await store().subscriptions.mute(old.sub.id, 'sport', NOW);
      await store().subscriptions.mute(old.sub.id, 'crime', NOW);
      await store().subscriptions.mute(target.sub.id, 'sport', NOW + 1);

      expect(await store().subscriptions.moveChat('telegram', 'old', 'new')).toBe(1);
      expect(await store().subscriptions.get(old.sub.id)).toBeNull();
      const links = await store().subscriptions.feeds(target.sub.id);
      expect(links.map((l) => [l.feed.id, l.since])).toEqual([
        [target.feed.id, NOW],
        [onlyOld.feed.id, NOW - 2 * HOUR],
      ]);
      expect((await store().subscriptions.mutes(target.sub.id)).map((m) => [m.term, m.createdAt])).toEqual([
        ['crime', NOW],
        ['sport', NOW + 1],
      ]);
      expect(await store().subscriptions.get(target.sub.id)).toEqual(target.sub);
    });

    it('moveChat merging keeps what the moving chat was shown and its digest under way, for the target to send', async () => {
      const old = await followedFeed(store(), 'https://shown.example/rss', { chatId: 'old-group' });
      const target = await store().subscriptions.ensure(chat('supergroup'), NOW);
      const [item] = await liveItems(store(), old.feed.id, [entry('shown')]);
      const storyId = await storyFor(store(), item?.id ?? -1);
      const digestId = await store().outbox.createDigest(
        {
          subscriptionId: old.sub.id,
          slot: NOW,
          storyIds: [storyId],
          parts: [{ payload: 'part', storyIds: [storyId] }],
          nextDigestAt: null,
          shownFeeds: [{ storyId, feedIds: [old.feed.id] }],
        },
        NOW,
      );
      const [part] = await store().outbox.pendingOf(digestId ?? -1);

      expect(await store().subscriptions.moveChat('telegram', 'old-group', 'supergroup')).toBe(1);
      // The part is the target's to send and record now; the story counts as shown there.
      expect((await store().outbox.pending(NOW, 10)).map((p) => [p.id, p.subscriptionId])).toEqual([
        [part?.id, target.id],
      ]);
      await store().outbox.markSent(part?.id ?? -1, 'm-1', NOW);
      expect((await store().stories.shown(target.id, 0)).map((s) => s.story.id)).toEqual([storyId]);
      expect(await store().stories.candidates(target.id, 0)).toEqual([]);
    });
  });
}
