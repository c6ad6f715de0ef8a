import { PassThrough } from 'node:stream';
import { pino } from 'pino';
import { createApp, type App } from '../../src/app.js';
import { systemClock } from '../../src/core/clock.js';
import type { Config } from '../../src/config/schema.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';

/** A silent app on the real clock and an in-memory SQLite store: what a bench measures, unstarted. */
export function benchApp(config: Config): { app: App; store: Store } {
  const store = createSqliteStore({ path: ':memory:' });
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
