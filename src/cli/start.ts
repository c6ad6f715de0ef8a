import type { Logger } from 'pino';
import { createApp, type App } from '../app.js';
import type { Config } from '../config/schema.js';
import { systemClock } from '../core/clock.js';
import { formatSlot } from '../core/time-format.js';
import { consoleChat } from '../platforms/console/console-platform.js';
import { createPromptLine, type PromptLine } from '../platforms/console/prompt.js';
import { createLogger, isReadableLog } from './logger.js';

/** A stop that has not finished by then is cut short, so an orchestrator's 5 s grace always suffices. */
const STOP_DEADLINE_MS = 4_000;

async function runningLine(app: App): Promise<string> {
  if (!app.platforms.has('console')) {
    return `Gazette is running on ${[...app.platforms.keys()].join(' and ')}. Ctrl+C stops it.`;
  }
  const { feeds, subscription } = await app.services.feeds(consoleChat, Date.now());
  const [next] = subscription === null ? [] : app.services.nextDigests(subscription, 1);
  const when =
    next === undefined || subscription === null
      ? ''
      : `; next digest ${formatSlot(next, subscription.timezone)}`;
  return `Gazette is running with ${feeds.length} feed${feeds.length === 1 ? '' : 's'}${when}. Type /help for commands; Ctrl+C stops it.`;
}

function say(prompt: PromptLine | undefined, line: string): void {
  if (prompt) prompt.print(process.stderr, `${line}\n`);
  else process.stderr.write(`${line}\n`);
}

/**
 * `gazette start`: runs every configured platform (the console when none is) until SIGINT or
 * SIGTERM, then stops within a few seconds, also as PID 1 in a container.
 */
export async function runStart(config: Config): Promise<void> {
  let app: App | null = null;
  let log: Logger | null = null;
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log?.info({ signal }, 'stopping');
    setTimeout(() => {
      log?.warn({ deadlineMs: STOP_DEADLINE_MS }, 'stopping took too long; exiting now');
      process.exit(0);
    }, STOP_DEADLINE_MS).unref();
    void (app?.stop() ?? Promise.resolve()).then(
      () => process.exit(0),
      (error: unknown) => {
        log?.error({ err: error }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  // As PID 1 a process gets no default signal handling: these are the only way it stops.
  process.once('SIGINT', () => {
    stop('SIGINT');
  });
  process.once('SIGTERM', () => {
    stop('SIGTERM');
  });
  const prompt = process.stdin.isTTY
    ? createPromptLine(() => {
        stop('SIGINT');
      })
    : undefined;
  log = createLogger(config, { stream: process.stderr, ...(prompt ? { prompt } : {}) });
  app = createApp(config, {
    output: process.stdout,
    input: process.stdin,
    log,
    clock: systemClock,
    random: Math.random,
    ...(prompt ? { prompt } : {}),
    // Gazette cannot go on (a refused token, a database deleted under it): one line, then a
    // non-zero exit so that a supervisor restarts it; the store holds what is left undone.
    onFatal: (message) => {
      say(prompt, `Gazette stopped: ${message}`);
      if (stopping) return;
      stopping = true;
      void (app?.stop() ?? Promise.resolve()).catch(() => undefined).finally(() => process.exit(1));
    },
  });
  await app.start();
  const line = await runningLine(app);
  if (isReadableLog(config, { stream: process.stderr })) say(prompt, line);
  else log.info({ platforms: [...app.platforms.keys()] }, line);
}
