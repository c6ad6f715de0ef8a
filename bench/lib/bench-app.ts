import { PassThrough } from 'node:stream';
import { pino } from 'pino';
import { createApp, type App } from '../../src/app.js';
import { systemClock } from '../../src/core/clock.js';
import type { Config } from '../../src/config/schema.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';

/**
 * A silent app on the real clock, unstarted: what a bench measures. Its store is an in-memory
 * SQLite database unless one is given.
 */
export function benchApp(
  config: Config,
  store: Store = createSqliteStore({ path: ':memory:' }),
): { app: App; store: Store } {
  const app = createApp(config, {
    output: new PassThrough(),
    input: null,
    log: pino({ level: 'silent' }),
    clock: systemClock,
    random: Math.random,
    store,
  });
  return { app, store };
}
