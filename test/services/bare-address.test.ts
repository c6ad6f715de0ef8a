import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsoleWithFeeds, type ConsoleWithFeeds } from '../helpers/app.js';
import { worldFeedXml } from '../helpers/world-feed.js';

const T0 = Date.UTC(2026, 10, 28, 6, 0);
let app: ConsoleWithFeeds;

beforeAll(async () => {
  app = await startConsoleWithFeeds(T0, { '/world.xml': worldFeedXml(T0) });
});

afterAll(async () => {
  await app.stop();
});

describe('an address typed without a scheme', () => {
  it('is tried over https, then over plain http when the server speaks only that', async () => {
    const bare = app.server.base.replace(/^http:\/\//u, '');
    const answer = await app.type(`/subscribe ${bare}/world.xml`);
    expect(answer).toContain('Now following Example World News');
    expect(await app.type('/export')).toContain(`xmlUrl="${app.server.base}/world.xml"`);
  });

  it('is not tried over http when the scheme was typed', async () => {
    const https = app.server.base.replace(/^http:/u, 'https:');
    expect(await app.type(`/subscribe ${https}/other.xml`)).toMatch(/^❌/u);
  });
});
