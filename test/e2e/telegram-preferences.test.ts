import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rssFeed, type FeedServer } from '../helpers/feed-server.js';
import type { SentMessage } from '../fakes/telegram-fake-state.js';
import { callback, message, privateChat, user } from '../fakes/telegram-updates.js';
import { startWorldFeed } from './telegram-feeds.js';
import { commandsByScope, startTelegramHarness, type TelegramHarness } from './telegram-harness.js';

const T0 = Date.UTC(2026, 10, 28, 6, 0);
const HOUR = 3_600_000;
const alice = user(511, 'Alice');
const chat = privateChat(alice);
let feeds: FeedServer;
let h: TelegramHarness;

const say = async (text: string, count = 1): Promise<SentMessage[]> =>
  h.exchange(message(chat, text, { from: alice }), chat.id, count);
const sayText = async (text: string): Promise<string> => (await say(text))[0]?.text ?? '';
const keys = (sent: SentMessage | undefined): { text: string; callback_data: string }[] =>
  sent?.keyboard.flat() ?? [];

/** Subscribing reads the feed and condenses it meanwhile, which a busy machine makes slow. */
async function subscribe(url: string): Promise<void> {
  const before = h.fake.sentTo(chat.id).length;
  h.fake.push(message(chat, `/subscribe ${url}`, { from: alice }));
  await h.fake.waitFor(() => h.fake.sentTo(chat.id).length > before, 30_000);
}

beforeAll(async () => {
  feeds = await startWorldFeed(T0);
  feeds.route('/markets.xml', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
      rssFeed('Example Markets', [
        {
          id: 'm1',
          title: 'Bitcoin climbs past a record as funds buy',
          body: 'Bitcoin rose past its record on Friday as funds kept buying, traders said. The rally added to gains.',
          date: new Date(T0 - HOUR),
          category: 'Business',
        },
      ]),
    );
  });
  h = await startTelegramHarness({ start: T0 });
});

afterAll(async () => {
  await h.stop();
  await feeds.close();
});

describe('telegram: /filter, /mute for a while, /rename, /pause and /resume through telegraf', () => {
  it('registers the new commands in the menu', () => {
    const all = commandsByScope(h.fake).get('all_private_chats');
    expect(all).toEqual(expect.arrayContaining(['filter', 'rename', 'pause', 'resume']));
  });

  it('refuses bad input and changes nothing', async () => {
    expect(await sayText('/pause bbc-world')).toContain('follows no feeds yet');
    await subscribe(`${feeds.base}/world.xml`);
    await subscribe(`${feeds.base}/markets.xml`);
    expect(await sayText(`/filter add ${'y'.repeat(10_240)}`)).toContain(
      'term is too long (at most 202 characters)',
    );
    expect(await sayText('/filter add /(a)\\1/')).toContain('That pattern cannot be used');
    expect(await sayText('/filter add /(?<=a)b/')).toContain('without backreferences or lookaround');
    expect(await sayText('/filter add storm nowhere')).toContain('This chat does not follow "nowhere"');
    expect(await sayText('/pause nowhere')).toContain('does not follow');
    expect(await sayText('/resume nowhere')).toContain('does not follow');
    expect(await sayText('/mute sport 7x')).toContain('"7x" is not a duration');
    expect(await sayText('/mute sport 9000h')).toContain('a year at most');
    expect(await sayText('/filter list')).toContain('no filters');
    expect(await sayText('/topics')).not.toContain('🔇');
  });

  it('offers followed feeds as keys for /pause, and only paused ones for /resume', async () => {
    const [offer] = await say('/pause');
    expect(
      keys(offer)
        .map((k) => k.text)
        .sort(),
    ).toEqual(['Example Markets', 'Example World News']);
    const markets = keys(offer).find((k) => k.text === 'Example Markets');
    const [paused] = await h.exchange(
      callback(chat, alice, markets?.callback_data ?? '', offer?.messageId ?? 0),
      chat.id,
    );
    expect(paused?.text).toContain('Paused <b>Example Markets</b>');
    const [resumeOffer] = await say('/resume');
    expect(keys(resumeOffer).map((k) => k.text)).toEqual(['Example Markets']);
    expect(await sayText('/feeds')).toContain('⏸ paused in this chat');
    const [renameOffer] = await say('/rename');
    const world = keys(renameOffer).find((k) => k.text === 'Example World News');
    const [prompt] = await h.exchange(
      callback(chat, alice, world?.callback_data ?? '', renameOffer?.messageId ?? 0),
      chat.id,
    );
    expect(prompt?.text).toContain(
      `<b>Example World News</b> keeps its name. To change it, send <code>/rename ${feeds.base}/world.xml &lt;new name&gt;</code>.`,
    );
  });

  it('posts a digest with the filter, the expiring mute and the renamed feed, saying what it left out', async () => {
    expect(await sayText(`/rename ${feeds.base}/world.xml World Desk`)).toContain(
      '<b>Example World News</b> is now called <b>World Desk</b> in this chat.',
    );
    expect(await sayText('/filter add storm')).toContain('Only stories that mention <code>storm</code>');
    expect(await sayText('/mute sport 7d')).toMatch(/Muted <b>Sport<\/b> until <b>Sat 5 Dec/);
    const [digest] = await say('/digest');
    expect(digest?.text).toContain('Storm leaves a million without power');
    expect(digest?.text).toContain('>World Desk</a>');
    expect(digest?.text).not.toContain('Port blast');
    expect(digest?.text).not.toContain('Bitcoin');
    expect(digest?.text).toContain('<i>Left out: 1 Sport story muted · 1 not matching your filters</i>');
  });
});
