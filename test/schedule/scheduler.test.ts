import { afterEach, describe, expect, it, vi } from 'vitest';
import { runDueDigests } from '../../src/pipeline/digest-cycle.js';
import { nextSlots } from '../../src/schedule/cron.js';
import { createScheduler } from '../../src/schedule/scheduler.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { pino } from 'pino';
import type { Store } from '../../src/store/store.js';
import { silentLogger } from '../helpers/logger.js';
import { createRecordingPlatform } from '../helpers/recording-platform.js';

afterEach(() => {
  vi.useRealTimers();
});

const BERLIN_0800 = '0 8 * * *';

async function subscribe(store: Store, chatId: string, cron: string, timezone: string): Promise<number> {
  const [next] = nextSlots(cron, timezone, Date.now(), 1);
  const sub = await store.subscriptions.ensure(
    { platform: 'console', chatId, threadId: '', schedule: cron, timezone, nextDigestAt: next ?? null },
    Date.now(),
  );
  return sub.id;
}

describe('scheduler', () => {
  it('runs due digests at the earliest slot in its time zone on one timer, however many subscriptions', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 28, 6, 58, 30) });
    const store = createSqliteStore({ path: ':memory:' });
    const first = await subscribe(store, 'c0', BERLIN_0800, 'Europe/Berlin');
    const platform = createRecordingPlatform();
    const deps = {
      queue: { store, topics: [], platformFor: () => platform, maxStories: 10, maxAgeMs: 48 * 3_600_000 },
      log: silentLogger(),
      served: () => ['console' as const],
    };
    const digestRuns: number[] = [];
    const pollRuns: number[] = [];
    const scheduler = createScheduler({
      log: silentLogger(),
      pollTick: '0 */5 * * * *',
      pollDueFeeds: () => {
        pollRuns.push(Date.now());
        return Promise.resolve();
      },
      deliverDueDigests: async () => {
        digestRuns.push(Date.now());
        await runDueDigests(deps, Date.now());
      },
      nextDigestAt: () => store.subscriptions.nextDigestDue(['console']),
      now: () => Date.now(),
    });
    await scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    // Start runs both jobs once: a digest missed while down goes out now.
    expect(digestRuns).toHaveLength(1);
    expect(pollRuns).toHaveLength(1);
    const timers = vi.getTimerCount();

    for (let i = 1; i < 200; i++) await subscribe(store, `c${i}`, BERLIN_0800, 'Europe/Berlin');
    scheduler.refresh();
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(timers);

    // 07:00 UTC is 08:00 in Berlin: one wake then, not one per subscription.
    await vi.advanceTimersByTimeAsync(90_000);
    const at0700 = digestRuns.filter(
      (t) => t >= Date.UTC(2026, 10, 28, 7, 0) && t < Date.UTC(2026, 10, 28, 7, 0, 1),
    );
    expect(at0700).toHaveLength(1);
    expect((await store.subscriptions.get(first))?.nextDigestAt).toBe(Date.UTC(2026, 10, 29, 7, 0));
    expect(await store.subscriptions.due('console', Date.now(), 10)).toEqual([]);

    await scheduler.stop();
    const count = digestRuns.length;
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(digestRuns).toHaveLength(count);
    await store.close();
  });

  it('sleeps at most 15 s between indexed checks, so digests and changes of other processes are seen', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 28, 6, 0) });
    const runs: number[] = [];
    const scheduler = createScheduler({
      log: silentLogger(),
      pollTick: '0 0 0 1 1 *',
      pollDueFeeds: () => Promise.resolve(),
      deliverDueDigests: () => {
        runs.push(Date.now());
        return Promise.resolve();
      },
      nextDigestAt: () => Promise.resolve(null),
      now: () => Date.now(),
    });
    await scheduler.start();
    await vi.advanceTimersByTimeAsync(60_000);
    // The run at start, then one every 15 s.
    expect(runs).toHaveLength(5);
    await scheduler.stop();
  });

  it("reports node-cron's missed ticks through the app's logger, never the console", async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 28, 6, 0, 0) });
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    const consoleWarn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const scheduler = createScheduler({
      log,
      pollTick: '* * * * * *',
      pollDueFeeds: () => Promise.resolve(),
      deliverDueDigests: () => Promise.resolve(),
      nextDigestAt: () => Promise.resolve(null),
      now: () => Date.now(),
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
    }
  });
});
