import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createManualClock } from '../../src/core/clock.js';
import { createRetentionJob, pruneOnce } from '../../src/pipeline/retention.js';
import { createWorkLeases } from '../../src/pipeline/work-leases.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { silentLogger } from '../helpers/logger.js';
import { seedStories } from '../helpers/seed.js';

const T0 = Date.UTC(2026, 10, 28, 9, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const POLICY = { itemsMs: 48 * HOUR, digestsMs: 14 * DAY };

afterEach(() => {
  vi.useRealTimers();
});

describe('retention job', () => {
  it('prunes once a day in the process holding the lease, never in another', async () => {
    vi.useFakeTimers({ now: T0 });
    const store = createSqliteStore({ path: ':memory:' });
    const clock = createManualClock(T0);
    const leasesA = createWorkLeases(store.leases, () => clock.now());
    const leasesB = createWorkLeases(store.leases, () => clock.now());
    const log = silentLogger();
    const runs: string[] = [];
    const job = (name: string, hold: () => Promise<boolean>) =>
      createRetentionJob({
        store,
        log,
        policy: POLICY,
        now: () => clock.now(),
        hold: async () => {
          const held = await hold();
          if (held) runs.push(name);
          return held;
        },
      });
    const a = job('a', () => leasesA.hold('retention'));
    const b = job('b', () => leasesB.hold('retention'));
    a.start();
    await vi.advanceTimersByTimeAsync(30_000);
    b.start();
    leasesA.startHeartbeat(log);
    // Two days, checked hourly by both: `a` took the lease first and prunes once a day.
    for (let hour = 0; hour < 48; hour++) {
      clock.advance(HOUR);
      await vi.advanceTimersByTimeAsync(HOUR);
    }
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.length).toBeLessThanOrEqual(3);
    expect(new Set(runs)).toEqual(new Set(['a']));
    await a.stop();
    await b.stop();
    await leasesA.releaseAll();
    await store.close();
  });

  it('drops an old story nobody waits for and shrinks the SQLite file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gazette-retention-'));
    const file = path.join(dir, 'gazette.db');
    const store = createSqliteStore({ path: file });
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('auto_vacuum', { simple: true })).toBe(2);
    const { subscription, storyIds } = await seedStories(store, 400, T0 - 5 * DAY);
    // The feed's latest body lists nothing of it any more.
    const [followed] = await store.subscriptions.feeds(subscription.id);
    await store.items.save(followed?.feed.id ?? -1, [], T0 - HOUR, 3);
    const before = Number(raw.pragma('page_count', { simple: true }));
    const report = await pruneOnce(store, POLICY, T0);
    expect(report).toMatchObject({ items: 400, stories: 400, digests: 0 });
    expect(await store.stories.get(storyIds[0] ?? -1)).toBeNull();
    // The freed pages went back to the file system: none is left on the free list.
    expect(Number(raw.pragma('page_count', { simple: true }))).toBeLessThan(before);
    expect(raw.pragma('freelist_count', { simple: true })).toBe(0);
    raw.close();
    await store.close();
  });

  it('switches a database made without incremental auto-vacuum when it opens', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gazette-retention-'));
    const file = path.join(dir, 'gazette.db');
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    old.exec('CREATE TABLE scratch (x TEXT)');
    expect(old.pragma('auto_vacuum', { simple: true })).toBe(0);
    old.close();
    const store = createSqliteStore({ path: file });
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('auto_vacuum', { simple: true })).toBe(2);
    raw.close();
    await store.close();
  });
});
