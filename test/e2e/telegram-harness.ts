import { PassThrough } from 'node:stream';
import { createApp, type App } from '../../src/app.js';
import { createManualClock, systemClock } from '../../src/core/clock.js';
import type { Config } from '../../src/config/schema.js';
import { platformFactories } from '../../src/platforms/registry.js';
import {
  createTelegramPlatform,
  type TelegramTuning,
} from '../../src/platforms/telegram/telegram-platform.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { testConfig } from '../helpers/config.js';
import { silentLogger } from '../helpers/logger.js';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-server.js';
import type { SentMessage } from '../fakes/telegram-fake-state.js';

/** A Gazette whose only platform is Telegram, talking to a fake Bot API through real telegraf. */
export interface TelegramHarness {
  readonly app: App;
  readonly fake: FakeTelegram;
  readonly clock: ReturnType<typeof createManualClock>;
  /** Pushes an update and waits until the bot sent `count` more messages to `chatId`. */
  exchange(
    update: Parameters<FakeTelegram['push']>[0],
    chatId: number,
    count?: number,
  ): Promise<SentMessage[]>;
  stop(): Promise<void>;
}

/** How a harness is built; every field has a default. */
export interface HarnessOptions {
  readonly start?: number;
  readonly fake?: FakeTelegram;
  /** SQLite file to use instead of memory (restarts). */
  readonly storePath?: string;
  readonly config?: Partial<Config>;
  readonly telegram?: Partial<Config['telegram']>;
  readonly tuning?: TelegramTuning;
  /** Whether to start the platform (long polling or webhook). */
  readonly startPlatform?: boolean;
  /** The wall clock instead of a manual one, for what the scheduler's timers must see pass. */
  readonly clock?: 'system';
  /** Hears why Gazette would stop (the command line exits non-zero with it). */
  readonly onFatal?: (message: string) => void;
  /** How long a command may take before the bot shows it typing; by default never. */
  readonly workingNoticeMs?: number;
}

/** Builds the app through `createApp`, with the Telegram factory given test tuning (no flood pacing). */
export async function startTelegramHarness(options: HarnessOptions = {}): Promise<TelegramHarness> {
  const fake = options.fake ?? (await startFakeTelegram());
  const clock = createManualClock(options.start ?? Date.UTC(2026, 10, 28, 6, 0));
  const base = testConfig(options.config);
  const config: Config = {
    ...base,
    telegram: { ...base.telegram, token: fake.token, apiRoot: fake.apiRoot, ...options.telegram },
  };
  const original = platformFactories.telegram;
  const tuning: TelegramTuning = { limits: null, callTimeoutMs: 5_000, ...options.tuning };
  platformFactories.telegram = (ctx) => createTelegramPlatform(ctx, tuning);
  let app: App;
  try {
    app = createApp(config, {
      output: new PassThrough(),
      input: null,
      log: silentLogger(),
      clock: options.clock === 'system' ? systemClock : clock,
      random: () => 0.5,
      store: createSqliteStore({ path: options.storePath ?? ':memory:' }),
      workingNoticeMs: options.workingNoticeMs ?? null,
      ...(options.onFatal === undefined ? {} : { onFatal: options.onFatal }),
    });
  } finally {
    if (original !== undefined) platformFactories.telegram = original;
  }
  const platform = app.platforms.get('telegram');
  if (!platform) throw new Error('telegram platform missing');
  if (options.startPlatform !== false) {
    const polls = fake.callsOf('getUpdates').length;
    await platform.start();
    if (config.telegram.webhook === null) await fake.waitFor(() => fake.callsOf('getUpdates').length > polls);
  }
  return {
    app,
    fake,
    clock,
    async exchange(update, chatId, count = 1) {
      const before = fake.sentTo(chatId).length;
      fake.push(update);
      await fake.waitFor(() => fake.sentTo(chatId).length >= before + count);
      return fake.sentTo(chatId).slice(before);
    },
    async stop() {
      await app.stop();
      if (!options.fake) await fake.close();
    },
  };
}

/** The command names the bot registered, by the scope it registered them for. */
export function commandsByScope(fake: FakeTelegram): Map<string, string[]> {
  const calls = fake
    .callsOf('setMyCommands')
    .map((c) => c.params as { scope: { type: string }; commands: { command: string }[] });
  return new Map(calls.map((c) => [c.scope.type, c.commands.map((x) => x.command)]));
}
