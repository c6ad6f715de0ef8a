import { describe, expect, it } from 'vitest';
import { chat, followedFeed, type GetStore, HOUR, MINUTE, NOW } from './fixtures.js';

/** Contract of `Store.feeds`. */
export function describeFeedContract(store: GetStore): void {
  describe('feeds', () => {
    it('upsert creates a new feed due now, with clean polling state', async () => {
      const feed = await store().feeds.upsert(
        { url: 'https://a.example/rss', catalogId: 'a', title: 'A', siteUrl: 'https://a.example/' },
        NOW,
      );
      expect(feed).toMatchObject({
        url: 'https://a.example/rss',
        catalogId: 'a',
        title: 'A',
        siteUrl: 'https://a.example/',
        etag: null,
        lastModified: null,
        createdAt: NOW,
        nextPollAt: NOW,
        lastPolledAt: null,
        lastSuccessAt: null,
        lastNewItemAt: null,
        consecutiveFailures: 0,
        lastError: null,
        disabledReason: null,
        disabledNoticeSent: false,
        seeded: false,
        language: null,
      });
      expect(await store().feeds.get(feed.id)).toEqual(feed);
      expect(await store().feeds.getByUrl('https://a.example/rss')).toEqual(feed);
    });

    it('upsert of a known URL returns that feed, filling only what it lacked', async () => {
      const first = await store().feeds.upsert({ url: 'https://a.example/rss' }, NOW);
      const second = await store().feeds.upsert(
        { url: 'https://a.example/rss', catalogId: 'a', title: 'A' },
        NOW + MINUTE,
      );
      expect(second.id).toBe(first.id);
      expect(second).toMatchObject({ catalogId: 'a', title: 'A', createdAt: NOW, nextPollAt: NOW });
      const third = await store().feeds.upsert(
        { url: 'https://a.example/rss', catalogId: 'b', title: 'B' },
        NOW,
      );
      expect(third).toMatchObject({ id: first.id, catalogId: 'a', title: 'A' });
      expect(await store().feeds.list()).toHaveLength(1);
    });

    it('get and getByUrl return null for unknown feeds; list is in creation order', async () => {
      expect(await store().feeds.get(424242)).toBeNull();
      expect(await store().feeds.getByUrl('https://nowhere.example/')).toBeNull();
      const a = await store().feeds.upsert({ url: 'https://a.example/rss' }, NOW);
      const b = await store().feeds.upsert({ url: 'https://b.example/rss' }, NOW);
      expect((await store().feeds.list()).map((f) => f.id)).toEqual([a.id, b.id]);
    });

    it('claimDue returns only followed, enabled, due feeds, earliest due first, up to the limit', async () => {
      const late = await followedFeed(store(), 'https://late.example/rss');
      const early = await followedFeed(store(), 'https://early.example/rss');
      const future = await followedFeed(store(), 'https://future.example/rss');
      const disabled = await followedFeed(store(), 'https://disabled.example/rss');
      await store().feeds.upsert({ url: 'https://unfollowed.example/rss' }, NOW - MINUTE);
      await store().feeds.recordSuccess(late.feed.id, { polledAt: NOW - 10, nextPollAt: NOW - 5 * MINUTE });
      await store().feeds.recordSuccess(early.feed.id, { polledAt: NOW - 10, nextPollAt: NOW - 9 * MINUTE });
      await store().feeds.recordSuccess(future.feed.id, { polledAt: NOW - 10, nextPollAt: NOW + 1 });
      await store().feeds.recordFailure(disabled.feed.id, {
        polledAt: NOW - 10,
        nextPollAt: NOW - 20 * MINUTE,
        reason: 'gone',
        disable: true,
      });

      expect((await store().feeds.claimDue(NOW, 1, MINUTE)).map((f) => f.url)).toEqual([
        'https://early.example/rss',
      ]);
      expect((await store().feeds.claimDue(NOW, 10, MINUTE)).map((f) => f.url)).toEqual([
        'https://late.example/rss',
      ]);
      expect(await store().feeds.claimDue(NOW, 0, MINUTE)).toEqual([]);
    });

    it('claimDue skips a feed that only chats gone from reach follow, and polls it again once one is back', async () => {
      const shared = await followedFeed(store(), 'https://shared.example/rss', { chatId: 'blocked' });
      const alone = await followedFeed(store(), 'https://alone.example/rss', { chatId: 'blocked' });
      const reader = await store().subscriptions.ensure(chat('reader'), NOW);
      await store().subscriptions.addFeed(reader.id, shared.feed.id, 0, NOW);
      await store().subscriptions.setPaused(shared.sub.id, 'Telegram 403: bot was blocked by the user');
      expect((await store().feeds.claimDue(NOW, 10, MINUTE)).map((f) => f.url)).toEqual([
        'https://shared.example/rss',
      ]);
      await store().subscriptions.setPaused(alone.sub.id, null);
      expect((await store().feeds.claimDue(NOW + MINUTE, 10, MINUTE)).map((f) => f.url).sort()).toEqual([
        'https://alone.example/rss',
        'https://shared.example/rss',
      ]);
    });

    it('a claimed feed is leased: a second claim at the same instant gets none of it until the lease ends', async () => {
      const { feed } = await followedFeed(store(), 'https://a.example/rss');
      expect((await store().feeds.claimDue(NOW, 10, MINUTE)).map((f) => f.id)).toEqual([feed.id]);
      expect(await store().feeds.claimDue(NOW, 10, MINUTE)).toEqual([]);
      expect(await store().feeds.claimDue(NOW + MINUTE - 1, 10, MINUTE)).toEqual([]);
      expect((await store().feeds.claimDue(NOW + MINUTE, 10, MINUTE)).map((f) => f.id)).toEqual([feed.id]);
    });

    it('recordSuccess and recordFailure end the lease', async () => {
      const a = await followedFeed(store(), 'https://a.example/rss');
      const b = await followedFeed(store(), 'https://b.example/rss');
      await store().feeds.claimDue(NOW, 10, 10 * MINUTE);
      await store().feeds.recordSuccess(a.feed.id, { polledAt: NOW, nextPollAt: NOW });
      await store().feeds.recordFailure(b.feed.id, {
        polledAt: NOW,
        nextPollAt: NOW,
        reason: 'timeout',
        disable: false,
      });
      expect((await store().feeds.claimDue(NOW, 10, MINUTE)).map((f) => f.id)).toEqual([
        a.feed.id,
        b.feed.id,
      ]);
    });

    it('recordSuccess resets failures and replaces validators only when given', async () => {
      const { feed } = await followedFeed(store(), 'https://a.example/rss');
      await store().feeds.recordFailure(feed.id, {
        polledAt: NOW,
        nextPollAt: NOW,
        reason: 'timeout',
        disable: false,
      });
      const ok = await store().feeds.recordSuccess(feed.id, {
        polledAt: NOW + 1,
        nextPollAt: NOW + 30 * MINUTE,
        etag: '"v1"',
        lastModified: 'Wed, 15 Jan 2025 11:00:00 GMT',
        title: 'A News',
        siteUrl: 'https://a.example/',
        language: 'de',
      });
      expect(ok).toMatchObject({
        consecutiveFailures: 0,
        lastError: null,
        lastPolledAt: NOW + 1,
        lastSuccessAt: NOW + 1,
        nextPollAt: NOW + 30 * MINUTE,
        etag: '"v1"',
        lastModified: 'Wed, 15 Jan 2025 11:00:00 GMT',
        title: 'A News',
        siteUrl: 'https://a.example/',
        language: 'de',
      });
      // A 304 carries no validators: the previous ones stay.
      const notModified = await store().feeds.recordSuccess(feed.id, {
        polledAt: NOW + 2,
        nextPollAt: NOW + 60 * MINUTE,
      });
      expect(notModified).toMatchObject({
        etag: '"v1"',
        lastModified: 'Wed, 15 Jan 2025 11:00:00 GMT',
        title: 'A News',
        language: 'de',
      });
      expect(notModified.lastSuccessAt).toBe(NOW + 2);
      // A 200 without validators clears them.
      const cleared = await store().feeds.recordSuccess(feed.id, {
        polledAt: NOW + 3,
        nextPollAt: NOW + 90 * MINUTE,
        etag: null,
        lastModified: null,
        title: null,
        language: null,
      });
      // A feed that stops naming itself keeps its known name, and one too short to show a
      // language keeps the one it showed.
      expect(cleared).toMatchObject({ etag: null, lastModified: null, title: 'A News', language: 'de' });
      expect(await store().feeds.get(feed.id)).toEqual(cleared);
    });

    it('recordSuccess follows a permanent redirect unless another feed already has that URL', async () => {
      const { feed } = await followedFeed(store(), 'https://a.example/rss');
      const other = await store().feeds.upsert({ url: 'https://b.example/rss' }, NOW);
      const moved = await store().feeds.recordSuccess(feed.id, {
        polledAt: NOW,
        nextPollAt: NOW + MINUTE,
        url: 'https://a.example/feed.xml',
      });
      expect(moved.url).toBe('https://a.example/feed.xml');
      expect(await store().feeds.getByUrl('https://a.example/rss')).toBeNull();
      const kept = await store().feeds.recordSuccess(feed.id, {
        polledAt: NOW,
        nextPollAt: NOW + MINUTE,
        url: other.url,
      });
      expect(kept.url).toBe('https://a.example/feed.xml');
      expect((await store().feeds.getByUrl(other.url))?.id).toBe(other.id);
    });

    it('recordFailure counts failures, and disabling stops claims until enable', async () => {
      const { feed } = await followedFeed(store(), 'https://a.example/rss');
      const once = await store().feeds.recordFailure(feed.id, {
        polledAt: NOW,
        nextPollAt: NOW + MINUTE,
        reason: 'timeout',
        disable: false,
      });
      expect(once).toMatchObject({
        consecutiveFailures: 1,
        lastError: 'timeout',
        lastPolledAt: NOW,
        disabledReason: null,
      });
      expect(once.lastSuccessAt).toBeNull();
      await store().feeds.markDisabledNoticeSent(feed.id);
      const twice = await store().feeds.recordFailure(feed.id, {
        polledAt: NOW + MINUTE,
        nextPollAt: NOW + 2 * MINUTE,
        reason: 'not_found',
        disable: true,
      });
      expect(twice).toMatchObject({
        consecutiveFailures: 2,
        lastError: 'not_found',
        disabledReason: 'not_found',
        disabledNoticeSent: false,
        nextPollAt: NOW + 2 * MINUTE,
      });
      expect(await store().feeds.claimDue(NOW + 24 * HOUR, 10, MINUTE)).toEqual([]);

      await store().feeds.markDisabledNoticeSent(feed.id);
      expect((await store().feeds.get(feed.id))?.disabledNoticeSent).toBe(true);

      const enabled = await store().feeds.enable(feed.id, NOW + 5 * MINUTE);
      expect(enabled).toMatchObject({
        consecutiveFailures: 0,
        lastError: null,
        disabledReason: null,
        disabledNoticeSent: false,
        nextPollAt: NOW + 5 * MINUTE,
      });
      expect((await store().feeds.claimDue(NOW + 5 * MINUTE, 10, MINUTE)).map((f) => f.id)).toEqual([
        feed.id,
      ]);
    });

    it('writes naming a missing feed throw', async () => {
      await expect(store().feeds.recordSuccess(999, { polledAt: NOW, nextPollAt: NOW })).rejects.toThrow();
      await expect(
        store().feeds.recordFailure(999, { polledAt: NOW, nextPollAt: NOW, reason: 'x', disable: false }),
      ).rejects.toThrow();
      await expect(store().feeds.markDisabledNoticeSent(999)).rejects.toThrow();
      await expect(store().feeds.enable(999, NOW)).rejects.toThrow();
    });
  });
}
