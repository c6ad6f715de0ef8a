import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, typeLine, type TestApp } from '../helpers/app.js';
import { startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { worldFeedXml } from '../helpers/world-feed.js';
import { message, privateChat, user } from '../fakes/telegram-updates.js';
import { startTelegramHarness, type TelegramHarness } from './telegram-harness.js';

const T0 = Date.UTC(2026, 10, 28, 6, 0);
const alice = user(501, 'Alice');
const chat = privateChat(alice);
let server: FeedServer;
let consoleApp: TestApp;
let telegram: TelegramHarness;

/** Polls until `ready` holds, so the feed answers only once the sign of work was given. */
async function until(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 2_000 && !ready(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
}

beforeAll(async () => {
  server = await startFeedServer();
  // A slow feed: it answers only after the chat was shown that Gazette is at work on it.
  server.route('/console-slow.xml', (_req, res) => {
    void until(() => consoleApp.output().includes('Working on /subscribe')).then(() => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(worldFeedXml(T0));
    });
  });
  server.route('/telegram-slow.xml', (_req, res) => {
    void until(() => telegram.fake.callsOf('sendChatAction').length > 0).then(() => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(worldFeedXml(T0));
    });
  });
  consoleApp = createTestApp(T0, {}, undefined, 0);
  await consoleApp.app.platforms.get('console')?.start();
  telegram = await startTelegramHarness({ start: T0, workingNoticeMs: 0 });
});

afterAll(async () => {
  await consoleApp.app.stop();
  await telegram.stop();
  await server.close();
});

describe('a slow command shows that it is at work', () => {
  it('on the console, with a line before the answer', async () => {
    const answer = await typeLine(consoleApp, `/subscribe ${server.base}/console-slow.xml`);
    expect(answer).toMatch(/^⏳ Working on \/subscribe…\n/);
    expect(answer).toContain('Now following Example World News');
    expect(answer.match(/Working on/g)).toHaveLength(1);
  });

  it('on Telegram, as the bot typing in the chat asked', async () => {
    const [answer] = await telegram.exchange(
      message(chat, `/subscribe ${server.base}/telegram-slow.xml`, { from: alice }),
      chat.id,
    );
    expect(answer?.text).toContain('Example World News');
    const [typing] = telegram.fake.callsOf('sendChatAction');
    expect(typing?.params).toMatchObject({ chat_id: String(chat.id), action: 'typing' });
  });
});
