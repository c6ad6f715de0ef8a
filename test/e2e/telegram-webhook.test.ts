import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { message, privateChat, user } from '../fakes/telegram-updates.js';
import { startTelegramHarness, type TelegramHarness } from './telegram-harness.js';

const alice = user(701, 'Alice');
const chat = privateChat(alice);
const secret = 'correct-horse_battery-staple';
let h: TelegramHarness;
let endpoint: string;

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const post = (body: unknown, token: string | null): Promise<Response> =>
  fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token !== null ? { 'x-telegram-bot-api-secret-token': token } : {}),
    },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  const port = await freePort();
  endpoint = `http://127.0.0.1:${port}/telegram/hook`;
  h = await startTelegramHarness({
    telegram: {
      webhook: { url: 'https://bot.example.org/telegram/hook', secretToken: secret, port, host: '127.0.0.1' },
    },
  });
});

afterAll(async () => {
  await h.stop();
});

describe('telegram webhook mode', () => {
  it('registers the webhook with its secret instead of polling', () => {
    expect(h.fake.callsOf('getUpdates')).toHaveLength(0);
    expect(h.fake.callsOf('setWebhook')[0]?.params).toMatchObject({
      url: 'https://bot.example.org/telegram/hook',
      secret_token: secret,
      allowed_updates: ['message', 'channel_post', 'callback_query'],
    });
  });

  it('refuses a request without the secret token, or with a wrong one', async () => {
    const update = { update_id: 1, ...message(chat, '/help', { from: alice }) };
    expect((await post(update, null)).status).toBe(403);
    expect((await post(update, 'wrong-secret')).status).toBe(403);
    const sent = h.fake.sent.length;
    // An accepted request afterwards proves the refused ones were dropped, not queued.
    expect((await post({ update_id: 2, ...message(chat, '/topics', { from: alice }) }, secret)).status).toBe(
      200,
    );
    await h.fake.waitFor(() => h.fake.sent.length > sent);
    expect(h.fake.sent.slice(sent).map((m) => m.text.split('\n')[0])).toEqual(['<b>Topics</b>']);
  });
});
