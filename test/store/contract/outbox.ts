import { describe, expect, it } from 'vitest';
import type { Store } from '../../../src/store/store.js';
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

/** Creates a digest of `parts` payloads for a subscription; fails the test if the slot was taken. */
async function digestOf(store: Store, subscriptionId: number, slot: number, parts: string[], now = NOW) {
  const id = await store.outbox.createDigest(
    {
      subscriptionId,
      slot,
      storyIds: [],
      parts: parts.map((payload) => ({ payload })),
      nextDigestAt: slot + 1,
    },
    now,
  );
  if (id === null) throw new Error(`slot ${slot} already taken`);
  return id;
}

/** Contract of `Store.outbox`. */
export function describeOutboxContract(store: GetStore): void {
  describe('outbox', () => {
    it('createDigest stores the parts in order and moves the subscription cursor', async () => {
      const sub = await store().subscriptions.ensure(chat('100', { threadId: '3' }), NOW);
      const digestId = await store().outbox.createDigest(
        {
          subscriptionId: sub.id,
          slot: NOW - MINUTE,
          storyIds: [],
          parts: [{ payload: 'a' }, { payload: 'b' }],
          nextDigestAt: NOW + 100,
        },
        NOW,
      );
      expect(digestId).not.toBeNull();
      const parts = await store().outbox.pendingOf(digestId ?? -1);
      expect(parts).toEqual([
        {
          id: parts[0]?.id,
          digestId,
          subscriptionId: sub.id,
          address: { platform: 'telegram', chatId: '100', threadId: '3' },
          seq: 0,
          payload: 'a',
          state: 'pending',
          attempts: 0,
          nextAttemptAt: NOW,
          platformMessageId: null,
          lastError: null,
          editOf: null,
          editMessageId: null,
        },
        expect.objectContaining({ seq: 1, payload: 'b', state: 'pending', nextAttemptAt: NOW }),
      ]);
      expect(await store().subscriptions.get(sub.id)).toMatchObject({
        lastDigestAt: NOW - MINUTE,
        nextDigestAt: NOW + 100,
      });
    });

    it('createDigest returns null and changes nothing when the slot already has a digest', async () => {
      const { feed, sub } = await followedFeed(store(), 'https://a.example/rss');
      const [item] = await liveItems(store(), feed.id, [entry('a')]);
      const storyId = await storyFor(store(), item?.id ?? -1);
      const first = await digestOf(store(), sub.id, NOW, ['one']);
      const again = await store().outbox.createDigest(
        {
          subscriptionId: sub.id,
          slot: NOW,
          storyIds: [storyId],
          parts: [{ payload: 'two' }],
          nextDigestAt: NOW + 5,
        },
        NOW + MINUTE,
      );
      expect(again).toBeNull();
      expect((await store().outbox.pendingOf(first)).map((p) => p.payload)).toEqual(['one']);
      expect((await store().outbox.pending(NOW + MINUTE, 10)).map((p) => p.payload)).toEqual(['one']);
      expect((await store().subscriptions.get(sub.id))?.nextDigestAt).toBe(NOW + 1);
      expect((await store().stories.candidates(sub.id, 0)).map((s) => s.id)).toEqual([storyId]);
    });

    it('createDigest is all or nothing: a missing subscription or story throws and leaves no trace', async () => {
      const sub = await store().subscriptions.ensure(chat('100'), NOW);
      await expect(
        store().outbox.createDigest(
          { subscriptionId: 999, slot: NOW, storyIds: [], parts: [{ payload: 'x' }], nextDigestAt: null },
          NOW,
        ),
      ).rejects.toThrow();
      await expect(
        store().outbox.createDigest(
          {
            subscriptionId: sub.id,
            slot: NOW,
            storyIds: [999],
            parts: [{ payload: 'x' }],
            nextDigestAt: null,
          },
          NOW,
        ),
      ).rejects.toThrow();
      expect(await store().outbox.pending(NOW, 10)).toEqual([]);
      expect(await store().subscriptions.get(sub.id)).toEqual(sub);
      expect(await digestOf(store(), sub.id, NOW, ['x'])).toBeTypeOf('number');
    });

    it('pending hands out parts strictly in order within a digest, oldest digest first', async () => {
      const a = await store().subscriptions.ensure(chat('a'), NOW);
      const b = await store().subscriptions.ensure(chat('b'), NOW);
      const first = await digestOf(store(), a.id, NOW, ['a0', 'a1']);
      await digestOf(store(), b.id, NOW, ['b0']);
      expect((await store().outbox.pending(NOW, 10)).map((p) => p.payload)).toEqual(['a0', 'b0']);
      expect((await store().outbox.pending(NOW, 1)).map((p) => p.payload)).toEqual(['a0']);
      expect(await store().outbox.pending(NOW - 1, 10)).toEqual([]);

      const [a0] = await store().outbox.pendingOf(first);
      await store().outbox.markSent(a0?.id ?? -1, 'msg-1', NOW);
      expect((await store().outbox.pending(NOW, 10)).map((p) => p.payload)).toEqual(['a1', 'b0']);
      expect((await store().outbox.pendingOf(first)).map((p) => p.payload)).toEqual(['a1']);
    });

    it("pending holds a chat's next digest until every part of the one before it is done", async () => {
      const sub = await store().subscriptions.ensure(chat('1'), NOW);
      const other = await store().subscriptions.ensure(chat('2'), NOW);
      const first = await digestOf(store(), sub.id, NOW, ['a0', 'a1']);
      await digestOf(store(), sub.id, NOW + MINUTE, ['b0', 'b1'], NOW + MINUTE);
      await digestOf(store(), other.id, NOW + MINUTE, ['c0'], NOW + MINUTE);
      const due = async (at: number): Promise<string[]> =>
        (await store().outbox.pending(at, 10)).map((p) => p.payload);
      expect(await due(NOW + MINUTE)).toEqual(['a0', 'c0']);
      const [a0, a1] = await store().outbox.pendingOf(first);
      await store().outbox.markSent(a0?.id ?? -1, 'm0', NOW + MINUTE);
      // Its last part waits for a retry: the next digest waits with it, and wakes nothing meanwhile.
      await store().outbox.markRetry(a1?.id ?? -1, '429', NOW + 10 * MINUTE, false);
      expect(await due(NOW + MINUTE)).toEqual(['c0']);
      expect(await store().outbox.nextDueAt(['telegram'])).toBe(NOW + MINUTE);
      await store().outbox.markSent((await store().outbox.pending(NOW + MINUTE, 10))[0]?.id ?? -1, 'c', NOW);
      expect(await store().outbox.nextDueAt(['telegram'])).toBe(NOW + 10 * MINUTE);
      await store().outbox.markSent(a1?.id ?? -1, 'm1', NOW + 10 * MINUTE);
      expect(await due(NOW + 10 * MINUTE)).toEqual(['b0']);
    });

    it("pending holds a chat's digest behind every earlier one, empty slots and later-composed slots too", async () => {
      const sub = await store().subscriptions.ensure(chat('1'), NOW);
      const due = async (at: number): Promise<string[]> =>
        (await store().outbox.pending(at, 10)).map((p) => p.payload);
      const first = await digestOf(store(), sub.id, NOW, ['a0', 'a1']);
      // A slot with nothing new is kept as a digest without parts.
      await digestOf(store(), sub.id, NOW + HOUR, [], NOW + HOUR);
      await digestOf(store(), sub.id, NOW + 2 * HOUR, ['c0'], NOW + 2 * HOUR);
      // A missed slot composed after the others goes after them.
      await digestOf(store(), sub.id, NOW - HOUR, ['s0'], NOW + 2 * HOUR);
      const [a0, a1] = await store().outbox.pendingOf(first);
      await store().outbox.markSent(a0?.id ?? -1, 'm0', NOW);
      await store().outbox.markRetry(a1?.id ?? -1, '429', NOW + 3 * HOUR, false);
      expect(await due(NOW + 2 * HOUR)).toEqual([]);
      await store().outbox.markSent(a1?.id ?? -1, 'm1', NOW + 3 * HOUR);
      expect(await due(NOW + 3 * HOUR)).toEqual(['c0']);
    });

    it('pending pages by key after a cursor, in the same order', async () => {
      const subs = [];
      for (const id of ['k1', 'k2', 'k3']) subs.push(await store().subscriptions.ensure(chat(id), NOW));
      for (const sub of subs) await digestOf(store(), sub.id, NOW, [`${sub.chatId}-0`, `${sub.chatId}-1`]);
      const first = await store().outbox.pending(NOW, 2);
      expect(first.map((p) => p.payload)).toEqual(['k1-0', 'k2-0']);
      const last = first.at(-1);
      const after = { digestId: last?.digestId ?? 0, seq: last?.seq ?? 0 };
      expect((await store().outbox.pending(NOW, 2, undefined, after)).map((p) => p.payload)).toEqual([
        'k3-0',
      ]);
      expect((await store().outbox.pending(NOW, 2, 'telegram', after)).map((p) => p.payload)).toEqual([
        'k3-0',
      ]);
      // A part unblocked behind the cursor waits for the next lap from the start.
      await store().outbox.markSent(first[0]?.id ?? -1, 'm', NOW);
      expect((await store().outbox.pending(NOW, 5, undefined, after)).map((p) => p.payload)).toEqual([
        'k3-0',
      ]);
      expect((await store().outbox.pending(NOW, 5)).map((p) => p.payload)).toEqual(['k1-1', 'k2-0', 'k3-0']);
    });

    it('pending filters by platform and skips paused subscriptions', async () => {
      const tg = await store().subscriptions.ensure(chat('1'), NOW);
      const dc = await store().subscriptions.ensure(chat('1', { platform: 'discord' }), NOW);
      await digestOf(store(), tg.id, NOW, ['tg']);
      await digestOf(store(), dc.id, NOW, ['dc']);
      expect((await store().outbox.pending(NOW, 10, 'discord')).map((p) => p.payload)).toEqual(['dc']);
      expect((await store().outbox.pending(NOW, 10, 'telegram')).map((p) => p.address)).toEqual([
        { platform: 'telegram', chatId: '1', threadId: '' },
      ]);
      await store().subscriptions.setPaused(dc.id, 'forbidden');
      expect((await store().outbox.pending(NOW, 10)).map((p) => p.payload)).toEqual(['tg']);
      await store().subscriptions.setPaused(dc.id, null);
      expect((await store().outbox.pending(NOW, 10)).map((p) => p.payload)).toEqual(['tg', 'dc']);
    });

    it('markRetry counts the attempt and holds the part (and its digest) until the next attempt', async () => {
      const sub = await store().subscriptions.ensure(chat('1'), NOW);
      const digestId = await digestOf(store(), sub.id, NOW, ['p0', 'p1']);
      const [p0] = await store().outbox.pendingOf(digestId);
      await store().outbox.markRetry(p0?.id ?? -1, 'rate limited', NOW + MINUTE);
      expect(await store().outbox.pending(NOW + MINUTE - 1, 10)).toEqual([]);
      const due = await store().outbox.pending(NOW + MINUTE, 10);
      expect(due).toEqual([
        expect.objectContaining({
          payload: 'p0',
          attempts: 1,
          nextAttemptAt: NOW + MINUTE,
          lastError: 'rate limited',
        }),
      ]);
    });

    it('markFailed fails the part and the rest of its digest, leaving earlier and other digests alone', async () => {
      const sub = await store().subscriptions.ensure(chat('1'), NOW);
      const digestId = await digestOf(store(), sub.id, NOW, ['p0', 'p1', 'p2']);
      const other = await digestOf(store(), sub.id, NOW + 1, ['q0']);
      const [p0, p1] = await store().outbox.pendingOf(digestId);
      await store().outbox.markSent(p0?.id ?? -1, 'm0', NOW);
      await store().outbox.markFailed(p1?.id ?? -1, 'forbidden', NOW);
      expect(await store().outbox.pendingOf(digestId)).toEqual([]);
      expect((await store().outbox.pending(NOW + MINUTE, 10)).map((p) => p.digestId)).toEqual([other]);
    });

    it('markRetry of a wait the platform asked for holds the part without spending an attempt', async () => {
      const sub = await store().subscriptions.ensure(chat('1'), NOW);
      const digestId = await digestOf(store(), sub.id, NOW, ['p0']);
      const [p0] = await store().outbox.pendingOf(digestId);
      await store().outbox.markRetry(p0?.id ?? -1, '429', NOW + MINUTE, false);
      expect(await store().outbox.pending(NOW + MINUTE - 1, 10)).toEqual([]);
      expect(await store().outbox.pending(NOW + MINUTE, 10)).toEqual([
        expect.objectContaining({
          payload: 'p0',
          attempts: 0,
          nextAttemptAt: NOW + MINUTE,
          lastError: '429',
        }),
      ]);
    });

    it('marking a missing part or listing a missing digest throws', async () => {
      await expect(store().outbox.markSent(999, 'm', NOW)).rejects.toThrow();
      await expect(store().outbox.markRetry(999, 'e', NOW)).rejects.toThrow();
      await expect(store().outbox.markFailed(999, 'e', NOW)).rejects.toThrow();
      await expect(store().outbox.pendingOf(999)).rejects.toThrow();
    });

    it('markFailed gives the stories of the failed parts back once, and says to tell the chat once', async () => {
      const { feed, sub } = await followedFeed(store(), 'https://a.example/rss');
      const items = await liveItems(store(), feed.id, [entry('x'), entry('y'), entry('z')]);
      const [sx, sy, sz] = await Promise.all(items.map((item) => storyFor(store(), item.id)));
      const candidates = async (): Promise<number[]> =>
        (await store().stories.candidates(sub.id, 0)).map((s) => s.id).sort((a, b) => a - b);
      const queue = (slot: number, parts: { payload: string; storyIds: number[] }[]) =>
        store().outbox.createDigest(
          {
            subscriptionId: sub.id,
            slot,
            storyIds: parts.flatMap((p) => p.storyIds),
            parts,
            nextDigestAt: null,
          },
          NOW,
        );
      const first = await queue(NOW, [
        { payload: 'p0', storyIds: [sx ?? -1] },
        { payload: 'p1', storyIds: [sy ?? -1] },
        { payload: 'p2', storyIds: [sz ?? -1] },
      ]);
      expect(await candidates()).toEqual([]);
      const [p0, p1] = await store().outbox.pendingOf(first ?? -1);
      await store().outbox.markSent(p0?.id ?? -1, 'm0', NOW);
      const failed = await store().outbox.markFailed(p1?.id ?? -1, "Bad Request: can't parse entities", NOW);
      expect(failed).toEqual({
        subscriptionId: sub.id,
        returnedStoryIds: expect.arrayContaining([sy, sz]) as number[],
        tellChat: true,
      });
      expect(failed.returnedStoryIds).toHaveLength(2);
      expect(await candidates()).toEqual([sy, sz].sort((a, b) => (a ?? 0) - (b ?? 0)));

      // The same stories fail again: they stay shown this time, and the chat was already told.
      const second = await queue(NOW + MINUTE, [{ payload: 'q0', storyIds: [sy ?? -1, sz ?? -1] }]);
      const [q0] = await store().outbox.pendingOf(second ?? -1);
      expect(await store().outbox.markFailed(q0?.id ?? -1, 'again', NOW + MINUTE)).toEqual({
        subscriptionId: sub.id,
        returnedStoryIds: [],
        tellChat: false,
      });
      expect(await candidates()).toEqual([]);

      // Once a part reaches the chat again, a new failure is worth telling.
      const third = await queue(NOW + 2 * MINUTE, [
        { payload: 'r0', storyIds: [] },
        { payload: 'r1', storyIds: [] },
      ]);
      const [r0, r1] = await store().outbox.pendingOf(third ?? -1);
      await store().outbox.markSent(r0?.id ?? -1, 'm', NOW + 3 * MINUTE);
      expect((await store().outbox.markFailed(r1?.id ?? -1, 'x', NOW + 4 * MINUTE)).tellChat).toBe(true);
    });

    it('nextDueAt is the earliest attempt of a part that waits on no earlier one', async () => {
      expect(await store().outbox.nextDueAt()).toBeNull();
      const tg = await store().subscriptions.ensure(chat('1'), NOW);
      const dc = await store().subscriptions.ensure(chat('2', { platform: 'discord' }), NOW);
      const digestId = await digestOf(store(), tg.id, NOW, ['p0', 'p1']);
      await digestOf(store(), dc.id, NOW, ['d0'], NOW + 5 * MINUTE);
      const [p0] = await store().outbox.pendingOf(digestId);
      await store().outbox.markRetry(p0?.id ?? -1, '429', NOW + 2_000);
      expect(await store().outbox.nextDueAt(['telegram'])).toBe(NOW + 2_000);
      expect(await store().outbox.nextDueAt(['discord'])).toBe(NOW + 5 * MINUTE);
      expect(await store().outbox.nextDueAt()).toBe(NOW + 2_000);
      expect(await store().outbox.nextDueAt([])).toBeNull();
      await store().subscriptions.setPaused(tg.id, 'blocked');
      expect(await store().outbox.nextDueAt(['telegram'])).toBeNull();
    });

    it('a digest’s stories are never candidates for that subscription again', async () => {
      const { feed, sub } = await followedFeed(store(), 'https://a.example/rss');
      const [x, y] = await liveItems(store(), feed.id, [entry('x'), entry('y')]);
      const sx = await storyFor(store(), x?.id ?? -1);
      const sy = await storyFor(store(), y?.id ?? -1);
      await store().outbox.createDigest(
        { subscriptionId: sub.id, slot: NOW, storyIds: [sx, sx], parts: [], nextDigestAt: null },
        NOW,
      );
      expect((await store().stories.candidates(sub.id, 0)).map((s) => s.id)).toEqual([sy]);
    });
  });
}
