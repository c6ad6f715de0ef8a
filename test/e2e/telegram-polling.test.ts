import { afterEach, describe, expect, it } from 'vitest';
import { describeFailure } from '../../src/cli/run.js';
import { MAX_RETRY_MS, type PollTimer } from '../../src/platforms/telegram/poller.js';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-server.js';
import { message, privateChat, user } from '../fakes/telegram-updates.js';
import { startTelegramHarness, type TelegramHarness } from './telegram-harness.js';

const alice = user(601, 'Alice');
const chat = privateChat(alice);

/** A clock that moves only by the waits the poller asks for; each wait returns at once. */
function fakeTimer(): PollTimer & { waits: number[] } {
  let now = Date.UTC(2026, 10, 28, 6, 0);
  const waits: number[] = [];
  return {
    waits,
    now: () => now,
    sleep: (ms) => {
      waits.push(ms);
      now += ms;
      return new Promise((resolve) => setImmediate(resolve));
    },
  };
}

let h: TelegramHarness | null = null;
let fake: FakeTelegram | null = null;

afterEach(async () => {
  await h?.stop();
  await fake?.close();
  h = null;
  fake = null;
});

async function start(
  timer: PollTimer,
  fatal: string[],
  maxPollingOutageMs?: number,
): Promise<TelegramHarness> {
  fake = await startFakeTelegram();
  h = await startTelegramHarness({
    fake,
    startPlatform: false,
    tuning: {
      pollTimer: timer,
      connectRetryMs: 10,
      ...(maxPollingOutageMs === undefined ? {} : { maxPollingOutageMs }),
    },
    onFatal: (line) => fatal.push(line),
  });
  return h;
}

describe('telegram long polling through real telegraf', () => {
  it('resumes within 30 s of Telegram answering again after 409s, 5xx and reset connections', async () => {
    const timer = fakeTimer();
    const fatal: string[] = [];
    const harness = await start(timer, fatal);
    const telegram = harness.fake;
    const conflict = { error_code: 409, description: 'Conflict: terminated by other getUpdates request' };
    telegram.failNext('getUpdates', conflict, { times: 6 });
    telegram.failNext('getUpdates', { error_code: 502, description: 'Bad Gateway' }, { times: 6 });
    telegram.resetNext('getUpdates', 6);
    await harness.app.platforms.get('telegram')?.start();
    const replies = await harness.exchange(message(chat, '/help', { from: alice }), chat.id);
    expect(replies[0]?.text).toContain('/subscribe');
    expect(telegram.callsOf('getUpdates').length).toBeGreaterThanOrEqual(19);
    // Eighteen failures spread over minutes of outage, yet no wait exceeds 30 s: once Telegram
    // answers again, polling is back within 30 s.
    expect(timer.waits).toHaveLength(18);
    expect(timer.waits.reduce((a, b) => a + b, 0)).toBeGreaterThan(5 * 60_000);
    expect(Math.max(...timer.waits)).toBeLessThanOrEqual(MAX_RETRY_MS);
    expect(fatal).toEqual([]);
  });

  it('waits the retry_after of a 429 before asking again', async () => {
    const timer = fakeTimer();
    const harness = await start(timer, []);
    harness.fake.failNext('getUpdates', {
      error_code: 429,
      description: 'Too Many Requests: retry after 7',
      parameters: { retry_after: 7 },
    });
    await harness.app.platforms.get('telegram')?.start();
    await harness.exchange(message(chat, '/help', { from: alice }), chat.id);
    expect(timer.waits).toEqual([7_000]);
  });

  it('stops with one clear line when Telegram refuses the token', async () => {
    const timer = fakeTimer();
    const fatal: string[] = [];
    const harness = await start(timer, fatal);
    harness.fake.failNext('getUpdates', { error_code: 401, description: 'Unauthorized' });
    await harness.app.platforms.get('telegram')?.start();
    await harness.fake.waitFor(() => fatal.length > 0);
    expect(fatal).toEqual([expect.stringContaining('Telegram 401: Unauthorized') as string]);
    expect(fatal[0]).toContain('TELEGRAM_BOT_TOKEN');
    expect(harness.fake.callsOf('getUpdates')).toHaveLength(1);
  });

  it('stops once an outage outlasts its limit, so a supervisor can restart the process', async () => {
    const timer = fakeTimer();
    const fatal: string[] = [];
    const harness = await start(timer, fatal, 5 * 60_000);
    harness.fake.failNext('getUpdates', { error_code: 502, description: 'Bad Gateway' }, { times: 1000 });
    await harness.app.platforms.get('telegram')?.start();
    await harness.fake.waitFor(() => fatal.length > 0);
    expect(fatal).toEqual([expect.stringMatching(/failed for 5 minutes \(last: Telegram 502/) as string]);
    expect(timer.now() - Date.UTC(2026, 10, 28, 6, 0)).toBeLessThan(6 * 60_000);
  });
  it('is not connected while every long poll fails, and is again once one succeeds', async () => {
    const fatal: string[] = [];
    // Waits that last until released: the outage is looked at while it lasts.
    const waits: (() => void)[] = [];
    const timer: PollTimer = {
      now: () => 0,
      sleep: () =>
        new Promise((resolve) => {
          waits.push(() => {
            resolve();
          });
        }),
    };
    const harness = await start(timer, fatal);
    const platform = harness.app.platforms.get('telegram');
    harness.fake.failNext('getUpdates', { error_code: 502, description: 'Bad Gateway' }, { times: 2 });
    await platform?.start();
    await harness.fake.waitFor(() => waits.length === 1);
    expect(platform?.connected?.()).toBe(false);
    waits.shift()?.();
    await harness.fake.waitFor(() => waits.length === 1);
    waits.shift()?.();
    await harness.exchange(message(chat, '/help', { from: alice }), chat.id);
    expect(platform?.connected?.()).toBe(true);
  });
});

describe('starting while Telegram is away or refuses the token', () => {
  it('starts anyway and connects once Telegram answers again', async () => {
    const fatal: string[] = [];
    const harness = await start(fakeTimer(), fatal);
    harness.fake.failNext('getMe', { error_code: 502, description: 'Bad Gateway' }, { times: 2 });
    harness.fake.resetNext('getMe', 1);
    const platform = harness.app.platforms.get('telegram');
    await platform?.start();
    expect(platform?.connected?.()).toBe(false);
    const replies = await harness.exchange(message(chat, '/help', { from: alice }), chat.id);
    expect(replies[0]?.text).toContain('/subscribe');
    expect(harness.fake.callsOf('getMe')).toHaveLength(4);
    expect(fatal).toEqual([]);
  });

  it('does not start, in one line naming the setting, when the token is refused', async () => {
    const harness = await start(fakeTimer(), []);
    harness.fake.failNext('getMe', { error_code: 401, description: 'Unauthorized' });
    const started = harness.app.platforms.get('telegram')?.start();
    await expect(started).rejects.toThrow(
      "Telegram refused Gazette's credentials (Telegram 401: Unauthorized); check TELEGRAM_BOT_TOKEN",
    );
    expect(describeFailure(await started?.catch((error: unknown) => error))).toBe(
      "Gazette cannot start: Telegram refused Gazette's credentials (Telegram 401: Unauthorized); check TELEGRAM_BOT_TOKEN",
    );
  });
});
