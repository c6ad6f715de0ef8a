import { PassThrough } from 'node:stream';
import { createApp, type App } from '../../src/app.js';
import { createManualClock } from '../../src/core/clock.js';
import type { Config } from '../../src/config/schema.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { testConfig } from './config.js';
import { silentLogger } from './logger.js';

/** An app on an in-memory SQLite store unless given another, a manual clock and a console whose output is captured. */
export interface TestApp {
  readonly app: App;
  readonly clock: ReturnType<typeof createManualClock>;
  readonly input: PassThrough;
  /** Everything the console printed so far. */
  readonly output: () => string;
}

/** Builds a console app for tests; nothing is started. */
export function createTestApp(
  start: number,
  overrides: Partial<Config> = {},
  store: Store = createSqliteStore({ path: ':memory:' }),
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
  });
  return { app, clock, input, output: () => printed };
}
