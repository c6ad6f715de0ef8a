#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { pino, type Logger } from 'pino';
import { commands } from '../commands/index.js';
import { createApp, type App, type AppIO } from './app.js';
import { EVAL_USAGE, isEvalCommand, runEvalCommand } from './cli/eval-commands.js';
import { oneShotDigest, parseDuration } from './cli/one-shot.js';
import { loadConfig } from './config/load.js';
import type { Config } from './config/schema.js';
import { systemClock } from './core/clock.js';
import { UserError } from './core/errors.js';
import { consoleChat } from './platforms/console/console-platform.js';
import { startSampleServer } from './demo/sample-server.js';
import { createSqliteStore } from './store/sqlite/sqlite-store.js';
import { StoreUnavailableError } from './store/store.js';

const usage = `Usage: gazette <command> [options]

Commands:
  start                         run every platform whose token is set (the console when none is)
  digest <feed>... [--since 24h] fetch feeds (URL, catalog id or topic) once and print a digest
  import <file.opml>            follow every feed of an OPML file in the console chat
  export                        print the console chat's feeds as OPML
  demo                          serve sample feeds on 127.0.0.1 and print a digest of them
  deploy-commands               register the Discord slash commands now (in DISCORD_GUILD_ID if set)
${EVAL_USAGE}
  help                          show this text

Configuration: config/default.yaml, then the file named by GAZETTE_CONFIG, then the
environment (DISCORD_TOKEN, TELEGRAM_BOT_TOKEN, DATABASE_URL, GAZETTE_DATA_DIR, ...).`;

/** The repository's `config/`, found from this file whether it runs from `src/` or `dist/src/`. */
function findConfigDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(path.join(dir, 'config', 'default.yaml'))) return path.join(dir, 'config');
    dir = path.dirname(dir);
  }
  return path.resolve('config');
}

const configDir = findConfigDir();

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function readConfig(): Config {
  const loaded = loadConfig({ configDir, env: process.env });
  if (!loaded.ok) fail(loaded.error);
  return loaded.value;
}

function logger(config: Config): Logger {
  // Logs go to stderr so that stdout carries only digests and replies.
  return pino({ level: config.logLevel, base: null }, pino.destination(2));
}

function io(config: Config, overrides: Partial<AppIO> = {}): AppIO {
  return {
    output: process.stdout,
    input: null,
    log: logger(config),
    clock: systemClock,
    random: Math.random,
    ...overrides,
  };
}

/** A configuration for work that should leave no trace: every feed's items count, nothing is kept. */
function oneShotConfig(config: Config): Config {
  return {
    ...config,
    digest: { ...config.digest, newFeedItems: 50 },
    logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel,
  };
}

async function runOneShot(config: Config, refs: readonly string[], since: string): Promise<void> {
  const sinceMs = parseDuration(since);
  if (sinceMs === null) fail(`--since takes a duration such as 24h, 90m or 2d, not "${since}".`);
  const settings = oneShotConfig(config);
  const app = createApp(settings, io(settings, { store: createSqliteStore({ path: ':memory:' }) }));
  await app.platforms.get('console')?.start();
  const result = await oneShotDigest(app, refs, sinceMs, process.stderr);
  for (const failure of result.failed) process.stderr.write(`✗ ${failure.ref}: ${failure.reason}\n`);
  if (result.stories === 0) process.stdout.write('No stories in that window.\n');
  await app.stop();
  if (result.failed.length === result.feeds) process.exitCode = 1;
}

async function withApp(config: Config, work: (app: App) => Promise<void>): Promise<void> {
  const app = createApp(config, io(config));
  try {
    await work(app);
  } finally {
    await app.stop();
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const [command = 'help', ...rest] = argv;
  if (isEvalCommand(command)) {
    process.stderr.write(`${runEvalCommand(command, rest, readConfig())}\n`);
    return;
  }
  const { values, positionals } = parseArgs({
    args: [...rest],
    allowPositionals: true,
    options: { since: { type: 'string', default: '24h' } },
  });
  switch (command) {
    case 'start': {
      const config = readConfig();
      const app: App = createApp(config, {
        ...io(config, { input: process.stdin }),
        onFatal: (message) => {
          process.stderr.write(`Gazette stopped: ${message}\n`);
          // A supervisor restarts a process that exits non-zero; whatever stopping leaves undone
          // is picked up from the store by the next one.
          void app
            .stop()
            .catch(() => undefined)
            .finally(() => process.exit(1));
        },
      });
      const stop = (): void => {
        void app.stop().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await app.start().catch((error: unknown) => {
        // A platform that refuses the token at start: one line, not a stack trace.
        if (error instanceof StoreUnavailableError) throw error;
        fail(`Gazette cannot start: ${error instanceof Error ? error.message : String(error)}`);
      });
      process.stderr.write('Gazette is running. Type /help for commands; Ctrl+C stops.\n');
      return;
    }
    case 'digest':
      if (positionals.length === 0)
        fail('Name at least one feed: gazette digest <url | catalog id | topic>...');
      return runOneShot(readConfig(), positionals, values.since);
    case 'demo': {
      const server = await startSampleServer(Date.now());
      try {
        const config = readConfig();
        await runOneShot(
          { ...config, fetch: { ...config.fetch, allowPrivateNetworks: 'loopback' } },
          server.urls,
          values.since,
        );
      } finally {
        await server.close();
      }
      return;
    }
    case 'import': {
      const file = positionals[0];
      if (!file) fail('Usage: gazette import <file.opml>');
      const text = await readFile(file, 'utf8').catch(() => fail(`Cannot read ${file}.`));
      return withApp(readConfig(), async (app) => {
        const outcome = await app.services.importOpml(consoleChat, text, Date.now());
        process.stdout.write(
          `Imported ${outcome.added.length}, already followed ${outcome.already.length}, failed ${outcome.failed.length}.\n`,
        );
        for (const failure of outcome.failed) process.stdout.write(`✗ ${failure.url}: ${failure.reason}\n`);
      });
    }
    case 'deploy-commands': {
      const config = readConfig();
      // Loaded here: discord.js takes a second to load, which no other command should pay.
      const { deployCommands } = await import('./platforms/discord/register-commands.js');
      const done = await deployCommands({ ...config.discord, dataDir: config.dataDir }, commands);
      process.stdout.write(`Registered ${done.count} Discord commands ${done.where}.\n`);
      return;
    }
    case 'export':
      return withApp(readConfig(), async (app) => {
        process.stdout.write(await app.services.exportOpml(consoleChat));
      });
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${usage}\n`);
      return;
    default:
      fail(`Unknown command "${command}".\n\n${usage}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UserError) fail(`❌ ${error.message}`);
  if (error instanceof StoreUnavailableError) fail(`Gazette cannot start: ${error.message}`);
  fail(error instanceof Error ? (error.stack ?? error.message) : String(error));
});
