/**
 * Telegram delivery against a local fake Bot API that enforces Telegram's flood limits (30
 * messages/s overall, 1/s per chat, 20/min per group) and answers 429 when they are crossed:
 * 1. time to deliver one digest to 1,000 chats, against the floor those limits set;
 * 2. round trip of /digest for 50 chats at once (command in, last digest message out).
 * `npm run bench -- telegram`; `--chats N` and `--concurrent N` change the sizes.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config/load.js';
import type { Store } from '../src/store/store.js';
import { telegramLimits } from '../src/platforms/telegram/flood-limiter.js';
import { startFakeTelegram } from '../test/fakes/telegram-server.js';
import { message, privateChat, user } from '../test/fakes/telegram-updates.js';
import { plainStories, seedTelegramStories } from '../test/e2e/telegram-seed.js';
import { benchApp } from './lib/bench-app.js';

const { values } = parseArgs({
  options: { chats: { type: 'string', default: '1000' }, concurrent: { type: 'string', default: '50' } },
});
const CHATS = Number(values.chats);
const CONCURRENT = Number(values.concurrent);
const GROUP_SHARE = 0.2;

const fake = await startFakeTelegram();
fake.limits = telegramLimits;
const loaded = loadConfig({
  configDir: path.resolve(import.meta.dirname, '../config'),
  env: { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, GAZETTE_LOG_LEVEL: 'silent' },
});
if (!loaded.ok) throw new Error(loaded.error);
const { app, store } = benchApp(loaded.value);

/** Makes `chatIds` follow one feed of five fresh stories, with a digest due now when `due`. */
async function follow(target: Store, chatIds: readonly string[], due: boolean): Promise<void> {
  const now = Date.now();
  const next = due ? now - 1 : now + 86_400_000;
  const seeded = await seedTelegramStories(target, chatIds[0] ?? 'none', plainStories(5), now);
  const feedId = (await target.subscriptions.feeds(seeded.id))[0]?.feed.id;
  if (feedId === undefined) throw new Error('seeding failed');
  for (const chatId of chatIds) {
    const sub = await target.subscriptions.ensure(
      {
        platform: 'telegram',
        chatId,
        threadId: '',
        schedule: '0 8 * * *',
        timezone: 'UTC',
        nextDigestAt: next,
      },
      now,
    );
    await target.subscriptions.addFeed(sub.id, feedId, 0, now);
    await target.subscriptions.setNextDigestAt(sub.id, next);
  }
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

// 1. One digest to many chats.
const groups = Math.round(CHATS * GROUP_SHARE);
const chatIds = Array.from({ length: CHATS }, (_, i) =>
  i < groups ? String(-1_000_000_000_000 - i) : String(10_000 + i),
);
await follow(store, chatIds, true);
const started = performance.now();
let rounds = 0;
while (fake.sent.length < CHATS && rounds++ < 50) await app.deliverDue();
const elapsed = performance.now() - started;
const sends = fake.sent.map((m) => m.at);
const span = Math.max(...sends) - Math.min(...sends);
const floor = ((fake.sent.length - 1) / telegramLimits.perSecond) * 1000;
console.log(
  `digest to ${CHATS} chats (${CHATS - groups} private, ${groups} groups), fake enforcing ` +
    `${telegramLimits.perSecond}/s overall, 1/s per chat, ${telegramLimits.groupPerMinute}/min per group`,
);
console.log(`  messages sent:     ${fake.sent.length} (${fake.sent.length / CHATS} per chat)`);
console.log(`  total time:        ${seconds(elapsed)} (compose and deliver)`);
console.log(`  first to last:     ${seconds(span)}`);
console.log(`  floor:             ${seconds(floor)} ((messages − 1) / ${telegramLimits.perSecond} per s)`);
console.log(
  `  ratio to floor:    ${(elapsed / floor).toFixed(3)}x total, ${(span / floor).toFixed(3)}x sending`,
);
console.log(`  429s from the fake: ${fake.tooMany}`);

// 2. /digest round trips for chats asking at once, with polling running.
const platform = app.platforms.get('telegram');
await platform?.start();
await new Promise((resolve) => setTimeout(resolve, 1_100)); // let the last per-chat windows close
const people = Array.from({ length: CONCURRENT }, (_, i) => user(900_000 + i, `Reader${i}`));
await follow(
  store,
  people.map((p) => String(p.id)),
  false,
);
const before = fake.sent.length;
const tooManyBefore = fake.tooMany;
const asked = new Map<string, number>();
for (const person of people) {
  asked.set(String(person.id), performance.now());
  fake.push(message(privateChat(person), '/digest', { from: person }));
}
await fake.waitFor(() => people.every((p) => fake.sentTo(p.id).length > 0), 60_000);
const trips = people
  .map((p) => (fake.sentTo(p.id).at(-1)?.at ?? 0) - (asked.get(String(p.id)) ?? 0))
  .sort((a, b) => a - b);
const pick = (q: number): number => trips[Math.min(trips.length - 1, Math.ceil(q * trips.length) - 1)] ?? NaN;
console.log(
  `\n/digest round trip, ${CONCURRENT} private chats at once (${fake.sent.length - before} messages)`,
);
console.log(`  p50 ${seconds(pick(0.5))}, p99 ${seconds(pick(0.99))}, max ${seconds(trips.at(-1) ?? NaN)}`);
console.log(
  `  floor for the last chat: ${seconds(((CONCURRENT - 1) / telegramLimits.perSecond) * 1000)}; ` +
    `429s: ${fake.tooMany - tooManyBefore}`,
);

await app.stop();
await fake.close();
