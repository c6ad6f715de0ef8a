import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatAddress } from '../../src/core/types.js';
import { testConfig } from '../helpers/config.js';
import { checkTelegramHtml } from '../fakes/telegram-html-check.js';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-server.js';
import { startTelegramHarness, type HarnessOptions, type TelegramHarness } from './telegram-harness.js';
import { plainStories, seedTelegramStories, type SeedStory } from './telegram-seed.js';

const T0 = Date.UTC(2026, 10, 28, 6, 0);
const options: HarnessOptions = {
  start: T0,
  config: { digest: { ...testConfig().digest, maxStories: 50 } },
};
let fake: FakeTelegram;
let h: TelegramHarness;

const address = (chatId: number): ChatAddress => ({
  platform: 'telegram',
  chatId: String(chatId),
  threadId: '',
});

/** Seeds stories for a chat, queues its digest now, and waits for the delivery run to finish. */
async function digestFor(
  harness: TelegramHarness,
  chatId: number,
  stories: readonly SeedStory[],
): Promise<number> {
  await seedTelegramStories(harness.app.store, String(chatId), stories, harness.clock.now());
  const { digestId } = await harness.app.services.digestNow(address(chatId), null, harness.clock.now());
  await harness.app.deliverDue();
  if (digestId === null) throw new Error('nothing to digest');
  return digestId;
}

/** Visible text of every message to a chat, each checked as Telegram parses it. */
function texts(chatId: number, source = fake): string[] {
  return source.sentTo(chatId).map((m) => {
    const check = checkTelegramHtml(m.text);
    if (!check.ok) throw new Error(check.error);
    expect(check.text.length).toBeLessThanOrEqual(4096);
    return check.text;
  });
}

beforeAll(async () => {
  fake = await startFakeTelegram();
  h = await startTelegramHarness({ ...options, fake });
});

afterAll(async () => {
  await h.stop();
  await fake.close();
});

describe('telegram digest delivery', () => {
  it('splits a long digest between stories, every part valid and within the limit', async () => {
    const stories = plainStories(30);
    await digestFor(h, 1001, stories);
    const sent = texts(1001);
    expect(sent.length).toBeGreaterThan(3);
    for (const story of stories) {
      expect(
        sent.filter((t) => t.includes(`${story.headline}\n${story.summary}\nSources: Example Feed`)),
      ).toHaveLength(1);
    }
    const messages = fake.sentTo(1001);
    expect(messages.slice(0, -1).every((m) => m.keyboard.length === 0)).toBe(true);
    expect(
      messages
        .at(-1)
        ?.keyboard.flat()
        .map((k) => k.text),
    ).toEqual(['Mute World']);
  });

  it('escapes hostile item text and keeps 10 kB titles within limits', async () => {
    const hostile: SeedStory[] = [
      {
        headline: '<b>Bold</b> & </a> <i>',
        summary: 'Body </a>&amp;<script>x</script> & more',
        url: 'https://e.example/?a=1&b=<2>',
      },
      { headline: 'Ten kilobytes '.repeat(750), summary: 'S '.repeat(5000) },
      { headline: 'x'.repeat(10_000), summary: '&'.repeat(3000) },
    ];
    await digestFor(h, 1002, hostile);
    const sent = texts(1002);
    expect(sent.join('\n')).toContain('<b>Bold</b> & </a> <i>');
    expect(sent.join('\n')).toContain('Body </a>&amp;<script>x</script> & more');
    expect(
      fake
        .sentTo(1002)
        .map((m) => m.text)
        .join('\n'),
    ).toContain('href="https://e.example/?a=1&amp;b=%3C2%3E"');
  });

  it('waits out a 429 on one part and sends that part once', async () => {
    fake.failNext(
      'sendMessage',
      { error_code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } },
      { chatId: 1003, skip: 1 },
    );
    await digestFor(h, 1003, plainStories(30, 'Paced'));
    const before = fake.sentTo(1003).length;
    expect(before).toBe(1);
    h.clock.advance(2_000);
    await h.app.deliverDue();
    expect(fake.sentTo(1003)).toHaveLength(1);
    h.clock.advance(1_000);
    await h.app.deliverDue();
    const sent = texts(1003);
    expect(sent.length).toBeGreaterThan(3);
    expect(new Set(sent).size).toBe(sent.length);
    expect(fake.callsOf('sendMessage').filter((c) => c.params.chat_id === 1003)).toHaveLength(
      sent.length + 1,
    );
  });

  it('retries a 5xx after a backoff', async () => {
    fake.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' }, { chatId: 1004 });
    await digestFor(h, 1004, plainStories(2, 'Flaky'));
    expect(fake.sentTo(1004)).toHaveLength(0);
    h.clock.advance(5_000);
    await h.app.deliverDue();
    expect(texts(1004)).toHaveLength(1);
  });

  it('pauses the subscription of a chat that blocked the bot', async () => {
    fake.block(1005);
    await digestFor(h, 1005, plainStories(2, 'Blocked'));
    const paused = await h.app.store.subscriptions.find(address(1005));
    expect(paused?.pausedReason).toBe('Telegram 403: Forbidden: bot was blocked by the user');
    expect(fake.sentTo(1005)).toHaveLength(0);
  });

  it('follows a group that became a supergroup when a send says so', async () => {
    fake.failNext(
      'sendMessage',
      {
        error_code: 400,
        description: 'Bad Request: group chat was upgraded to a supergroup chat',
        parameters: { migrate_to_chat_id: -1009006 },
      },
      { chatId: -9006 },
    );
    await digestFor(h, -9006, plainStories(2, 'Moved'));
    expect(texts(-1009006)).toHaveLength(1);
    expect(await h.app.store.subscriptions.find(address(-9006))).toBeNull();
    expect(await h.app.store.subscriptions.find(address(-1009006))).not.toBeNull();
  });
});

describe('telegram delivery across a restart', () => {
  it('sends the rest of a digest after a restart, nothing twice', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gazette-tg-'));
    const storePath = path.join(dir, 'gazette.db');
    const own = await startFakeTelegram();
    try {
      own.failNext(
        'sendMessage',
        { error_code: 500, description: 'Internal Server Error' },
        { chatId: 2001, skip: 1 },
      );
      const first = await startTelegramHarness({ ...options, fake: own, storePath });
      await digestFor(first, 2001, plainStories(30, 'Durable'));
      expect(own.sentTo(2001)).toHaveLength(1);
      await first.stop();

      const second = await startTelegramHarness({ ...options, fake: own, storePath, start: T0 + 60_000 });
      await second.app.deliverDue();
      await second.stop();
      const sent = texts(2001, own);
      expect(sent.length).toBeGreaterThan(3);
      expect(new Set(sent).size).toBe(sent.length);
      for (const story of plainStories(30, 'Durable')) {
        expect(sent.filter((t) => t.includes(`${story.headline}\n`))).toHaveLength(1);
      }
    } finally {
      await own.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
