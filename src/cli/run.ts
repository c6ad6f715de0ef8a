import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { FAILED, MISUSED, fail, findUp } from './exit.js';
import { commands } from '../../commands/index.js';
import { createApp, type App, type AppIO } from '../app.js';
import { helpOf, subcommands, usage, type Invocation } from './args.js';
import { durationProblem, parseDuration } from './duration.js';
import { createLogger } from './logger.js';
import { oneShotDigest } from './one-shot.js';
import { runStart } from './start.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { systemClock } from '../core/clock.js';
import { CannotStartError, UserError } from '../core/errors.js';
import { MAX_FEED_ITEMS } from '../ingest/normalize.js';
import { consoleChat } from '../platforms/console/console-platform.js';
import { startSampleServer } from '../demo/sample-server.js';
import { createSqliteStore } from '../store/sqlite/sqlite-store.js';
import { StoreUnavailableError } from '../store/store.js';

const configDir = path.join(findUp(path.join('config', 'default.yaml')), 'config');

function readConfig(): Config {
  const loaded = loadConfig({ configDir, env: process.env });
  if (!loaded.ok) fail(loaded.error);
  return loaded.value;
}

function io(config: Config, overrides: Partial<AppIO> = {}): AppIO {
  return {
    output: process.stdout,
    input: null,
    // Logs go to stderr so that stdout carries only digests and replies.
    log: createLogger(config, { stream: process.stderr }),
    clock: systemClock,
    random: Math.random,
    ...overrides,
  };
}

/**
 * A configuration for work that should leave no trace: every item a feed lists counts (none is
 * held back as history), and nothing is kept.
 */
function oneShotConfig(config: Config): Config {
  return {
    ...config,
    digest: { ...config.digest, newFeedItems: MAX_FEED_ITEMS },
    logLevel: config.logLevel ?? 'warn',
  };
}

async function runOneShot(config: Config, refs: readonly string[], sinceMs: number): Promise<void> {
  const settings = oneShotConfig(config);
  const app = createApp(settings, io(settings, { store: createSqliteStore({ path: ':memory:' }) }));
  await app.platforms.get('console')?.start();
  const result = await oneShotDigest(app, refs, sinceMs, process.stderr, systemClock.now());
  for (const failure of result.failed) process.stderr.write(`✗ ${failure.ref}: ${failure.reason}\n`);
  if (result.fetched === 0) process.stderr.write('No feed could be fetched.\n');
  else if (result.stories === 0) process.stdout.write('No stories in that window.\n');
  await app.stop();
  if (result.fetched === 0) process.exitCode = FAILED;
}

async function withApp(config: Config, work: (app: App) => Promise<void>): Promise<void> {
  const app = createApp(config, io(config));
  try {
    await work(app);
  } finally {
    await app.stop();
  }
}

function since(values: Readonly<Record<string, unknown>>): number {
  const text = typeof values.since === 'string' ? values.since : '24h';
  const ms = parseDuration(text);
  if (ms !== null) return ms;
  const quoted = `"${text.slice(0, 40)}"`;
  switch (durationProblem(text)) {
    case 'negative':
      return fail(`--since counts back from now: write it without a minus sign, not ${quoted}.`, MISUSED);
    case 'too long':
      return fail(`--since reaches back ten years at most (3650d), not ${quoted}.`, MISUSED);
    default:
      return fail(`--since takes a duration such as 24h, 90m, 1h30m or 2 days, not ${quoted}.`, MISUSED);
  }
}

async function importFile(file: string): Promise<void> {
  const text = await readFile(file, 'utf8').catch(() => fail(`Cannot read ${file}.`));
  await withApp(readConfig(), async (app) => {
    const outcome = await app.services.importOpml(consoleChat, text, Date.now());
    const { added, already, failed, unreachable, leftOut } = outcome;
    const counts = [
      `Imported ${added.length}`,
      `already followed ${already.length}`,
      `failed ${failed.length}`,
    ];
    if (unreachable.length > 0) counts.push(`unreachable for now ${unreachable.length}`);
    if (leftOut.count > 0) counts.push(`left out ${leftOut.count}`);
    process.stdout.write(`${counts.join(', ')}.\n`);
    for (const failure of failed) process.stdout.write(`✗ ${failure.url}: ${failure.reason}\n`);
    for (const feed of unreachable)
      process.stdout.write(`… ${feed.url}: ${feed.reason} (followed; retried)\n`);
    if (leftOut.count > 0)
      process.stdout.write(`Left out ${leftOut.count} (${leftOut.names.join(', ')}…): ${leftOut.reason}\n`);
    if (added.length - unreachable.length <= 0 && already.length === 0) process.exitCode = FAILED;
  });
}

/** Runs a subcommand that the command line named correctly. */
export async function run(invocation: Extract<Invocation, { kind: 'run' }>): Promise<void> {
  const { command, values, positionals } = invocation;
  switch (command.name) {
    case 'start':
      return runStart(readConfig());
    case 'digest':
      return runOneShot(readConfig(), positionals, since(values));
    case 'demo': {
      const window = since(values);
      const server = await startSampleServer(Date.now());
      try {
        const config = readConfig();
        await runOneShot(
          { ...config, fetch: { ...config.fetch, allowPrivateNetworks: 'loopback' } },
          server.urls,
          window,
        );
      } finally {
        await server.close();
      }
      return;
    }
    case 'import':
      return importFile(positionals[0] ?? '');
    case 'deploy-commands': {
      const config = readConfig();
      // Loaded here: discord.js takes a second to load, which no other command should pay.
      const { deployCommands } = await import('../platforms/discord/register-commands.js');
      const done = await deployCommands({ ...config.discord, dataDir: config.dataDir }, commands);
      process.stdout.write(`Registered ${done.count} Discord commands ${done.where}.\n`);
      return;
    }
    case 'export':
      return withApp(readConfig(), async (app) => {
        process.stdout.write(await app.services.exportOpml(consoleChat));
      });
    case 'condense':
    case 'extract':
    case 'cluster':
      {
        // Only these commands need the summariser and the clusterer loaded up front.
        const { runEvalCommand } = await import('./eval-commands.js');
        process.stderr.write(`${runEvalCommand(command.name, values, readConfig())}\n`);
      }
      return;
    case 'help': {
      const named = subcommands.find((s) => s.name === positionals[0]);
      if (positionals[0] !== undefined && !named)
        fail(`gazette help: unknown command "${positionals[0].slice(0, 40)}" (see gazette --help)`, MISUSED);
      process.stdout.write(`${named ? helpOf(named) : usage}\n`);
      return;
    }
  }
}

/** One line for a failure that ends the process: a user's mistake, a store that cannot open, or a bug. */
export function describeFailure(error: unknown): string {
  if (error instanceof UserError) return `❌ ${error.message}`;
  if (error instanceof StoreUnavailableError || error instanceof CannotStartError)
    return `Gazette cannot start: ${error.message}`;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
