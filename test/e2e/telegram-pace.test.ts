import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { telegramLimits } from '../../src/platforms/telegram/flood-limiter.js';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-server.js';
import { message, privateChat, user } from '../fakes/telegram-updates.js';
import { startTelegramHarness, type TelegramHarness } from './telegram-harness.js';
import { plainStories, seedTelegramStories } from './telegram-seed.js';

// Telegram's real limits, through real telegraf and the fake Bot API.
const T0 = Date.UTC(2026, 10, 28, 6, 0);
let fake: FakeTelegram;
let h: TelegramHarness;

beforeAll(async () => {
  fake = await startFakeTelegram();
  h = await startTelegramHarness({ start: T0, fake, tuning: { limits: telegramLimits } });
});
afterAll(async () => {
  await h.stop();
  await fake.close();
});

const tooMany = (seconds: number) => ({
  error_code: 429,
  description: `Too Many Requests: retry after ${seconds}`,
  parameters: { retry_after: seconds },
});

it('a command reply Telegram refused with a 429 is sent again after the wait it named', async () => {
  const alice = user(5001, 'Alice');
  fake.failNext('sendMessage', tooMany(1), { chatId: 5001 });
  fake.push(message(privateChat(alice), '/help', { from: alice }));
  await fake.waitFor(() => fake.sentTo(5001).length >= 1, 10_000);
  const [refused, sent] = fake.callsOf('sendMessage').filter((c) => c.params.chat_id === 5001);
  expect((sent?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(900);
});

it('a command reply that met a 502 is sent again', async () => {
  const bob = user(5003, 'Bob');
  fake.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' }, { chatId: 5003 });
  fake.push(message(privateChat(bob), '/help', { from: bob }));
  await fake.waitFor(() => fake.sentTo(5003).length >= 1, 10_000);
  expect(fake.callsOf('sendMessage').filter((c) => c.params.chat_id === 5003).length).toBe(2);
});

it("one chat told to wait holds up no other chat's digest", async () => {
  const carol = user(5005, 'Carol');
  fake.failNext('sendMessage', tooMany(8), { chatId: 5005 });
  fake.push(message(privateChat(carol), '/ping', { from: carol }));
  await fake.waitFor(() => fake.callsOf('sendMessage').some((c) => c.params.chat_id === 5005));
  // The refusal is read back a moment after the fake recorded the call.
  await new Promise((resolve) => setTimeout(resolve, 300));
  // Both chats' digests fall due, the held chat's first.
  for (const id of ['5005', '5006']) {
    await seedTelegramStories(h.app.store, id, plainStories(2, `C${id}`), h.clock.now());
    await h.app.services.digestNow({ platform: 'telegram', chatId: id, threadId: '' }, null, h.clock.now());
  }
  const started = performance.now();
  await h.app.deliverDue();
  expect(fake.sentTo(5006).length).toBeGreaterThanOrEqual(1);
  expect(performance.now() - started).toBeLessThan(5_000);
});
