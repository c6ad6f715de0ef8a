import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations, SQLITE_MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { describeStoreContract } from './contract.js';
import { condensedFor, entry, liveItems, NOW, storyOf } from './contract/fixtures.js';

describeStoreContract('SQLite store (:memory:)', () => createSqliteStore({ path: ':memory:' }));

describe('SQLite store (file)', () => {
  let dir = '';

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gazette-store-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** Reads the file through a second connection, as another process would. */
  function inspect<T>(path: string, read: (db: Database.Database) => T): T {
    const db = new Database(path, { readonly: true });
    try {
      return read(db);
    } finally {
      db.close();
    }
  }

  it('creates missing parent directories and turns on WAL', async () => {
    const path = join(dir, 'nested', 'deeper', 'gazette.db');
    const store = createSqliteStore({ path });
    await store.feeds.upsert({ url: 'https://a.example/rss' }, NOW);
    expect(inspect(path, (db) => db.pragma('journal_mode', { simple: true }))).toBe('wal');
    await store.close();
  });

  it('records each migration once; reopening applies nothing new', async () => {
    const path = join(dir, 'gazette.db');
    await createSqliteStore({ path }).close();
    await createSqliteStore({ path }).close();
    const rows = inspect(path, (db) =>
      db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all(),
    );
    expect(rows).toEqual(SQLITE_MIGRATIONS.map(({ version, name }) => ({ version, name })));

    const db = new Database(path);
    try {
      expect(applyMigrations(db)).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('migration 2 gives stories and items condensed before it one main topic, or none without topics', async () => {
    const path = join(dir, 'gazette.db');
    const old = new Database(path);
    const [initial] = SQLITE_MIGRATIONS;
    if (initial === undefined) throw new Error('no migrations');
    applyMigrations(old, [initial]);
    old.exec(`
      INSERT INTO feeds (id, url, created_at, next_poll_at) VALUES (1, 'https://a.example/rss', 0, 0);
      INSERT INTO items (id, feed_id, key, text, published_at, first_seen_at, content_hash)
        VALUES (1, 1, 'a', 'A', 0, 0, 'ha'), (2, 1, 'b', 'B', 0, 0, 'hb'), (3, 1, 'c', 'C', 0, 0, 'hc');
      INSERT INTO stories (id, lead_item_id, headline, summary, topics, entities, published_at, created_at, updated_at)
        VALUES (1, 1, 'H', 'S', '["business","politics"]', '[]', 0, 0, 0), (2, 2, 'H', 'S', '[]', '[]', 0, 0, 0);
      UPDATE items SET story_id = id, condensed_summary = 'S', condensed_topics = '["business","politics"]',
        condensed_entities = '[]', condensed_language = 'en', condensed_hash = content_hash WHERE id = 1;
      UPDATE items SET story_id = id, condensed_summary = 'S', condensed_topics = '[]',
        condensed_entities = '[]', condensed_language = 'en', condensed_hash = content_hash WHERE id = 2;
    `);
    old.close();

    const store = createSqliteStore({ path });
    expect(await store.stories.get(1)).toMatchObject({ topics: ['business', 'politics'], mainTopics: 1 });
    expect(await store.stories.get(2)).toMatchObject({ topics: [], mainTopics: 0 });
    expect((await store.items.get(1))?.condensed).toMatchObject({ mainTopics: 1 });
    expect((await store.items.get(2))?.condensed).toMatchObject({ mainTopics: 0 });
    expect((await store.items.get(3))?.condensed).toBeNull();
    await store.close();
    expect(
      inspect(path, (db) => db.prepare('SELECT condensed_main_topics FROM items WHERE id = 3').pluck().get()),
    ).toBeNull();
  });

  it('refuses to guess the main topics of a condensed item that lacks them', async () => {
    const path = join(dir, 'gazette.db');
    const store = createSqliteStore({ path });
    const feed = await store.feeds.upsert({ url: 'https://a.example/rss' }, NOW);
    const [item] = await liveItems(store, feed.id, [entry('a')]);
    const id = item?.id ?? -1;
    await store.items.saveCondensed(id, condensedFor('h'), await store.stories.create(storyOf(id), NOW));
    const other = new Database(path);
    other.prepare('UPDATE items SET condensed_main_topics = NULL WHERE id = ?').run(id);
    other.close();
    await expect(store.items.get(id)).rejects.toThrow(/main topics/);
    await store.close();
  });

  it('refuses a database migrated by a newer build', async () => {
    const path = join(dir, 'gazette.db');
    await createSqliteStore({ path }).close();
    const db = new Database(path);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, ?, ?)').run(
      'future',
      NOW,
    );
    db.close();
    expect(() => createSqliteStore({ path })).toThrow(/newer/);
  });

  it('keeps data across reopening', async () => {
    const path = join(dir, 'gazette.db');
    const first = createSqliteStore({ path });
    const feed = await first.feeds.upsert({ url: 'https://a.example/rss', title: 'A' }, NOW);
    const sub = await first.subscriptions.ensure(
      {
        platform: 'console',
        chatId: 'stdout',
        threadId: '',
        schedule: '0 8 * * *',
        timezone: 'UTC',
        nextDigestAt: null,
      },
      NOW,
    );
    await first.subscriptions.addFeed(sub.id, feed.id, NOW, NOW);
    await first.subscriptions.mute(sub.id, 'Sport', NOW);
    await first.close();

    const second = createSqliteStore({ path });
    expect(await second.feeds.get(feed.id)).toEqual(feed);
    expect(await second.subscriptions.find(sub)).toEqual(sub);
    expect((await second.subscriptions.feeds(sub.id)).map((f) => f.feed.id)).toEqual([feed.id]);
    expect((await second.subscriptions.mutes(sub.id)).map((m) => m.term)).toEqual(['sport']);
    await second.close();
  });

  it('two stores on one file never claim the same feed', async () => {
    const path = join(dir, 'gazette.db');
    const one = createSqliteStore({ path });
    const two = createSqliteStore({ path });
    const sub = await one.subscriptions.ensure(
      {
        platform: 'console',
        chatId: 'stdout',
        threadId: '',
        schedule: '0 8 * * *',
        timezone: 'UTC',
        nextDigestAt: null,
      },
      NOW,
    );
    for (const name of ['a', 'b', 'c']) {
      const feed = await one.feeds.upsert({ url: `https://${name}.example/rss` }, NOW);
      await one.subscriptions.addFeed(sub.id, feed.id, NOW, NOW);
    }
    const first = await one.feeds.claimDue(NOW, 2, 60_000);
    const second = await two.feeds.claimDue(NOW, 10, 60_000);
    expect(first).toHaveLength(2);
    expect(second.map((f) => f.url)).toEqual(['https://c.example/rss']);
    await one.close();
    await two.close();
  });

  it('is unusable after close, and closing twice is harmless', async () => {
    const store = createSqliteStore({ path: join(dir, 'gazette.db') });
    await store.close();
    await store.close();
    await expect(store.feeds.list()).rejects.toThrow();
  });
});

describeStoreContract('SQLite store (file, WAL)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gazette-contract-'));
  const store = createSqliteStore({ path: join(dir, 'gazette.db') });
  return {
    ...store,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
