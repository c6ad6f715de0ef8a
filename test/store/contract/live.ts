import { describe, expect, it } from 'vitest';
import { entry, followedFeed, type GetStore, liveItems, MINUTE, NOW, storyFor } from './fixtures.js';

/** Contract of live mode, the breaking lane, shown outlets and edit parts. */
export function describeLiveContract(store: GetStore): void {
  describe('live stories', () => {
    it('setLive and setBreaking switch the modes and return the subscription', async () => {
      const { sub } = await followedFeed(store(), 'https://a.example/feed');
      expect(await store().subscriptions.setLive(sub.id, NOW)).toMatchObject({
        liveSince: NOW,
        breaking: null,
      });
      const lane = { outlets: 5, windowMs: 30 * MINUTE };
      expect(await store().subscriptions.setBreaking(sub.id, lane)).toMatchObject({
        liveSince: NOW,
        breaking: lane,
      });
      await store().subscriptions.setLive(sub.id, null);
      expect(await store().subscriptions.setBreaking(sub.id, null)).toMatchObject({
        liveSince: null,
        breaking: null,
      });
      await expect(store().subscriptions.setLive(999, NOW)).rejects.toThrow();
    });

    it('lists the unpaused live and breaking-lane subscriptions, and no other', async () => {
      // One after another: ids follow the order the subscriptions are made in, and the list is by id.
      const subs = [];
      for (const chatId of ['live', 'lane', 'digest', 'paused'])
        subs.push((await followedFeed(store(), `https://${chatId}.example/feed`, { chatId })).sub);
      const [live, lane, , paused] = subs;
      await store().subscriptions.setLive(live?.id ?? -1, NOW);
      await store().subscriptions.setBreaking(lane?.id ?? -1, { outlets: 3, windowMs: 30 * MINUTE });
      await store().subscriptions.setLive(paused?.id ?? -1, NOW);
      await store().subscriptions.setPaused(paused?.id ?? -1, 'gone');
      expect((await store().subscriptions.live()).map((s) => s.id)).toEqual([live?.id, lane?.id]);
    });

    it('records the outlets and part a story was shown with; an edit waits for its message', async () => {
      const { feed, sub } = await followedFeed(store(), 'https://a.example/feed');
      const [item] = await liveItems(store(), feed.id, [entry('one')]);
      const storyId = await storyFor(store(), item?.id ?? -1);
      const before = await store().subscriptions.get(sub.id);
      const digestId = await store().outbox.createDigest(
        {
          subscriptionId: sub.id,
          slot: NOW,
          storyIds: [storyId],
          parts: [{ payload: 'live', storyIds: [storyId] }],
          nextDigestAt: null,
          keepCursor: true,
          shownFeeds: [{ storyId, feedIds: [feed.id] }],
        },
        NOW,
      );
      expect(await store().subscriptions.get(sub.id)).toEqual(before);
      const [part] = await store().outbox.pendingOf(digestId ?? -1);
      const [shown] = await store().stories.shown(sub.id, NOW - MINUTE);
      expect(shown).toMatchObject({
        shownFeedIds: [feed.id],
        partId: part?.id,
        partSent: false,
        editPending: false,
      });
      expect(shown?.story.id).toBe(storyId);
      expect(await store().stories.shown(sub.id, NOW + MINUTE)).toEqual([]);

      await store().outbox.createDigest(
        {
          subscriptionId: sub.id,
          slot: NOW + 1,
          storyIds: [],
          parts: [],
          nextDigestAt: null,
          keepCursor: true,
          shownFeeds: [{ storyId, feedIds: [feed.id, 77] }],
          edits: [{ editOf: part?.id ?? -1, payload: 'edited' }],
        },
        NOW,
      );
      // The edit is not due while its message is unsent.
      expect((await store().outbox.pending(NOW, 10)).map((p) => p.payload)).toEqual(['live']);
      await store().outbox.markSent(part?.id ?? -1, 'm-1', NOW);
      const [edit] = await store().outbox.pending(NOW, 10);
      expect(edit).toMatchObject({ payload: 'edited', editOf: part?.id, editMessageId: 'm-1' });
      expect((await store().stories.shown(sub.id, 0))[0]).toMatchObject({
        shownFeedIds: [feed.id, 77],
        partSent: true,
        editPending: true,
        editRefused: false,
      });
      // The message was deleted: the edit is dropped alone, and the message is never rewritten again.
      await store().outbox.dropEdit(edit?.id ?? -1, 'message to edit not found');
      expect(await store().outbox.pending(NOW + MINUTE, 10)).toEqual([]);
      expect((await store().stories.shown(sub.id, 0))[0]).toMatchObject({
        partSent: true,
        editPending: false,
        editRefused: true,
      });
      await expect(store().outbox.dropEdit(part?.id ?? -1, 'not an edit')).rejects.toThrow();
    });

    it('a story shown again as an update keeps its first digest and records what it was shown with now', async () => {
      const { feed, sub } = await followedFeed(store(), 'https://update.example/feed');
      const [item] = await liveItems(store(), feed.id, [entry('grown')]);
      const storyId = await storyFor(store(), item?.id ?? -1);
      const digest = (slot: number, feedIds: number[]) =>
        store().outbox.createDigest(
          {
            subscriptionId: sub.id,
            slot,
            storyIds: [storyId],
            parts: [{ payload: `digest ${slot}`, storyIds: [storyId] }],
            nextDigestAt: null,
            shownFeeds: [{ storyId, feedIds }],
          },
          NOW,
        );
      const first = await digest(NOW, [feed.id]);
      await digest(NOW + MINUTE, [feed.id, 77]);
      const [shown] = await store().stories.shown(sub.id, 0);
      const [firstPart] = await store().outbox.pendingOf(first ?? -1);
      // Told again with its new outlet, it is not told as "updated" a third time.
      expect(shown).toMatchObject({ shownFeedIds: [feed.id, 77], partId: firstPart?.id });
    });

    it('a story shown before outlets were recorded is never reported as grown', async () => {
      const { feed, sub } = await followedFeed(store(), 'https://a.example/feed');
      const [item] = await liveItems(store(), feed.id, [entry('two')]);
      const storyId = await storyFor(store(), item?.id ?? -1);
      await store().outbox.createDigest(
        {
          subscriptionId: sub.id,
          slot: NOW,
          storyIds: [storyId],
          parts: [{ payload: 'x' }],
          nextDigestAt: null,
        },
        NOW,
      );
      expect(await store().stories.shown(sub.id, 0)).toEqual([]);
    });
  });
}
