import { describe, expect, it } from 'vitest';
import { chatMinute, defaultScheduleFor } from '../../src/schedule/chat-minute.js';

describe('a chat’s own minute', () => {
  it('is stable for a chat and spreads many chats over the hour', () => {
    const chat = { platform: 'telegram' as const, chatId: '-1001234567890' };
    expect(chatMinute(chat)).toBe(chatMinute({ ...chat }));
    const counts = new Array<number>(60).fill(0);
    for (let i = 0; i < 6_000; i++) {
      const minute = chatMinute({ platform: 'telegram', chatId: String(100_000 + i) });
      counts[minute] = (counts[minute] ?? 0) + 1;
    }
    // 100 a minute on average: none empty, none with more than twice its share.
    expect(Math.min(...counts)).toBeGreaterThan(50);
    expect(Math.max(...counts)).toBeLessThan(200);
  });

  it('replaces a single configured minute and leaves other expressions alone', () => {
    const chat = { platform: 'discord' as const, chatId: '987654321' };
    const minute = chatMinute(chat);
    expect(defaultScheduleFor('0 8,18 * * *', chat)).toBe(`${minute} 8,18 * * *`);
    expect(defaultScheduleFor('30 7 * * 1-5', chat)).toBe(`${minute} 7 * * 1-5`);
    expect(defaultScheduleFor('*/30 * * * *', chat)).toBe('*/30 * * * *');
    expect(defaultScheduleFor('0,30 8 * * *', chat)).toBe('0,30 8 * * *');
  });
});
