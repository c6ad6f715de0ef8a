import { getTasks } from 'node-cron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createScheduler } from '../../src/schedule/scheduler.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { pino } from 'pino';
import { silentLogger } from '../helpers/logger.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('scheduler', () => {
  it('fires a subscription at its cron slot in its time zone, on a fake clock', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 28, 6, 58, 30) });
    const store = createSqliteStore({ path: ':memory:' });
    const sub = await store.subscriptions.ensure(
      {
        platform: 'console',
        chatId: 'c',
        threadId: '',
        schedule: '0 8 * * *',
        timezone: 'Europe/Berlin',
        nextDigestAt: null,
      },
      Date.now(),
    );
    const digestRuns: number[] = [];
    const pollRuns: number[] = [];
    const scheduler = createScheduler({
      store,
      log: silentLogger(),
      pollTick: '0 */5 * * * *',
      pollDueFeeds: () => {
        pollRuns.push(Date.now());
        return Promise.resolve();
      },
      deliverDueDigests: () => {
        digestRuns.push(Date.now());
        return Promise.resolve();
      },
      isServed: (s) => s.id === sub.id,
    });
    await scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    // Start runs both jobs once: a digest missed while down goes out now.
    expect(digestRuns).toHaveLength(1);
    expect(pollRuns).toHaveLength(1);
    const task = [...getTasks().values()].find((t) => t.name === `digest-${sub.id}`);
    expect(task?.getNextRun()?.toISOString()).toBe('2026-11-28T07:00:00.000Z');
    // 07:00 UTC is 08:00 in Berlin: the subscription's task and the minute tick both fire.
    await vi.advanceTimersByTimeAsync(90_000);
    const at0700 = digestRuns.filter(
      (t) => t >= Date.UTC(2026, 10, 28, 7, 0) && t < Date.UTC(2026, 10, 28, 7, 0, 2),
    );
    expect(at0700.length).toBeGreaterThanOrEqual(1);
    expect(
      pollRuns.some((t) => t >= Date.UTC(2026, 10, 28, 7, 0) && t < Date.UTC(2026, 10, 28, 7, 0, 2)),
    ).toBe(true);
    await scheduler.stop();
    const count = digestRuns.length;
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(digestRuns).toHaveLength(count);
    await store.close();
  });

  it("reports node-cron's missed ticks through the app's logger, never the console", async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 28, 6, 0, 0) });
    const store = createSqliteStore({ path: ':memory:' });
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    const consoleWarn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const scheduler = createScheduler({
      store,
      log,
      pollTick: '* * * * * *',
      pollDueFeeds: () => Promise.resolve(),
      deliverDueDigests: () => Promise.resolve(),
      isServed: () => true,
    });
    try {
      await scheduler.start();
      await vi.advanceTimersByTimeAsync(1_500);
      // The clock jumps as it does when the process was busy: the ticks in between are missed.
      vi.setSystemTime(Date.now() + 30_000);
      await vi.advanceTimersByTimeAsync(2_000);
      expect(consoleWarn).not.toHaveBeenCalled();
      const missed = lines.map((line) => JSON.parse(line) as { msg: string; component?: string });
      expect(missed.some((entry) => entry.component === 'cron' && entry.msg.includes('missed'))).toBe(true);
    } finally {
      consoleWarn.mockRestore();
      await scheduler.stop();
      await store.close();
    }
  });
});
