import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/app.js';
import { loadConfig } from '../../src/config/load.js';
import { applyPgMigrations, PG_MIGRATIONS } from '../../src/store/postgres/migrations.js';
import { openDb } from '../../src/store/postgres/db.js';
import { StoreUnavailableError, type Store } from '../../src/store/store.js';
import {
  dropSchema,
  freshSchema,
  openTestStore,
  postgresAvailable,
  TEST_DATABASE_URL,
} from '../helpers/postgres.js';
import { describeStoreContract } from './contract.js';
import { chat, entry, NOW } from './contract/fixtures.js';

const available = await postgresAvailable('PostgreSQL store');
const schemas = new WeakMap<Store, string>();

describe.skipIf(!available)('PostgreSQL', () => {
  describeStoreContract(
    'PostgreSQL store',
    () => {
      const { store, schema } = openTestStore();
      schemas.set(store, schema);
      return store;
    },
    async (store) => {
      await store.close();
      const schema = schemas.get(store);
      if (schema !== undefined) await dropSchema(schema);
    },
  );

  describe('PostgreSQL store, several processes', () => {
    const opened: Store[] = [];
    const used: string[] = [];
    const open = (schema: string): Store => {
      const { store } = openTestStore(schema);
      opened.push(store);
      if (!used.includes(schema)) used.push(schema);
      return store;
    };

    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
      for (const schema of used.splice(0)) await dropSchema(schema);
    });

    it('migrates a schema once when several stores open it at the same moment', async () => {
      const schema = freshSchema();
      const stores = Array.from({ length: 4 }, () => open(schema));
      await Promise.all(stores.map((s) => s.feeds.list()));
      const db = openDb(TEST_DATABASE_URL, { schema });
      try {
        const { rows } = await db.query<{ version: number }>(
          'SELECT version FROM schema_migrations ORDER BY 1',
        );
        expect(rows.map((r) => r.version)).toEqual(PG_MIGRATIONS.map((m) => m.version));
        expect(await applyPgMigrations(db, schema)).toEqual([]);
        await db.query('INSERT INTO schema_migrations VALUES (999, $1, 0)', ['from a newer build']);
        await expect(applyPgMigrations(db, schema)).rejects.toThrow(/newer than this build supports/);
      } finally {
        await db.close();
      }
    });

    it('never hands the same due feed to two stores claiming at once', async () => {
      const schema = freshSchema();
      const one = open(schema);
      const [two, three] = [open(schema), open(schema)];
      const sub = await one.subscriptions.ensure(chat('1'), NOW);
      for (let i = 0; i < 30; i++) {
        const feed = await one.feeds.upsert({ url: `https://f${i}.example/rss` }, NOW);
        await one.subscriptions.addFeed(sub.id, feed.id, NOW, NOW);
      }
      const claims = await Promise.all(
        [one, two, three, one, two, three].map((s) => s.feeds.claimDue(NOW, 7, 60_000)),
      );
      const ids = claims.flat().map((f) => f.id);
      expect(ids).toHaveLength(30);
      expect(new Set(ids).size).toBe(30);
    });

    it('saves text PostgreSQL cannot hold as is: NUL and a lone surrogate become U+FFFD', async () => {
      const store = open(freshSchema());
      const feed = await store.feeds.upsert({ url: 'https://n.example/rss', title: 'Nul\u0000 feed' }, NOW);
      const saved = await store.items.save(
        feed.id,
        [entry('a\u0000', { title: 'A\ud800 b', text: 'x\u0000y' })],
        NOW,
        3,
      );
      const [item] = await store.items.latest(feed.id, 1);
      expect(feed.title).toBe('Nul\ufffd feed');
      expect(item).toMatchObject({ key: 'a\ufffd', title: 'A\ufffd b', text: 'x\ufffdy' });
      expect(saved.inserted[0]).toEqual(item);
    });

    it('is the store the app opens when DATABASE_URL is set', async () => {
      const schema = freshSchema();
      used.push(schema);
      const admin = openDb(TEST_DATABASE_URL);
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.close();
      const url = `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      const loaded = loadConfig({
        configDir: path.resolve(import.meta.dirname, '../../config'),
        env: { DATABASE_URL: url },
      });
      if (!loaded.ok) throw new Error(loaded.error);
      const store = openStore(loaded.value);
      opened.push(store);
      await store.feeds.upsert({ url: 'https://d.example/rss' }, NOW);
      const check = openDb(TEST_DATABASE_URL, { schema });
      try {
        const { rows } = await check.query<{ url: string }>('SELECT url FROM feeds');
        expect(rows).toEqual([{ url: 'https://d.example/rss' }]);
      } finally {
        await check.close();
      }
    });

    it('reports a server it cannot reach on the first statement, and closes cleanly', async () => {
      const { createPostgresStore } = await import('../../src/store/postgres/postgres-store.js');
      const store = createPostgresStore({ url: 'postgres://postgres:hunter2@127.0.0.1:1/none' });
      const failure = store.feeds.list();
      await expect(failure).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(failure).rejects.toThrow(
        /^PostgreSQL at 127\.0\.0\.1:1\/none is not usable: .*ECONNREFUSED/,
      );
      await expect(failure).rejects.not.toThrow(/hunter2/);
      await store.close();
      await store.close();
    });
  });
});
