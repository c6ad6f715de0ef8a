import { afterEach, describe, expect, it, vi } from 'vitest';
import { createManualClock } from '../../src/core/clock.js';
import { createWorkLeases, WORK_LEASE_MS } from '../../src/pipeline/work-leases.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { silentLogger } from '../helpers/logger.js';

const T0 = Date.UTC(2026, 10, 28, 9, 0);

describe('work leases', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keep a running process’s jobs past one lease, and hand them over when it stops', async () => {
    vi.useFakeTimers();
    const store = createSqliteStore({ path: ':memory:' });
    const clock = createManualClock(T0);
    const running = createWorkLeases(store.leases, () => clock.now());
    const waiting = createWorkLeases(store.leases, () => clock.now());
    expect(await running.hold('condense')).toBe(true);
    running.startHeartbeat(silentLogger());
    // Three leases later the heartbeat has renewed the job all along.
    for (let step = 0; step < 9; step++) {
      clock.advance(WORK_LEASE_MS / 3);
      await vi.advanceTimersByTimeAsync(WORK_LEASE_MS / 3);
      expect(await waiting.hold('condense')).toBe(false);
    }
    await running.releaseAll();
    expect(await waiting.hold('condense')).toBe(true);
    await waiting.releaseAll();
    await store.close();
  });

  it('let another process take the jobs of one that stopped renewing, one lease later', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const clock = createManualClock(T0);
    const crashed = createWorkLeases(store.leases, () => clock.now());
    const restarted = createWorkLeases(store.leases, () => clock.now());
    expect(await crashed.hold('deliver:telegram')).toBe(true);
    clock.advance(WORK_LEASE_MS - 1);
    expect(await restarted.hold('deliver:telegram')).toBe(false);
    clock.advance(1);
    expect(await restarted.hold('deliver:telegram')).toBe(true);
    expect(await crashed.hold('deliver:telegram')).toBe(false);
    await store.close();
  });
});
