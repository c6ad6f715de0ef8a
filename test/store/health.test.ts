import {
  mkdtempSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  openSync,
  writeSync,
  closeSync,
  chmodSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import { Writable } from 'node:stream';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createManualClock } from '../../src/core/clock.js';
import { testConfig } from '../helpers/config.js';
import { silentLogger } from '../helpers/logger.js';
import { createFaultGate } from '../../src/pipeline/store-faults.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { StoreFullError, StoreUnavailableError, type Store, type StoreFault } from '../../src/store/store.js';
import { item } from '../helpers/seed.js';

const NOW = Date.UTC(2026, 10, 28, 8, 0);
const open: Store[] = [];
afterEach(async () => {
  for (const store of open.splice(0)) await store.close().catch(() => undefined);
});

function fresh(options: { maxPages?: number } = {}): {
  store: Store;
  file: string;
  dir: string;
  faults: StoreFault[];
} {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'gazette-health-')), 'data');
  const file = path.join(dir, 'gazette.db');
  const store = createSqliteStore({ path: file, ...options });
  const faults: StoreFault[] = [];
  store.onFault((fault) => faults.push(fault));
  open.push(store);
  return { store, file, dir, faults };
}

const mode = (file: string): number => statSync(file).mode & 0o777;

describe('SQLite store health', () => {
  it('keeps its files 0600 in a 0700 directory, and tightens files it finds open', async () => {
    const { store, file, dir } = fresh();
    await store.feeds.upsert({ url: 'https://example.org/feed.xml' }, NOW);
    expect(mode(dir)).toBe(0o700);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f)).toBe(0o600);
    await store.close();
    chmodSync(file, 0o644);
    chmodSync(dir, 0o755);
    open.push(createSqliteStore({ path: file }));
    expect(mode(file)).toBe(0o600);
    expect(mode(dir)).toBe(0o700);
  });

  it('refuses to start on a damaged database, with one line naming it', async () => {
    const { store, file } = fresh();
    const feed = await store.feeds.upsert({ url: 'https://example.org/feed.xml' }, NOW);
    await store.items.save(
      feed.id,
      Array.from({ length: 400 }, (_, i) => item(`k${i}`, { text: 'x'.repeat(500) })),
      NOW,
      400,
    );
    await store.close();
    open.length = 0;
    // A page in the middle of the file is overwritten with garbage.
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 8 * 4096);
    closeSync(fd);
    expect(() => createSqliteStore({ path: file })).toThrow(StoreUnavailableError);
    expect(() => createSqliteStore({ path: file })).toThrow(
      /gazette\.db is damaged .*restore it from a backup/,
    );
  });

  it('stops at once when its file is deleted while running, reporting it once', async () => {
    const { store, file, faults } = fresh();
    await store.feeds.upsert({ url: 'https://example.org/a.xml' }, NOW);
    unlinkSync(file);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await expect(store.subscriptions.mute(1, 'sport', NOW)).rejects.toThrow(StoreUnavailableError);
    await expect(store.feeds.list()).rejects.toThrow(/gazette\.db was deleted while Gazette was running/);
    expect(faults).toEqual([{ kind: 'unusable', message: expect.stringContaining('was deleted') as string }]);
  });

  it('notices a replaced file even while idle', async () => {
    const { store, file, dir, faults } = fresh();
    await store.feeds.upsert({ url: 'https://example.org/a.xml' }, NOW);
    const other = path.join(dir, 'other.db');
    writeFileSync(other, '');
    renameSync(other, file);
    for (let i = 0; i < 100 && faults.length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(faults).toEqual([
      { kind: 'unusable', message: expect.stringContaining('was replaced by another file') as string },
    ]);
    await expect(store.feeds.list()).rejects.toThrow(StoreUnavailableError);
  });

  it('fails a write on a full disk with a clear error, keeping what was saved and changing nothing', async () => {
    const { store, faults } = fresh({ maxPages: 64 });
    const feed = await store.feeds.upsert({ url: 'https://example.org/feed.xml' }, NOW);
    const sub = await store.subscriptions.ensure(
      {
        platform: 'telegram',
        chatId: '1',
        threadId: '',
        schedule: '0 8 * * *',
        timezone: 'UTC',
        nextDigestAt: null,
      },
      NOW,
    );
    await store.subscriptions.mute(sub.id, 'sport', NOW);
    let error: unknown = null;
    for (let batch = 0; batch < 100 && error === null; batch++) {
      const items = Array.from({ length: 20 }, (_, i) => item(`b${batch}-${i}`, { text: 'y'.repeat(2000) }));
      await store.items.save(feed.id, items, NOW, 20).catch((e: unknown) => (error = e));
    }
    expect(error).toBeInstanceOf(StoreFullError);
    expect(String(error)).toContain('the disk holding the SQLite database');
    // A settings change on the full disk is refused as a whole; what was saved stays.
    let refused: unknown = null;
    for (let i = 0; i < 200 && refused === null; i++) {
      await store.subscriptions
        .mute(sub.id, `term-${'z'.repeat(200)}-${i}`, NOW)
        .catch((e: unknown) => (refused = e));
    }
    expect(refused).toBeInstanceOf(StoreFullError);
    expect((await store.subscriptions.mutes(sub.id)).map((m) => m.term)).toContain('sport');
    expect(faults.every((f) => f.kind === 'full')).toBe(true);
    expect(String(faults.map((f) => f.message))).not.toContain('FOREIGN KEY');
  });
});

describe('store fault gate', () => {
  function recorder(): { lines: { level: number; msg: string }[]; log: Logger } {
    const lines: { level: number; msg: string }[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as { level: number; msg: string });
        done();
      },
    });
    return { lines, log: pino({ level: 'info' }, sink) };
  }

  it('logs a full disk at most once a minute, backs off, and says when it is over', async () => {
    let now = NOW;
    const { lines, log } = recorder();
    const fatal: string[] = [];
    const gate = createFaultGate({ log, now: () => now, fatal: (m) => fatal.push(m) });
    const full: StoreFault = {
      kind: 'full',
      message: 'the disk holding the SQLite database /data/gazette.db is full',
    };
    for (let i = 0; i < 30; i++) {
      gate.report(full);
      now += 1_000;
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.filter((l) => l.level === 50)).toHaveLength(1);
    expect(lines[0]?.msg).toContain('/data/gazette.db is full');
    expect(gate.allows(now)).toBe(false);
    now = NOW + 61_000;
    gate.report(full);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.filter((l) => l.level === 50)).toHaveLength(2);
    now += 10 * 60_000;
    expect(gate.allows(now)).toBe(true);
    gate.succeeded(now);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.at(-1)?.msg).toContain('resumed');
    expect(fatal).toEqual([]);
    gate.report({ kind: 'unusable', message: 'the SQLite database x was deleted' });
    expect(fatal).toEqual(['the SQLite database x was deleted']);
  });
});

describe('a running Gazette and its database', () => {
  it('stops with one line when its database file is deleted under it', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'gazette-health-app-')), 'data');
    const file = path.join(dir, 'gazette.db');
    const store = createSqliteStore({ path: file });
    open.push(store);
    const lines: string[] = [];
    const app = createApp(testConfig({ dataDir: dir }), {
      output: new PassThrough(),
      input: null,
      log: silentLogger(),
      clock: createManualClock(NOW),
      random: () => 0.5,
      store,
      onFatal: (line) => lines.push(line),
    });
    await app.services
      .digestNow({ platform: 'console', chatId: 'console', threadId: '' }, null, NOW)
      .catch(() => null);
    unlinkSync(file);
    for (let i = 0; i < 100 && lines.length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lines).toEqual([
      expect.stringMatching(/gazette\.db was deleted while Gazette was running/) as string,
    ]);
    await app.stop().catch(() => undefined);
  });
});
