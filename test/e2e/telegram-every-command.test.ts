import type { Chat, ChatMember } from 'telegraf/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedServer } from '../helpers/feed-server.js';
import type { SentMessage } from '../fakes/telegram-fake-state.js';
import {
  channel,
  channelPost,
  documentMessage,
  group,
  message,
  supergroup,
  user,
  type NewUpdate,
} from '../fakes/telegram-updates.js';
import { startWorldFeed } from './telegram-feeds.js';
import { startTelegramHarness, type TelegramHarness } from './telegram-harness.js';

const T0 = Date.UTC(2026, 10, 28, 6, 0);
const admin = user(801, 'Ada');
let feeds: FeedServer;
let h: TelegramHarness;

interface Place {
  readonly name: string;
  readonly chat: Chat;
  readonly topic?: number;
}

const places: Place[] = [
  { name: 'a group', chat: group(-5100, 'Plain Group') },
  { name: 'a supergroup', chat: supergroup(-1005200, 'Super Group') },
  { name: 'a forum topic', chat: supergroup(-1005300, 'Forum', true), topic: 7 },
  { name: 'a channel', chat: channel(-1005400, 'Channel', 'everycmd') },
];

/** A command typed in a place: a channel post in a channel, a message from an admin elsewhere. */
function typed(
  place: Place,
  text: string,
  replyTo?: SentMessage | ReturnType<typeof documentMessage>,
): NewUpdate {
  const extra = replyTo !== undefined && 'chat' in replyTo ? { replyTo } : {};
  if (place.chat.type === 'channel') return channelPost(place.chat, text, extra);
  return message(place.chat, text, {
    from: admin,
    ...(place.topic !== undefined ? { topic: place.topic } : {}),
    ...extra,
  });
}

beforeAll(async () => {
  feeds = await startWorldFeed(T0);
  h = await startTelegramHarness({ start: T0 });
  const member = {
    status: 'administrator',
    user: { id: admin.id, is_bot: false, first_name: 'Ada' },
  } as ChatMember;
  for (const place of places) h.fake.setMember(place.chat.id, admin.id, member);
});

afterAll(async () => {
  await h.stop();
  await feeds.close();
});

describe.each(places)('every command in $name', (place) => {
  const run = async (text: string, replyTo?: ReturnType<typeof documentMessage>): Promise<SentMessage> => {
    const [answer] = await h.exchange(typed(place, text, replyTo), place.chat.id);
    if (!answer) throw new Error(`no answer to ${text}`);
    expect(answer.threadId).toBe(place.topic ?? null);
    expect(answer.replyTo).not.toBeNull();
    return answer;
  };

  it('answers each one where it was typed', async () => {
    const world = `${feeds.base}/world.xml`;
    expect((await run('/help')).text).toContain('/subscribe');
    // What Telegram sends when the bot is opened or added by link.
    expect((await run('/start')).text).toContain('/subscribe');
    expect((await run('/start@gazette_bot from-link')).text).toContain('/subscribe');
    expect((await run(`/subscribe ${world}`)).text).toContain('Now following <b>Example World News</b>');
    expect((await run('/feeds')).text).toContain('Example World News</a> (127.0.0.1)');
    expect((await run('/topics')).text).toContain('<b>Topics</b>');
    expect((await run('/mute sport')).text).toContain('Muted <b>Sport</b>');
    expect((await run('/unmute sport')).text).toContain('Unmuted <b>Sport</b>');
    expect((await run('/schedule hourly')).text).toContain('Digests <b>');
    await h.app.pollOnce();
    const [digest] = await h.exchange(typed(place, '/digest'), place.chat.id);
    expect(digest?.text).toContain('Port blast kills dozens in capital');
    expect(digest?.threadId).toBe(place.topic ?? null);
    const exported = await run('/export');
    expect(exported.document?.content).toContain(world);
    const file = documentMessage(
      place.chat,
      admin,
      h.fake.addFile('feeds.opml', exported.document?.content ?? ''),
    );
    expect((await run('/import', file)).text).toContain('Already followed: 1.');
    expect((await run(`/unsubscribe ${world}`)).text).toBe('No longer following Example World News.');
  });
});
