import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rssFeed, type FeedServer } from '../helpers/feed-server.js';
import type { SentMessage } from '../fakes/telegram-fake-state.js';
import { callback, documentMessage, message, privateChat, user } from '../fakes/telegram-updates.js';
import { startWorldFeed } from './telegram-feeds.js';
import { commandsByScope, startTelegramHarness, type TelegramHarness } from './telegram-harness.js';

const T0 = Date.UTC(2026, 10, 28, 6, 0);
const alice = user(501, 'Alice');
const chat = privateChat(alice);
// Long enough that the key carries a hash of the URL, not the URL itself.
const longPath = `/feeds/${'science-'.repeat(5)}.xml`;
let feeds: FeedServer;
let h: TelegramHarness;

const say = async (text: string, count = 1): Promise<SentMessage[]> =>
  h.exchange(message(chat, text, { from: alice }), chat.id, count);
const sayText = async (text: string): Promise<string> => (await say(text))[0]?.text ?? '';
const keys = (sent: SentMessage | undefined): { text: string; callback_data: string }[] =>
  sent?.keyboard.flat() ?? [];

beforeAll(async () => {
  feeds = await startWorldFeed(T0);
  feeds.route(longPath, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
      rssFeed('Science Weekly', [
        {
          id: 's1',
          title: 'Telescope sees distant galaxy',
          body: 'A telescope saw a galaxy.',
          date: new Date(T0 - 3_600_000),
        },
      ]),
    );
  });
  h = await startTelegramHarness({ start: T0, tuning: { importMaxBytes: 16 * 1024 } });
});

afterAll(async () => {
  await h.stop();
  await feeds.close();
});

describe('telegram commands in a private chat', () => {
  it('registers reading commands for everyone and all commands for admins and private chats', () => {
    const byScope = commandsByScope(h.fake);
    expect(byScope.get('default')).toEqual(['catalog', 'feeds', 'digest', 'topics', 'export', 'help']);
    expect(byScope.get('all_group_chats')).toEqual(byScope.get('default'));
    expect(byScope.get('all_private_chats')).toEqual(expect.arrayContaining(['images', 'ping']));
    expect(byScope.get('all_private_chats')).toHaveLength(18);
    expect(byScope.get('all_chat_administrators')).toHaveLength(18);
  });

  it('answers /help, ignores commands for other bots, and names unknown ones', async () => {
    h.fake.push(message(chat, '/help@other_bot', { from: alice }));
    const [help] = await say('/help@gazette_bot');
    expect(help?.text).toContain('<code>/subscribe [feed]</code> — Follow a feed');
    expect(help?.parseMode).toBe('HTML');
    expect(await sayText('/frobnicate')).toContain('Unknown command /frobnicate');
  });

  it('gives a usage line and offers choices when an argument is missing or wrong', async () => {
    // Without an argument, /subscribe lists the catalog with a key per topic.
    const [catalog] = await say('/subscribe');
    expect(catalog?.text).toContain('• <code>bbc-world</code>: BBC News — World');
    expect(keys(catalog).map((k) => k.callback_data)).toContain('v:subscribe:world');
    const [missing] = await say('/unsubscribe');
    expect(missing?.text).toContain('❌ Missing feed.\nUsage: <code>/unsubscribe &lt;feed&gt;</code>');
    expect(await sayText('/subscribe ftp://example.org/feed')).toContain('is not a feed address');
    expect(await sayText(`/subscribe ${feeds.base}/page.html`)).toMatch(/^❌/);
    expect(await sayText('/feeds')).toContain('follows no feeds yet');
  });

  it('subscribes with a preview, lists feeds and topics, mutes, unmutes and schedules', async () => {
    const subscribed = await sayText(`/subscribe ${feeds.base}/world.xml`);
    expect(subscribed).toContain('Now following <b>Example World News</b> (127.0.0.1).');
    expect(subscribed).toContain('• Port blast kills dozens in capital');
    expect(await sayText('/feeds')).toMatch(
      /<a href="http:\/\/127\.0\.0\.1:\d+\/world\.xml">Example World News<\/a>/,
    );
    expect(await sayText('/topics')).toContain('⚽ <b>Sport</b>\n');
    const [mute] = await say('/mute');
    expect(keys(mute).map((k) => k.callback_data)).toContain('v:mute:sport');
    expect(await sayText('/mute sport')).toBe('Muted <b>Sport</b>. Use /unmute to undo.');
    expect(await sayText('/unmute sport')).toBe('Unmuted <b>Sport</b>.');
    expect(await sayText('/schedule whenever')).toMatch(
      /^❌[\s\S]*Usage: <code>\/schedule &lt;when&gt; \[timezone\]<\/code>/,
    );
    const schedule = await sayText('/schedule daily-07:30 Europe/Berlin');
    expect(schedule).toContain('Digests <b>daily at 07:30</b> (Europe/Berlin).');
  });

  it('posts a digest for /digest with mute keys, and a key press mutes', async () => {
    await h.app.pollOnce();
    const [digest] = await say('/digest');
    expect(digest?.text).toMatch(/^<b>Morning digest<\/b> · Sat 28 Nov · 3 stories from 1 feed/);
    expect(digest?.text).toContain(
      '<b><a href="https://example.org/w1">Port blast kills dozens in capital</a></b>',
    );
    expect(digest?.previewDisabled).toBe(true);
    const muteWorld = keys(digest).find((k) => k.text === 'Mute World');
    expect(muteWorld).toBeDefined();
    const [said] = await h.exchange(
      callback(chat, alice, muteWorld?.callback_data ?? '', digest?.messageId ?? 0),
      chat.id,
    );
    expect(said?.text).toBe('Muted <b>World</b>. Use /unmute to undo.');
    expect(h.fake.answers.at(-1)).toMatchObject({
      text: 'Muted World. Use /unmute to undo.',
      showAlert: false,
    });
    const [more] = await h.exchange(callback(chat, alice, 'k:mute', digest?.messageId ?? 0), chat.id);
    expect(more?.text).toBe('Choose what to /mute:');
    expect(keys(more).map((k) => k.callback_data)).toContain('v:mute:science');
    expect(await sayText('/digest')).toContain('No new stories since the last digest.');
    expect(await sayText('/digest nonsense-topic')).toContain('Unknown topic');
  });

  it('exports an OPML document and imports one it replies to', async () => {
    const [exported] = await say('/export');
    expect(exported?.method).toBe('sendDocument');
    expect(exported?.document?.filename).toBe('gazette-feeds.opml');
    expect(exported?.document?.content).toContain(`xmlUrl="${feeds.base}/world.xml"`);
    expect(exported?.text).toBe('Feeds of this chat, as OPML.');

    expect(await sayText('/import')).toContain('Reply to an OPML file with /import');
    const opml = `<?xml version="1.0"?><opml version="2.0"><body><outline type="rss" text="Science" xmlUrl="${feeds.base}${longPath}"/></body></opml>`;
    const file = documentMessage(chat, alice, h.fake.addFile('more.opml', opml));
    const [imported] = await h.exchange(message(chat, '/import', { from: alice, replyTo: file }), chat.id);
    expect(imported?.text).toContain('<b>Imported 1 feed</b> from more.opml.');
    const big = h.fake.addFile('huge.opml', `<opml>${' '.repeat(20 * 1024)}</opml>`);
    const [refused] = await h.exchange(message(chat, '/import', { from: alice, document: big }), chat.id);
    expect(refused?.text).toContain('huge.opml is 21 KiB; /import reads files up to 16 KiB.');
  });

  it('offers followed feeds for /unsubscribe, hashing values too long for a key', async () => {
    const [offer] = await say('/unsubscribe');
    const science = keys(offer).find((k) => k.text === 'Science Weekly');
    expect(science?.callback_data).toMatch(/^h:unsubscribe:/);
    const [done] = await h.exchange(
      callback(chat, alice, science?.callback_data ?? '', offer?.messageId ?? 0),
      chat.id,
    );
    expect(done?.text).toBe('No longer following Science Weekly.');
    expect(await sayText('/unsubscribe nothing-like-this')).toContain('does not follow');
  });
});
