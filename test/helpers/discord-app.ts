import { pino } from 'pino';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { createApp, type App } from '../../src/app.js';
import { createManualClock } from '../../src/core/clock.js';
import type { Config } from '../../src/config/schema.js';
import type { Platform } from '../../src/platforms/platform.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { BOT } from '../fakes/discord-payloads.js';
import type { FakeDiscord } from '../fakes/discord-server.js';
import { testConfig } from './config.js';
import { silentLogger } from './logger.js';

/** A Gazette wired to the fake Discord, its Discord platform started. */
export interface DiscordHarness {
  readonly app: App;
  readonly platform: Platform;
  readonly clock: ReturnType<typeof createManualClock>;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/** What a harness may share with the one before it (a restart). */
export interface HarnessOptions {
  readonly start: number;
  readonly dataDir?: string;
  /** A file database survives a restart; the default is in memory. */
  readonly databaseFile?: string;
  readonly config?: Partial<Config>;
  readonly store?: Store;
}

/** The Discord section pointing at the fake, with the guild for instant registration. */
export function discordConfig(fake: FakeDiscord): Config['discord'] {
  return { token: BOT.token, applicationId: BOT.applicationId, guildId: fake.guild.id, apiUrl: fake.apiUrl };
}

/** Starts Gazette against the fake: real discord.js, real pipeline, in-memory or file SQLite. */
export async function startDiscordApp(fake: FakeDiscord, options: HarnessOptions): Promise<DiscordHarness> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'gazette-discord-'));
  const clock = createManualClock(options.start);
  const config = testConfig({ dataDir, discord: discordConfig(fake), ...options.config });
  const store = options.store ?? createSqliteStore({ path: options.databaseFile ?? ':memory:' });
  const app = createApp(config, {
    output: new PassThrough(),
    input: null,
    log: process.env.GAZETTE_TEST_LOG ? pino({ level: 'debug' }) : silentLogger(),
    clock,
    random: () => 0.5,
    store,
  });
  const platform = app.platforms.get('discord');
  if (!platform) throw new Error('discord platform not enabled');
  await platform.start();
  return {
    app,
    platform,
    clock,
    dataDir,
    // app.stop destroys the client before the caller closes the fake, as discord.js needs.
    stop: () => app.stop(),
  };
}

/** A database file in a fresh temporary directory. */
export function tempDatabase(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'gazette-db-')), 'gazette.db');
}
