import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NormalizedItem } from '../../src/core/types.js';
import { condenseItem } from '../../src/condense/condense.js';
import { createTopicTagger } from '../../src/condense/topics.js';
import { consoleChat } from '../../src/platforms/console/console-platform.js';
import { createTestApp } from '../helpers/app.js';
import { startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { dropSchema, freshSchema, openTestStore, postgresAvailable } from '../helpers/postgres.js';

const available = await postgresAvailable('the pipeline on PostgreSQL');
const T0 = Date.UTC(2026, 10, 28, 6, 0);

let server: FeedServer;

beforeAll(async () => {
  server = await startFeedServer();
  // Answers only when the request is abandoned: a poll is under way when Gazette stops.
  server.route('/hang.xml', () => undefined);
});

afterAll(async () => {
  await server.close();
});

const item = (i: number): NormalizedItem => ({
  key: `k${i}`,
  url: `https://many.example/news/${i}`,
  title: `Bridge ${i} reopens`,
  text: `Bridge number ${i} reopened to traffic on Monday.`,
  author: null,
  imageUrl: null,
  publishedAt: T0 - i * 60_000,
  categories: [],
  contentHash: `hash-${i}`,
});

describe.skipIf(!available)('the pipeline on PostgreSQL', () => {
  it('splits condense claims between processes and writes each batch in one statement', async () => {
    const schema = freshSchema();
    const one = openTestStore(schema).store;
    const two = openTestStore(schema).store;
    try {
      const feed = await one.feeds.upsert({ url: 'https://many.example/feed.xml' }, T0);
      await one.items.save(
        feed.id,
        Array.from({ length: 300 }, (_, i) => item(i)),
        T0,
        300,
      );
      const [a, b] = await Promise.all([
        one.items.claimCondense(T0, 200, 60_000),
        two.items.claimCondense(T0, 200, 60_000),
      ]);
      const ids = new Set([...a, ...b].map((i) => i.id));
      expect(a.length + b.length).toBe(300);
      expect(ids.size).toBe(300);
      // Claimed items are nobody else's until their claim runs out.
      expect(await one.items.claimCondense(T0 + 1_000, 10, 60_000)).toEqual([]);
      const tagger = createTopicTagger([]);
      const condensed = (list: typeof a) =>
        list.map((i) => ({
          itemId: i.id,
          condensed: condenseItem(i, {
            tagger,
            feedTopics: [],
            maxSentences: 3,
            maxChars: 400,
            contentHash: i.contentHash,
          }),
        }));
      await Promise.all([
        one.items.saveCondensedMany(condensed(a)),
        two.items.saveCondensedMany(condensed(b)),
      ]);
      expect(await one.items.needingCondense(10)).toEqual([]);
      expect((await one.items.get(a[0]?.id ?? 0))?.condensed?.summary).toContain('Bridge');
    } finally {
      await one.close();
      await two.close();
      await dropSchema(schema);
    }
  });

  it('stops with a poll under way: the pool closes after the poll, never under it', async () => {
    const schema = freshSchema();
    const { store } = openTestStore(schema);
    const { app } = createTestApp(T0, {}, store);
    try {
      const sub = await store.subscriptions.ensure(
        { ...consoleChat, schedule: '0 8 * * *', timezone: 'UTC', nextDigestAt: null },
        T0,
      );
      const feed = await store.feeds.upsert({ url: `${server.base}/hang.xml` }, T0);
      await store.subscriptions.addFeed(sub.id, feed.id, 0, T0);
      await app.start();
      for (let i = 0; i < 400 && !server.requests.some((r) => r.path === '/hang.xml'); i++)
        await new Promise((r) => setTimeout(r, 10));
      expect(server.requests.some((r) => r.path === '/hang.xml')).toBe(true);
      // A poll that used the store after the pool ended would reject here or go unhandled.
      await app.stop();
    } finally {
      await dropSchema(schema);
    }
  });
});
