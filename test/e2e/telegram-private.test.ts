import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedServer } from '../helpers/feed-server.js';
import { message, privateChat, user } from '../fakes/telegram-updates.js';
import { startWorldFeed } from './telegram-feeds.js';
import { startTelegramHarness, type TelegramHarness } from './telegram-harness.js';

const T0 = Date.UTC(2026, 10, 28, 6, 0);
const alice = user(501, 'Alice');
const chat = privateChat(alice);
let feeds: FeedServer;
let h: TelegramHarness;

const say = async (text: string, count = 1): Promise<string[]> =>
  (await h.exchange(message(chat, text, { from: alice }), chat.id, count)).map((m) => m.text);

beforeAll(async () => {
  feeds = await startWorldFeed(T0);
  h = await startTelegramHarness({ start: T0 });
});

afterAll(async () => {
  await h.stop();
  await feeds.close();
});

describe('telegram commands in a private chat', () => {
  it('registers the command menu with scopes', () => {
    const scopes = h.fake.callsOf('setMyCommands').map((c) => c.params);
    expect(scopes).toHaveLength(4);
  });

  it('answers /help', async () => {
    const [text] = await say('/help');
    expect(text).toContain('<code>/subscribe &lt;feed&gt;</code>');
  });

  it('subscribes, digests', async () => {
    const [subscribed] = await say(`/subscribe ${feeds.base}/world.xml`);
    expect(subscribed).toContain('Now following <b>Example World News</b>');
    await h.app.pollOnce();
    const digest = await say('/digest');
    expect(digest[0]).toContain('Port blast');
  });
});
