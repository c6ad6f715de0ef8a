import { TelegramError } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { classifyPlatformError } from '../../src/platforms/telegram/classify-error.js';
import {
  createFloodLimiter,
  telegramLimits,
  type Timer,
} from '../../src/platforms/telegram/flood-limiter.js';

/** A timer that never waits: it records when each acquire would have sent. */
function plannedTimer(): Timer & { planned: number; at: number } {
  const timer = {
    at: 0,
    planned: 0,
    now: () => timer.at,
    sleep: (ms: number) => {
      timer.planned = timer.at + ms;
      return Promise.resolve();
    },
  };
  return timer;
}

async function plan(chats: readonly string[]): Promise<{ chat: string; at: number }[]> {
  const timer = plannedTimer();
  const limiter = createFloodLimiter(telegramLimits, timer);
  const out: { chat: string; at: number }[] = [];
  for (const chat of chats) {
    timer.planned = timer.at;
    await limiter.acquire(chat);
    out.push({ chat, at: timer.planned });
  }
  return out;
}

const maxInWindow = (times: readonly number[], window: number): number =>
  Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + window).length));

describe('telegram flood limiter', () => {
  it('keeps 30 messages a second overall, close to that floor', async () => {
    const sends = await plan(Array.from({ length: 300 }, (_, i) => String(i + 1)));
    const times = sends.map((s) => s.at);
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(30);
    // 300 messages need 299/30 s at best; the headroom costs a few percent.
    expect(Math.max(...times)).toBeLessThan((299 / 30) * 1000 * 1.06);
  });

  it('keeps a second between messages to one chat and 20 a minute in a group', async () => {
    const sends = await plan([
      ...Array.from({ length: 5 }, () => '42'),
      ...Array.from({ length: 25 }, () => '-100'),
    ]);
    const chat = sends.filter((s) => s.chat === '42').map((s) => s.at);
    chat.slice(1).forEach((t, i) => {
      expect(t - (chat[i] ?? 0)).toBeGreaterThanOrEqual(1000);
    });
    const group = sends.filter((s) => s.chat === '-100').map((s) => s.at);
    expect(maxInWindow(group, 60_000)).toBeLessThanOrEqual(20);
    expect(group.at(-1)).toBeGreaterThan(60_000);
  });

  it('holds a chat back after a 429', async () => {
    const timer = plannedTimer();
    const limiter = createFloodLimiter(telegramLimits, timer);
    limiter.hold('7', 5_000);
    await limiter.acquire('7');
    expect(timer.planned).toBeGreaterThanOrEqual(5_000);
  });
});

const telegramError = (error_code: number, description: string, parameters = {}): TelegramError =>
  new TelegramError({ error_code, description, parameters });

describe('classifyPlatformError', () => {
  it('waits as told on 429 and retries 5xx and network failures, and pauses on token trouble', () => {
    expect(
      classifyPlatformError(telegramError(429, 'Too Many Requests: retry after 7', { retry_after: 7 })),
    ).toMatchObject({ kind: 'retry', retryAfterMs: 7000 });
    expect(classifyPlatformError(telegramError(502, 'Bad Gateway'))).toMatchObject({
      kind: 'retry',
      retryAfterMs: null,
    });
    expect(classifyPlatformError(telegramError(401, 'Unauthorized'))).toMatchObject({ kind: 'unauthorized' });
    const reset = Object.assign(new Error('request to http://x failed, reason: socket hang up'), {
      name: 'FetchError',
    });
    expect(classifyPlatformError(reset)).toMatchObject({ kind: 'retry', retryAfterMs: null });
  });

  it('treats a lost chat as gone and a bad message as rejected', () => {
    expect(classifyPlatformError(telegramError(403, 'Forbidden: bot was blocked by the user'))).toMatchObject(
      { kind: 'gone' },
    );
    expect(
      classifyPlatformError(telegramError(403, 'Forbidden: bot was kicked from the group chat')).kind,
    ).toBe('gone');
    expect(classifyPlatformError(telegramError(400, 'Bad Request: chat not found')).kind).toBe('gone');
    expect(classifyPlatformError(telegramError(400, 'Bad Request: TOPIC_CLOSED')).kind).toBe('gone');
    expect(classifyPlatformError(telegramError(400, 'Bad Request: message is too long')).kind).toBe(
      'rejected',
    );
    expect(classifyPlatformError(telegramError(400, "Bad Request: can't parse entities")).kind).toBe(
      'rejected',
    );
  });

  it('follows a group that became a supergroup', () => {
    const error = telegramError(400, 'Bad Request: group chat was upgraded to a supergroup chat', {
      migrate_to_chat_id: -1001234,
    });
    expect(classifyPlatformError(error)).toMatchObject({ kind: 'migrated', toChatId: '-1001234' });
  });
});
