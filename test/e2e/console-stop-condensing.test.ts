import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { createTestApp, typeLine } from '../helpers/app.js';
import { rssFeed, startFeedServer, type FeedServer } from '../helpers/feed-server.js';

const T0 = Date.UTC(2026, 10, 28, 6, 0);
const ITEMS = 600;
let server: FeedServer;
let dir: string;
// A new feed's first items but its newest few are its backlog; the rest arrive on a later poll.
let served = 3;

function feedXml(count: number): string {
  const items = Array.from({ length: count }, (_, i) => ({
    id: `i${i}`,
    title: `Council report ${i} on the harbour works and the new bridge over the river`,
    body: `The council published report number ${i} on Tuesday. It says the harbour works are on time and the bridge opens next year.`,
    date: new Date(T0 - (ITEMS - i) * 60_000),
  }));
  return rssFeed('Harbour Daily', items);
}

beforeAll(async () => {
  server = await startFeedServer();
  dir = mkdtempSync(path.join(tmpdir(), 'gazette-stop-'));
  server.route('/big.xml', (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feedXml(served)),
  );
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function condensedCount(file: string): Promise<number> {
  const store = createSqliteStore({ path: file });
  try {
    return (await store.items.recentCondensed(0)).length;
  } finally {
    await store.close();
  }
}

describe('stopping while hundreds of new items are condensed', () => {
  it('ends the run between two items, keeps what was done, and the next start condenses the rest', async () => {
    const file = path.join(dir, 'gazette.db');
    const first = createTestApp(T0, {}, createSqliteStore({ path: file }));
    await first.app.platforms.get('console')?.start();
    expect(await typeLine(first, `/subscribe ${server.base}/big.xml`)).toContain('Now following');
    const followed = await first.app.store.items.recentCondensed(0);
    served = ITEMS;
    first.clock.advance(3_600_000);
    // Not awaited: until the first digest is settled a poll condenses what it brought, and the
    // stop comes while that run is under way.
    const run = first.app.pollOnce();
    for (let i = 0; i < 3000; i++) {
      if ((await first.app.store.items.recentCondensed(0)).length > followed.length) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await first.app.stop();
    await run;

    const kept = await condensedCount(file);
    expect(kept).toBeGreaterThan(followed.length);
    expect(kept).toBeLessThan(ITEMS);

    const second = createTestApp(T0, {}, createSqliteStore({ path: file }));
    await second.app.platforms.get('console')?.start();
    await second.app.condensePending();
    const digest = await typeLine(second, '/digest');
    expect(digest).toContain('Council report');
    await second.app.stop();
    expect(await condensedCount(file)).toBe(ITEMS);
  }, 60_000);
});
