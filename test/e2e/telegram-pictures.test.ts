import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { message, privateChat, user } from '../fakes/telegram-updates.js';
import { startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { servePictureFeed, servePictures } from '../helpers/picture-feeds.js';
import { testConfig } from '../helpers/config.js';
import { startTelegramHarness, type TelegramHarness } from './telegram-harness.js';

const T0 = Date.UTC(2026, 10, 28, 6, 0);
let feeds: FeedServer;
let h: TelegramHarness;

beforeAll(async () => {
  feeds = await startFeedServer();
  servePictures(feeds);
  h = await startTelegramHarness({
    start: T0,
    config: { digest: { ...testConfig().digest, newFeedItems: 10 } },
  });
});

afterAll(async () => {
  await h.stop();
  await feeds.close();
});

/** Runs commands in a private chat and returns the digest's sendMessage calls. */
async function digestIn(
  id: number,
  prefix: string,
  before: string[] = [],
): Promise<Record<string, unknown>[]> {
  const who = user(id, `Reader ${id}`);
  const chat = privateChat(who);
  const [followed] = await h.exchange(
    message(chat, `/subscribe ${servePictureFeed(feeds, prefix, T0)}`, { from: who }),
    id,
  );
  expect(followed?.text).toContain('Now following');
  for (const command of before) await h.exchange(message(chat, command, { from: who }), id);
  await h.app.pollOnce();
  const sent = h.fake.callsOf('sendMessage').length;
  await h.exchange(message(chat, '/digest', { from: who }), id);
  return h.fake
    .callsOf('sendMessage')
    .slice(sent)
    .map((c) => c.params)
    .filter((p) => String(p.chat_id) === String(id) && String(p.text).includes('Harbour cranes'));
}

describe('pictures in Telegram digests', () => {
  it('previews the top story’s checked picture above the digest', async () => {
    const [digest] = await digestIn(901, 'tg-alpha');
    expect(digest?.link_preview_options).toEqual({
      url: `${feeds.base}/img/ok.png`,
      prefer_large_media: true,
      show_above_text: true,
    });
  });

  it('keeps previews off after /images off', async () => {
    const [digest] = await digestIn(902, 'tg-beta', ['/images off']);
    expect(digest?.link_preview_options).toEqual({ is_disabled: true });
  });

  it('explains that /ping is a Discord feature and changes nothing', async () => {
    const who = user(903, 'Reader 903');
    const [answer] = await h.exchange(
      message(privateChat(who), '/ping sport 123456789012345678', { from: who }),
      903,
    );
    expect(answer?.text).toContain('Role pings are a Discord feature');
  });
});
