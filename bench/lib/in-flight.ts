/**
 * Telegram parts per second the delivery loop reaches with `inFlight` parts under way, against
 * the fake Bot API answering after `latencyMs`, through the real telegraf and Telegram's pacing.
 */
import path from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { startFakeTelegram } from '../../test/fakes/telegram-server.js';
import { plainStories, seedTelegramStories } from '../../test/e2e/telegram-seed.js';
import { benchApp } from './bench-app.js';

/** Parts per second, first part to last, for one short digest to each of `chats` chats. */
export async function inFlightThroughput(
  inFlight: number,
  latencyMs: number,
  chats: number,
): Promise<number> {
  const fake = await startFakeTelegram();
  fake.latencyMs = latencyMs;
  const loaded = loadConfig({
    configDir: path.resolve(import.meta.dirname, '../../config'),
    env: { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, GAZETTE_LOG_LEVEL: 'silent' },
  });
  if (!loaded.ok) throw new Error(loaded.error);
  const config = { ...loaded.value, delivery: { ...loaded.value.delivery, telegramInFlight: inFlight } };
  const { app, store } = benchApp(config);
  const now = Date.now();
  for (let i = 0; i < chats; i++) {
    const sub = await seedTelegramStories(store, String(10_000 + i), plainStories(2), now);
    await store.subscriptions.setNextDigestAt(sub.id, now - 1);
  }
  for (let round = 0; round < 10 && fake.sent.length < chats; round++) await app.deliverDue();
  const times = fake.sent.map((m) => m.at);
  await app.stop();
  await fake.close();
  return ((times.length - 1) / (Math.max(...times) - Math.min(...times))) * 1000;
}
