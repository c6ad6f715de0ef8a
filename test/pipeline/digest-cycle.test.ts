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
      isServed: () => true,
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
      isServed: () => served,
    });
    expect(await runDueDigests(deps(false), MONDAY_0900)).toBe(0);
    expect((await store.subscriptions.get(subscription.id))?.nextDigestAt).toBe(MONDAY_0900 - HOUR);
    expect(await runDueDigests(deps(true), MONDAY_0900)).toBe(0);
    expect((await store.subscriptions.get(subscription.id))?.nextDigestAt).toBe(Date.UTC(2026, 11, 1, 8, 0));
    expect(await store.outbox.pending(MONDAY_0900, 10)).toEqual([]);
    await store.close();
  });
});
