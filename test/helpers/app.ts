import { PassThrough } from 'node:stream';
import { createApp, type App } from '../../src/app.js';
import { createManualClock } from '../../src/core/clock.js';
import type { Config } from '../../src/config/schema.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { testConfig } from './config.js';
import { startFeedServer, type FeedServer } from './feed-server.js';
import { silentLogger } from './logger.js';

/** An app on an in-memory SQLite store unless given another, a manual clock and a console whose output is captured. */
export interface TestApp {
  readonly app: App;
  readonly clock: ReturnType<typeof createManualClock>;
  readonly input: PassThrough;
  /** Everything the console printed so far. */
  readonly output: () => string;
}

/**
 * Builds a console app for tests; nothing is started. No "working" line is printed unless
 * `workingNoticeMs` asks for one, so an answer reads the same however busy the machine is.
 */
export function createTestApp(
  start: number,
  overrides: Partial<Config> = {},
  store: Store = createSqliteStore({ path: ':memory:' }),
  workingNoticeMs: number | null = null,
): TestApp {
  const clock = createManualClock(start);
  const sink = new PassThrough();
  const input = new PassThrough();
  let printed = '';
  sink.on('data', (chunk: Buffer) => {
    printed += chunk.toString('utf8');
  });
  const app = createApp(testConfig(overrides), {
    output: sink,
    input,
    log: silentLogger(),
    clock,
    random: () => 0.5,
    store,
    workingNoticeMs,
  });
  return { app, clock, input, output: () => printed };
}

/** Types a line on the test app's console and waits until its answer (and any digest it queued) is printed. */
export async function typeLine(harness: TestApp, line: string): Promise<string> {
  const before = harness.output().length;
  harness.input.write(`${line}\n`);
  // Generous: the machine may be busy; a finished answer returns at once.
  for (let i = 0; i < 3000; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    const printed = harness.output().slice(before);
    // A /digest answer is followed by the digest itself, which starts with its ━━ heading.
    const waitsForDigest = printed.includes('Here is your digest') && !printed.includes('━━');
    if (printed.endsWith('\n\n') && !waitsForDigest) return printed;
  }
  throw new Error(`no answer to ${line}`);
}

/** A started console app and a feed server serving each path's document as RSS. */
export interface ConsoleWithFeeds {
  readonly harness: TestApp;
  readonly server: FeedServer;
  /** Types a line and returns the answer. */
  type(line: string): Promise<string>;
  stop(): Promise<void>;
}

/** Serves `feeds` (path → RSS document) on 127.0.0.1 and starts a console app at `start`. */
export async function startConsoleWithFeeds(
  start: number,
  feeds: Readonly<Record<string, string>>,
): Promise<ConsoleWithFeeds> {
  const server = await startFeedServer();
  for (const [path, xml] of Object.entries(feeds))
    server.route(path, (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(xml));
  const harness = createTestApp(start);
  await harness.app.platforms.get('console')?.start();
  return {
    harness,
    server,
    type: (line) => typeLine(harness, line),
    async stop() {
      await harness.app.stop();
      await server.close();
    },
  };
}
