import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createManualClock } from '../../src/core/clock.js';
import { HOLDER_FILE, leaseHolderId, type HolderProcess } from '../../src/pipeline/holder-id.js';
import { continuousJob, createWorkLeases, WORK_LEASE_MS } from '../../src/pipeline/work-leases.js';
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

  it('say a job is held as it was only within half a lease of its grant, and never after it was lost', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const clock = createManualClock(T0);
    const frozen = createWorkLeases(store.leases, () => clock.now());
    const successor = createWorkLeases(store.leases, () => clock.now());
    expect(frozen.holdsAsNow('deliver:telegram')()).toBe(false);
    expect(await frozen.hold('deliver:telegram')).toBe(true);
    const check = frozen.holdsAsNow('deliver:telegram');
    expect(check()).toBe(true);
    clock.advance(WORK_LEASE_MS / 2 - 1);
    expect(check()).toBe(true);
    clock.advance(1);
    expect(check()).toBe(false);
    expect(await frozen.hold('deliver:telegram')).toBe(true);
    expect(check()).toBe(true);
    // Frozen past its lease: another process held the job, then gave it back; the frozen one's
    // heartbeat takes it back first on waking, and still its check says no.
    clock.advance(WORK_LEASE_MS);
    expect(await successor.hold('deliver:telegram')).toBe(true);
    await successor.releaseAll();
    expect(await frozen.hold('deliver:telegram')).toBe(true);
    expect(check()).toBe(false);
    expect(frozen.holdsAsNow('deliver:telegram')()).toBe(true);
    await frozen.releaseAll();
    expect(check()).toBe(false);
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

describe('lease holder id kept in the data directory', () => {
  const dir = (): string => mkdtempSync(path.join(tmpdir(), 'gazette-holder-'));
  const proc = (pid: number, alive: readonly number[], host = 'box'): HolderProcess => ({
    pid,
    host,
    isRunning: (p) => alive.includes(p),
  });

  it('a restarted process takes its dead predecessor’s leases at once', async () => {
    const data = dir();
    const store = createSqliteStore({ path: path.join(data, 'gazette.db') });
    const clock = createManualClock(T0);
    const before = createWorkLeases(
      store.leases,
      () => clock.now(),
      WORK_LEASE_MS,
      leaseHolderId(data, proc(100, [100])),
    );
    expect(await before.hold('deliver:telegram')).toBe(true);
    // kill -9: no release. The next process starts a second later, under a new pid.
    clock.advance(1_000);
    const after = createWorkLeases(
      store.leases,
      () => clock.now(),
      WORK_LEASE_MS,
      leaseHolderId(data, proc(200, [200])),
    );
    expect(await after.hold('deliver:telegram')).toBe(true);
    expect(statSync(path.join(data, HOLDER_FILE)).mode & 0o777).toBe(0o600);
    // Another process under a random name still waits for the lease to run out.
    expect(await createWorkLeases(store.leases, () => clock.now()).hold('deliver:telegram')).toBe(false);
    await store.close();
  });

  it('a second live process on the same data directory, or another host, gets a name of its own', () => {
    const data = dir();
    const first = leaseHolderId(data, proc(100, [100, 300]));
    expect(leaseHolderId(data, proc(300, [100, 300]))).not.toBe(first);
    const elsewhere = leaseHolderId(data, proc(100, [100], 'other-host'));
    expect(elsewhere).not.toBe(first);
    // On that host, pid 100 has died: the next process there is its successor and takes its name.
    expect(leaseHolderId(data, proc(400, [400], 'other-host'))).toBe(elsewhere);
  });

  it('call a job’s state stale when it was lost to another process and taken back', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const clock = createManualClock(T0);
    const mine = createWorkLeases(store.leases, () => clock.now());
    const other = createWorkLeases(store.leases, () => clock.now());
    let stale = 0;
    const job = continuousJob(mine, 'stories', () => {
      stale++;
    });
    expect(await job.begin()).toBe(true);
    clock.advance(WORK_LEASE_MS / 2);
    // Renewed in time: the same tenure, nothing stale.
    expect(await job.stillHeld()).toBe(true);
    expect(await job.begin()).toBe(true);
    expect(stale).toBe(0);
    // A pause longer than the lease: the other process takes the job and works, then stops.
    clock.advance(WORK_LEASE_MS + 1);
    expect(await other.hold('stories')).toBe(true);
    await other.releaseAll();
    // The run under way must stop even though the job is free to take again...
    expect(await job.stillHeld()).toBe(false);
    expect(stale).toBe(0);
    // ...and the next run starts from a state rebuilt once.
    expect(await job.begin()).toBe(true);
    expect(stale).toBe(1);
    expect(await job.stillHeld()).toBe(true);
    expect(await job.begin()).toBe(true);
    expect(stale).toBe(1);
    await store.close();
  });
});
