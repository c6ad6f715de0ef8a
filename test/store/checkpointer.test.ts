import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NormalizedItem } from '../../src/core/types.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { repoRoot } from '../helpers/cli.js';
import { NOW } from './contract/fixtures.js';

const run = promisify(execFile);

function bulkyItems(count: number): NormalizedItem[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `item-${i}`,
    url: `https://news.example/${i}`,
    title: `Item ${i}`,
    text: `Paragraph ${i}. `.repeat(400),
    author: null,
    publishedAt: NOW - i,
    categories: [],
    imageUrl: null,
    contentHash: `hash-${i}`,
  }));
}

describe('SQLite background checkpointer', () => {
  let dir = '';

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gazette-checkpoint-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('folds the log into the database file while the writer stays open', async () => {
    const path = join(dir, 'gazette.db');
    const store = createSqliteStore({ path });
    try {
      const feed = await store.feeds.upsert({ url: 'https://news.example/feed' }, NOW);
      const before = statSync(path).size;
      // About 2 MB of text: far below the writer's own fallback threshold, so only the thread
      // can have moved it into the main file.
      await store.items.save(feed.id, bulkyItems(300), NOW, 3);
      await vi.waitFor(
        () => {
          expect(statSync(path).size).toBeGreaterThan(before + 1_000_000);
        },
        { timeout: 15_000, interval: 50 },
      );
      expect(await store.items.latest(feed.id, 1)).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('ends with the store: closing leaves no log behind and the data in the file', async () => {
    const path = join(dir, 'gazette.db');
    const store = createSqliteStore({ path });
    const feed = await store.feeds.upsert({ url: 'https://news.example/feed' }, NOW);
    await store.items.save(feed.id, bulkyItems(20), NOW, 3);
    await store.close();
    await store.close();
    expect(existsSync(`${path}-wal`)).toBe(false);

    const reopened = createSqliteStore({ path });
    try {
      expect(await reopened.items.latest(feed.id, 50)).toHaveLength(20);
    } finally {
      await reopened.close();
    }
  });

  it('never keeps a finished process alive', async () => {
    const path = join(dir, 'gazette.db');
    const script = `
      const { createSqliteStore } = await import('./dist/src/store/sqlite/sqlite-store.js');
      createSqliteStore({ path: ${JSON.stringify(path)} });
      console.log('opened');
    `;
    // The built module (test/setup/build.ts), so the child needs no TypeScript transform.
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: repoRoot,
      timeout: 30_000,
    });
    expect(stdout.trim()).toBe('opened');
  });
});
