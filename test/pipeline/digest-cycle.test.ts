import { describe, expect, it } from 'vitest';
import { runDueDigests } from '../../src/pipeline/digest-cycle.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { silentLogger } from '../helpers/logger.js';
import { createRecordingPlatform } from '../helpers/recording-platform.js';
import { seedStories } from '../helpers/seed.js';

const HOUR = 3_600_000;
const MONDAY_0900 = Date.UTC(2026, 10, 30, 9, 0);

describe('runDueDigests', () => {
  it('delivers a digest missed while down once, then moves to the next slot after now', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const platform = createRecordingPlatform();
    const { subscription } = await seedStories(store, 2, MONDAY_0900 - 50 * HOUR);
    // Daily at 08:00; the process was down for the slots of Saturday, Sunday and Monday.
    const missed = Date.UTC(2026, 10, 28, 8, 0);
    await store.subscriptions.setSchedule(subscription.id, '0 8 * * *', 'UTC', missed);
    const deps = {
      queue: { store, topics: [], platformFor: () => platform, maxStories: 10, maxAgeMs: 72 * HOUR },
      log: silentLogger(),
      served: () => [subscription.platform],
    };
    expect(await runDueDigests(deps, MONDAY_0900)).toBe(1);
    expect(await runDueDigests(deps, MONDAY_0900 + 60_000)).toBe(0);
    const after = await store.subscriptions.get(subscription.id);
    expect(after?.lastDigestAt).toBe(missed);
    expect(after?.nextDigestAt).toBe(Date.UTC(2026, 11, 1, 8, 0));
    expect((await store.outbox.pending(MONDAY_0900, 10)).length).toBe(1);
    await store.close();
  });

  it('records an empty slot without sending, and skips paused or unserved subscriptions', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const platform = createRecordingPlatform();
    const { subscription } = await seedStories(store, 0, MONDAY_0900);
    await store.subscriptions.setSchedule(subscription.id, '0 8 * * *', 'UTC', MONDAY_0900 - HOUR);
    const deps = (served: boolean) => ({
      queue: { store, topics: [], platformFor: () => platform, maxStories: 10, maxAgeMs: 48 * HOUR },
      log: silentLogger(),
      served: () => (served ? [subscription.platform] : []),
    });
    expect(await runDueDigests(deps(false), MONDAY_0900)).toBe(0);
    expect((await store.subscriptions.get(subscription.id))?.nextDigestAt).toBe(MONDAY_0900 - HOUR);
    expect(await runDueDigests(deps(true), MONDAY_0900)).toBe(0);
    expect((await store.subscriptions.get(subscription.id))?.nextDigestAt).toBe(Date.UTC(2026, 11, 1, 8, 0));
    expect(await store.outbox.pending(MONDAY_0900, 10)).toEqual([]);
    await store.close();
  });
});

describe('next digest time', () => {
  const HOURS = 3_600_000;
  const walk = async (cron: string, zone: string, first: number, steps: number): Promise<number[]> => {
    const store = createSqliteStore({ path: ':memory:' });
    const platform = createRecordingPlatform();
    const { subscription } = await seedStories(store, 0, first - HOURS);
    await store.subscriptions.setSchedule(subscription.id, cron, zone, first);
    const deps = {
      queue: { store, topics: [], platformFor: () => platform, maxStories: 10, maxAgeMs: 48 * HOURS },
      log: silentLogger(),
      served: () => [subscription.platform],
    };
    const seen: number[] = [];
    // A fake clock a few seconds past each slot, as the scheduler's timer would find it.
    for (let at = first, i = 0; i < steps; i++) {
      await runDueDigests(deps, at + 5_000);
      const next = (await store.subscriptions.get(subscription.id))?.nextDigestAt;
      if (next === null || next === undefined) throw new Error('no next slot');
      seen.push(next);
      at = next;
    }
    await store.close();
    return seen;
  };

  it('keeps 08:00 local across the autumn clock change in Berlin', async () => {
    // Saturday 24 October 2026, 08:00 CEST; the clocks go back that night.
    const slots = await walk('0 8 * * *', 'Europe/Berlin', Date.UTC(2026, 9, 24, 6, 0), 3);
    expect(slots).toEqual([
      Date.UTC(2026, 9, 25, 7, 0),
      Date.UTC(2026, 9, 26, 7, 0),
      Date.UTC(2026, 9, 27, 7, 0),
    ]);
  });

  it('keeps weekday 07:30 local across the spring clock change in New York', async () => {
    // Friday 12 March 2027, 07:30 EST; the clocks go forward on Sunday the 14th.
    const slots = await walk('30 7 * * 1-5', 'America/New_York', Date.UTC(2027, 2, 12, 12, 30), 2);
    expect(slots).toEqual([Date.UTC(2027, 2, 15, 11, 30), Date.UTC(2027, 2, 16, 11, 30)]);
  });

  it('gives a subscription without a time its first slot, and composes nothing for it yet', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const { subscription } = await seedStories(store, 2, MONDAY_0900 - HOUR);
    expect(subscription.nextDigestAt).toBeNull();
    const deps = {
      queue: {
        store,
        topics: [],
        platformFor: () => createRecordingPlatform(),
        maxStories: 10,
        maxAgeMs: HOURS * 48,
      },
      log: silentLogger(),
      served: () => [subscription.platform],
    };
    expect(await runDueDigests(deps, MONDAY_0900)).toBe(0);
    expect((await store.subscriptions.get(subscription.id))?.nextDigestAt).toBe(Date.UTC(2026, 11, 1, 8, 0));
    await store.close();
  });
});
