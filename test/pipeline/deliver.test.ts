import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineText } from '../../src/core/reply.js';
import type { PlatformName, Subscription } from '../../src/core/types.js';
import { createDelivery, type Delivery } from '../../src/pipeline/deliver.js';
import { queueDigest, type QueueDeps } from '../../src/pipeline/queue-digest.js';
import type { Platform } from '../../src/platforms/platform.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { silentLogger } from '../helpers/logger.js';
import { createRecordingPlatform, type RecordingPlatform } from '../helpers/recording-platform.js';
import { seedStories } from '../helpers/seed.js';

const NOW = Date.UTC(2026, 10, 28, 8, 0);

function queueDeps(store: Store, platform: Platform): QueueDeps {
  return { store, topics: [], platformFor: () => platform, maxStories: 10, maxAgeMs: 48 * 3_600_000 };
}

function delivery(store: Store, maxAttempts = 5, inFlight = 10): Delivery {
  return createDelivery({ store, log: silentLogger(), maxAttempts, inFlight: () => inFlight });
}

function deliver(store: Store, platform: Platform, now: number, maxAttempts = 5): Promise<number> {
  const platforms = new Map<PlatformName, Platform>([[platform.name, platform]]);
  return delivery(store, maxAttempts).run({ platforms }, () => now);
}

/** A store holding one queued digest of `count` stories for the recording platform. */
async function queuedDigest(
  store: Store,
  count: number,
): Promise<{ platform: RecordingPlatform; subscription: Subscription }> {
  const platform = createRecordingPlatform();
  const { subscription } = await seedStories(store, count, NOW);
  await queueDigest(
    queueDeps(store, platform),
    { subscription, slot: NOW, onlyTopic: null, nextDigestAt: null },
    NOW,
  );
  return { platform, subscription };
}

/** A queued digest of one story for each of these chats. */
async function oneStoryDigests(store: Store, platform: Platform, chatIds: readonly string[]): Promise<void> {
  for (const chatId of chatIds) {
    const { subscription } = await seedStories(store, 1, NOW, { platform: 'console', chatId, threadId: '' });
    await queueDigest(
      queueDeps(store, platform),
      { subscription, slot: NOW, onlyTopic: null, nextDigestAt: null },
      NOW,
    );
  }
}

const headlines = (platform: RecordingPlatform): string[] =>
  platform.sent.map((s) => (JSON.parse(s.payload) as { headline: string }).headline);

describe('digest outbox', () => {
  it('stores a digest with its parts before sending, and never composes a slot twice', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const platform = createRecordingPlatform();
    const { subscription } = await seedStories(store, 3, NOW);
    const request = { subscription, slot: NOW, onlyTopic: null, nextDigestAt: NOW + 86_400_000 };
    const first = await queueDigest(queueDeps(store, platform), request, NOW);
    expect(first.stories).toBe(3);
    expect(platform.sent).toHaveLength(0);
    expect(await queueDigest(queueDeps(store, platform), request, NOW)).toEqual({
      digestId: null,
      stories: 0,
    });
    expect(await deliver(store, platform, NOW)).toBe(3);
    expect(headlines(platform)).toHaveLength(3);
    // Shown stories are not shown again, even in the next slot.
    const next = await queueDigest(queueDeps(store, platform), { ...request, slot: NOW + 1 }, NOW + 1);
    expect(next.digestId).toBeNull();
    await store.close();
  });

  it('sends every part of many multi-part digests in one run, each chat in order', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const platform = createRecordingPlatform();
    // More chats than one page of the queue: later parts are unblocked behind the cursor.
    for (let chat = 0; chat < 150; chat++) {
      const address = { platform: 'console' as const, chatId: `chat-${chat}`, threadId: '' };
      const { subscription } = await seedStories(store, 3, NOW, address);
      await queueDigest(
        queueDeps(store, platform),
        { subscription, slot: NOW, onlyTopic: null, nextDigestAt: null },
        NOW,
      );
    }
    expect(await deliver(store, platform, NOW)).toBe(450);
    expect(await store.outbox.pending(NOW, 10)).toEqual([]);
    const byChat = new Map<string, number[]>();
    for (const sent of platform.sent) {
      const list = byChat.get(sent.address.chatId) ?? [];
      list.push((JSON.parse(sent.payload) as { storyId: number }).storyId);
      byChat.set(sent.address.chatId, list);
    }
    expect(byChat.size).toBe(150);
    // Each chat's three parts went out once each, in the digest's order (newest story first).
    for (const storyIds of byChat.values()) {
      expect(storyIds).toHaveLength(3);
      expect([...storyIds].sort((a, b) => b - a)).toEqual(storyIds);
    }
    await store.close();
  });

  it('waits after a 429, then sends the same part once, in order', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const { platform } = await queuedDigest(store, 3);
    // Part 0 goes out; part 1 meets a 429 asking for 30 s.
    platform.script.push(
      { ok: true, messageId: '' },
      { ok: false, kind: 'retry', retryAfterMs: 30_000, reason: 'HTTP 429' },
    );
    expect(await deliver(store, platform, NOW)).toBe(1);
    expect(await deliver(store, platform, NOW + 29_000)).toBe(0);
    expect(platform.sent).toHaveLength(1);
    expect(await deliver(store, platform, NOW + 30_000)).toBe(2);
    expect(platform.sent).toHaveLength(3);
    expect(new Set(platform.sent.map((s) => s.payload)).size).toBe(3);
    expect(await deliver(store, platform, NOW + 60_000)).toBe(0);
    await store.close();
  });

  it('sends no further part of its batch once it no longer surely holds the lease', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const platform = createRecordingPlatform();
    await oneStoryDigests(store, platform, ['a', 'b']);
    const platforms = new Map<PlatformName, Platform>([[platform.name, platform]]);
    // Frozen after its first send, the process finds on waking that its lease may have passed on.
    const stillHolds = () => platform.sent.length === 0;
    expect(await delivery(store, 5, 1).run({ platforms, stillHolds }, () => NOW)).toBe(1);
    expect(platform.sent).toHaveLength(1);
    expect(await delivery(store, 5, 1).run({ platforms, stillHolds: () => true }, () => NOW)).toBe(1);
    expect(new Set(platform.sent.map((s) => s.address.chatId))).toEqual(new Set(['a', 'b']));
    await store.close();
  });

  it("does not hold up the other chats' digests while a chat is told that one of its parts failed", async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const recording = createRecordingPlatform();
    // Telling the chat waits as long as its pace asks (a 429 on the notice), here for ever.
    const platform: Platform = { ...recording, notify: () => new Promise<never>(() => undefined) };
    await oneStoryDigests(store, platform, ['a', 'b']);
    recording.script.push({ ok: false, kind: 'rejected', reason: 'message is too long' });
    const platforms = new Map<PlatformName, Platform>([[platform.name, platform]]);
    expect(await delivery(store, 5, 1).run({ platforms }, () => NOW)).toBe(1);
    expect(recording.sent.map((s) => s.address.chatId)).toEqual(['b']);
    await store.close();
  });

  it('asks before every round after the first, and leaves the rest when the lease is lost', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const { platform } = await queuedDigest(store, 3);
    const platforms = new Map<PlatformName, Platform>([[platform.name, platform]]);
    let rounds = 0;
    const keepGoing = () => Promise.resolve(++rounds < 2);
    // A digest's parts go out one round each; losing the lease after the second round stops it.
    expect(await delivery(store).run({ platforms, keepGoing }, () => NOW)).toBe(2);
    expect(headlines(platform)).toHaveLength(2);
    expect(await deliver(store, platform, NOW)).toBe(1);
    expect(new Set(headlines(platform)).size).toBe(3);
    await store.close();
  });

  it('pauses a subscription whose chat is gone and keeps its parts for later', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const { platform, subscription } = await queuedDigest(store, 2);
    platform.script.push({ ok: false, kind: 'gone', reason: 'Missing Access' });
    expect(await deliver(store, platform, NOW)).toBe(0);
    expect((await store.subscriptions.get(subscription.id))?.pausedReason).toBe('Missing Access');
    expect(await deliver(store, platform, NOW + 3_600_000)).toBe(0);
    await store.subscriptions.setPaused(subscription.id, null);
    expect(await deliver(store, platform, NOW + 3_600_000)).toBe(2);
    await store.close();
  });

  it('gives up a digest after repeated transient failures and after a rejected part', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const { platform } = await queuedDigest(store, 2);
    for (let i = 0; i < 3; i++)
      platform.script.push({ ok: false, kind: 'retry', retryAfterMs: null, reason: 'HTTP 502' });
    // Past the longest backoff each time.
    let t = NOW;
    for (let i = 0; i < 3; i++) await deliver(store, platform, (t += 700_000), 3);
    expect(await store.outbox.pending(t + 1_000_000, 10)).toEqual([]);
    expect(platform.sent).toHaveLength(0);
    await store.close();
  });

  it('resumes after a crash in the middle of a digest without loss or repetition', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'gazette-outbox-')), 'gazette.db');
    const first = createSqliteStore({ path: file });
    await queuedDigest(first, 4);
    // The platform stops answering after two parts: the process dies with two parts pending.
    const sendTwoThenDie = createRecordingPlatform();
    const original = sendTwoThenDie.send.bind(sendTwoThenDie);
    let calls = 0;
    sendTwoThenDie.send = (address, part) =>
      ++calls > 2 ? new Promise(() => undefined) : original(address, part);
    void deliver(first, sendTwoThenDie, NOW);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sendTwoThenDie.sent).toHaveLength(2);
    await first.close().catch(() => undefined);

    const second = createSqliteStore({ path: file });
    const after = createRecordingPlatform();
    expect(await deliver(second, after, NOW + 1_000)).toBe(2);
    const all = [...headlines(sendTwoThenDie), ...headlines(after)];
    expect(all).toHaveLength(4);
    expect(new Set(all).size).toBe(4);
    expect(all).toEqual(['Title chat-3', 'Title chat-2', 'Title chat-1', 'Title chat-0']);
    await second.close();
  });
});

describe('delivery under failure', () => {
  it('gives a finally failed part’s stories back to the next digest and tells the chat once', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const { platform, subscription } = await queuedDigest(store, 3);
    platform.script.push(
      { ok: true, messageId: 'm1' },
      { ok: false, kind: 'rejected', reason: "Telegram 400: Bad Request: can't parse entities" },
    );
    expect(await deliver(store, platform, NOW)).toBe(1);
    expect(platform.notices).toHaveLength(1);
    const told = platform.notices[0]?.notice.lines.map(lineText).join(' ') ?? '';
    expect(told).toContain("can't parse entities");
    expect(told).toContain('2 stories come again in the next digest');
    // The two stories of the failed part and the part after it reach the next digest.
    const next = await queueDigest(
      queueDeps(store, platform),
      { subscription, slot: NOW + 60_000, onlyTopic: null, nextDigestAt: null },
      NOW + 60_000,
    );
    expect(next.stories).toBe(2);
    expect(await deliver(store, platform, NOW + 60_000)).toBe(2);
    expect(new Set(headlines(platform)).size).toBe(3);
    await store.close();
  });

  it('gives up after maxAttempts transient failures, with the stories going back', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const { platform, subscription } = await queuedDigest(store, 1);
    const loop = delivery(store, 3);
    const platforms = new Map<PlatformName, Platform>([[platform.name, platform]]);
    for (let i = 0; i < 3; i++)
      platform.script.push({ ok: false, kind: 'retry', retryAfterMs: null, reason: '502' });
    for (let t = NOW; t < NOW + 5 * 700_000; t += 700_000) await loop.run({ platforms }, () => t);
    expect(platform.notices).toHaveLength(1);
    expect((await store.stories.candidates(subscription.id, 0)).length).toBe(1);
    await store.close();
  });

  it('spends no attempt on a wait the platform named: ten 429s in a row still deliver the part', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const { platform } = await queuedDigest(store, 1);
    const loop = delivery(store, 3);
    const platforms = new Map<PlatformName, Platform>([[platform.name, platform]]);
    for (let i = 0; i < 10; i++)
      platform.script.push({ ok: false, kind: 'retry', retryAfterMs: 1_000, reason: 'HTTP 429' });
    for (let t = NOW; t <= NOW + 11_000; t += 1_000) await loop.run({ platforms }, () => t);
    expect(platform.sent).toHaveLength(1);
    expect(platform.notices).toHaveLength(0);
    await store.close();
  });

  it('pauses a platform that refuses its credentials, spending no attempts, and probes it later', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const { platform } = await queuedDigest(store, 2);
    const loop = createDelivery({
      store,
      log: silentLogger(),
      maxAttempts: 2,
      inFlight: () => 1,
      unauthorizedPauseMs: 300_000,
    });
    const platforms = new Map<PlatformName, Platform>([[platform.name, platform]]);
    for (let i = 0; i < 5; i++)
      platform.script.push({ ok: false, kind: 'unauthorized', reason: 'Telegram 401' });
    expect(await loop.run({ platforms }, () => NOW)).toBe(0);
    expect(platform.script).toHaveLength(4);
    // Paused: nothing is tried until the pause ends, and the wake-up time says when that is.
    expect(await loop.run({ platforms }, () => NOW + 60_000)).toBe(0);
    expect(platform.script).toHaveLength(4);
    expect(await loop.nextWakeAt([platform.name], NOW + 60_000)).toBe(NOW + 300_000);
    platform.script.length = 0;
    expect(await loop.run({ platforms }, () => NOW + 300_000)).toBe(2);
    const [part] = await store.outbox.pending(NOW, 10);
    expect(part).toBeUndefined();
    expect(platform.notices).toHaveLength(0);
    await store.close();
  });

  it('keeps at most one part in flight per chat and the configured number per platform', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const platform = createRecordingPlatform('telegram');
    for (let chat = 0; chat < 6; chat++) {
      const { subscription } = await seedStories(store, 2, NOW, {
        platform: 'telegram',
        chatId: `c${chat}`,
        threadId: '',
      });
      await queueDigest(
        queueDeps(store, platform),
        { subscription, slot: NOW, onlyTopic: null, nextDigestAt: null },
        NOW,
      );
    }
    let inFlight = 0;
    let most = 0;
    const perChat = new Map<string, number>();
    const send = platform.send.bind(platform);
    platform.send = async (address, part) => {
      inFlight++;
      most = Math.max(most, inFlight);
      perChat.set(address.chatId, (perChat.get(address.chatId) ?? 0) + 1);
      expect(perChat.get(address.chatId)).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 5));
      perChat.set(address.chatId, (perChat.get(address.chatId) ?? 1) - 1);
      inFlight--;
      return send(address, part);
    };
    const platforms = new Map<PlatformName, Platform>([['telegram', platform]]);
    expect(await delivery(store, 5, 3).run({ platforms }, () => NOW)).toBe(12);
    expect(most).toBe(3);
    await store.close();
  });
});
