import type { ChatMember } from 'telegraf/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedServer } from '../helpers/feed-server.js';
import {
  callback,
  channel,
  channelPost,
  group,
  groupAnonymousBot,
  message,
  migratedTo,
  privateChat,
  supergroup,
  user,
} from '../fakes/telegram-updates.js';
import { startWorldFeed } from './telegram-feeds.js';
import { startTelegramHarness, type TelegramHarness } from './telegram-harness.js';

const T0 = Date.UTC(2026, 10, 28, 6, 0);
const admin = user(601, 'Ada');
const member = user(602, 'Bob');
const room = supergroup(-1001500, 'News Room');
const forum = supergroup(-1001600, 'Forum', true);
const paper = channel(-1001700, 'The Paper', 'thepaper');
const elsewhere = channel(-1001800, 'Elsewhere', 'elsewhere');
const old = group(-4200, 'Old Group');
const rejoined = supergroup(-1001900, 'Rejoined');
let feeds: FeedServer;
let h: TelegramHarness;
let world: string;

const administrator = (id: number, extra: Partial<ChatMember> = {}): ChatMember =>
  ({
    status: 'administrator',
    user: { id, is_bot: false, first_name: 'A' },
    can_be_edited: false,
    is_anonymous: false,
    can_manage_chat: true,
    can_delete_messages: true,
    can_manage_video_chats: true,
    can_restrict_members: true,
    can_promote_members: false,
    can_change_info: true,
    can_invite_users: true,
    can_post_stories: false,
    can_edit_stories: false,
    can_delete_stories: false,
    ...extra,
  }) as ChatMember;

const subscriptionAt = (chatId: number, threadId = '') =>
  h.app.store.subscriptions.find({ platform: 'telegram', chatId: String(chatId), threadId });

beforeAll(async () => {
  feeds = await startWorldFeed(T0);
  world = `${feeds.base}/world.xml`;
  h = await startTelegramHarness({ start: T0 });
  for (const chat of [room, forum, paper, elsewhere, rejoined]) h.fake.addChat(chat);
  h.fake.setMember(room.id, admin.id, administrator(admin.id));
  h.fake.setMember(rejoined.id, admin.id, administrator(admin.id));
  h.fake.setMember(forum.id, admin.id, administrator(admin.id));
  h.fake.setMember(paper.id, admin.id, administrator(admin.id));
  h.fake.setMember(paper.id, h.fake.bot.id, administrator(h.fake.bot.id, { can_post_messages: true }));
  h.fake.setMember(elsewhere.id, admin.id, administrator(admin.id));
  h.fake.setMember(elsewhere.id, h.fake.bot.id, {
    status: 'left',
    user: { id: h.fake.bot.id, is_bot: true, first_name: 'G' },
  });
});

afterAll(async () => {
  await h.stop();
  await feeds.close();
});

describe('telegram commands in groups', () => {
  it('refuses settings commands to members, and lets them read', async () => {
    const [refused] = await h.exchange(message(room, `/subscribe ${world}`, { from: member }), room.id);
    expect(refused?.text).toBe("🔒 /subscribe changes this chat's settings: it needs a chat administrator.");
    expect(refused?.replyTo).not.toBeNull();
    expect(await subscriptionAt(room.id)).toBeNull();
    const [feedsReply] = await h.exchange(message(room, '/feeds', { from: member }), room.id);
    expect(feedsReply?.text).toContain('follows no feeds yet');
    const asked = h.fake.callsOf('getChatMember').map((c) => c.params.user_id);
    expect(asked).toEqual([member.id]);
  });

  it('lets an administrator and an anonymous administrator change settings', async () => {
    const [ok] = await h.exchange(message(room, `/subscribe ${world}`, { from: admin }), room.id);
    expect(ok?.text).toContain('Now following <b>Example World News</b>');
    const anonymous = message(room, '/mute sport', { from: groupAnonymousBot, senderChat: room });
    const [muted] = await h.exchange(anonymous, room.id);
    expect(muted?.text).toContain('Muted <b>Sport</b>');
  });

  it('resumes delivery to a chat the bot was removed from once an administrator changes a setting there', async () => {
    await h.exchange(message(rejoined, `/subscribe ${world}`, { from: admin }), rejoined.id);
    const kicked = await subscriptionAt(rejoined.id);
    await h.app.store.subscriptions.setPaused(kicked?.id ?? -1, 'Telegram 403: Forbidden: bot was kicked');
    // Reading changes nothing, and says how to resume.
    const [listing] = await h.exchange(message(rejoined, '/feeds', { from: member }), rejoined.id);
    expect(listing?.text).toContain('/digest or any settings command resumes it');
    expect((await subscriptionAt(rejoined.id))?.pausedReason).toContain('kicked');
    await h.exchange(message(rejoined, '/schedule hourly', { from: admin }), rejoined.id);
    expect((await subscriptionAt(rejoined.id))?.pausedReason).toBeNull();
  });

  it('checks the presser of a mute key, not the poster of the digest', async () => {
    await h.app.pollOnce();
    const [digest] = await h.exchange(message(room, '/digest', { from: member }), room.id);
    const key = digest?.keyboard.flat().find((k) => k.text === 'Mute World');
    h.fake.push(callback(room, member, key?.callback_data ?? '', digest?.messageId ?? 0));
    await h.fake.waitFor(() => h.fake.answers.length === 1);
    expect(h.fake.answers[0]).toMatchObject({ showAlert: true });
    expect(h.fake.answers[0]?.text).toContain('needs a chat administrator');
    const [said] = await h.exchange(
      callback(room, admin, key?.callback_data ?? '', digest?.messageId ?? 0),
      room.id,
    );
    expect(said?.text).toBe('Muted <b>World</b>. Use /unmute to undo.');
  });

  it('offers the choices of a settings command only to who may press them, and none of a command without', async () => {
    const before = h.fake.sentTo(room.id).length;
    const answered = h.fake.answers.length;
    h.fake.push(callback(room, member, 'k:mute', 1));
    await h.fake.waitFor(() => h.fake.answers.length === answered + 1);
    expect(h.fake.answers.at(-1)).toMatchObject({ showAlert: true });
    expect(h.fake.answers.at(-1)?.text).toContain('needs a chat administrator');
    h.fake.push(callback(room, admin, 'k:help', 1));
    await h.fake.waitFor(() => h.fake.answers.length === answered + 2);
    expect(h.fake.answers.at(-1)?.text).toContain('Nothing to choose from');
    expect(h.fake.sentTo(room.id)).toHaveLength(before);
    const [offered] = await h.exchange(callback(room, admin, 'k:mute', 1), room.id);
    expect(offered?.text).toBe('Choose what to /mute:');
  });

  it("ignores a channel's command that Telegram copied into its discussion group", async () => {
    const copied = message(room, '/digest@gazette_bot', {
      from: user(777000, 'Telegram'),
      senderChat: paper,
    });
    h.fake.push({ message: { ...copied.message, is_automatic_forward: true } });
    // The chat's updates are answered in order: the first answer after both is /help's.
    const [first] = await h.exchange(message(room, '/help', { from: member }), room.id);
    expect(first?.text).toContain('/subscribe');
  });

  it('answers in the forum topic and posts that topic’s digests there', async () => {
    const [empty] = await h.exchange(message(forum, '/feeds', { from: member, topic: 42 }), forum.id);
    expect(empty?.text).toContain(
      'This topic follows no feeds yet: each topic of a forum has feeds of its own.',
    );
    expect(empty?.threadId).toBe(42);
    const [ok] = await h.exchange(
      message(forum, `/subscribe ${world}`, { from: admin, topic: 42 }),
      forum.id,
    );
    expect(ok?.threadId).toBe(42);
    expect((await subscriptionAt(forum.id, '42'))?.threadId).toBe('42');
    expect(await subscriptionAt(forum.id)).toBeNull();
    await h.app.pollOnce();
    const [digest] = await h.exchange(message(forum, '/digest', { from: member, topic: 42 }), forum.id);
    expect(digest?.text).toContain('Port blast');
    expect(digest?.threadId).toBe(42);
  });

  it('takes commands posted in a channel', async () => {
    const [ok] = await h.exchange(channelPost(paper, `/subscribe ${world}`), paper.id);
    expect(ok?.text).toContain('Now following');
    await h.app.pollOnce();
    const [digest] = await h.exchange(channelPost(paper, '/digest'), paper.id);
    expect(digest?.text).toContain('Port blast');
    expect(await subscriptionAt(paper.id)).not.toBeNull();
    // A key pressed under the channel's digest answers the presser alone, not every subscriber.
    const key = digest?.keyboard.flat().find((k) => k.text.startsWith('Mute '));
    const answered = h.fake.answers.length;
    h.fake.push(callback(paper, admin, key?.callback_data ?? '', digest?.messageId ?? 0));
    await h.fake.waitFor(() => h.fake.answers.length === answered + 1);
    expect(h.fake.answers.at(-1)?.text).toContain('Muted');
    // The channel's updates are answered in order: the next message is /topics' answer.
    const [next] = await h.exchange(channelPost(paper, '/topics'), paper.id);
    expect(next?.text).toContain('<b>Topics</b>');
  });

  it('manages a channel from a private chat only for its administrators, where the bot can post', async () => {
    const chat = privateChat(admin);
    const [ok] = await h.exchange(message(chat, '/mute @thepaper politics', { from: admin }), chat.id);
    expect(ok?.text).toBe('📢 <b>The Paper</b>\nMuted <b>Politics</b>. Use /unmute to undo.');
    const [feedsReply] = await h.exchange(message(chat, `/feeds ${paper.id}`, { from: admin }), chat.id);
    expect(feedsReply?.text).toContain('Example World News');
    const outsider = privateChat(member);
    const [refused] = await h.exchange(
      message(outsider, '/mute @thepaper sport', { from: member }),
      outsider.id,
    );
    expect(refused?.text).toBe('🔒 Only an administrator of The Paper can manage its feeds.');
    const [cannot] = await h.exchange(
      message(chat, `/subscribe @elsewhere ${world}`, { from: admin }),
      chat.id,
    );
    expect(cannot?.text).toContain('I cannot post in Elsewhere');
    const [unknown] = await h.exchange(
      message(chat, `/subscribe @nowhere_at_all ${world}`, { from: admin }),
      chat.id,
    );
    expect(unknown?.text).toContain('I cannot find @nowhere_at_all');
    expect(await subscriptionAt(elsewhere.id)).toBeNull();
  });

  it('keeps subscriptions when a group becomes a supergroup', async () => {
    await h.exchange(
      message(old, `/subscribe ${world}`, { from: groupAnonymousBot, senderChat: old }),
      old.id,
    );
    h.fake.push(migratedTo(old, -1004200));
    await expectEventually(async () => (await subscriptionAt(-1004200)) !== null);
    expect(await subscriptionAt(old.id)).toBeNull();
  });
});

async function expectEventually(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition never held');
}
