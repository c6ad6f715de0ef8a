import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import type { PlatformName } from '../core/types.js';
import type { Platform } from '../platforms/platform.js';
import type { Store } from '../store/store.js';
import { checkHealth, type HealthReport } from './health.js';
import { startOpsServer, type OpsServer } from './http-server.js';
import { createMetrics, type Metrics } from './metrics.js';

/** Poll activity older than this fails /healthz: the tick runs every few seconds. */
const MAX_POLL_AGE_MS = 5 * 60_000;
const STORE_TIMEOUT_MS = 2_000;

/** What the operations side needs from the app. */
export interface OpsDeps {
  readonly config: Config;
  readonly store: Store;
  readonly platforms: ReadonlyMap<PlatformName, Platform>;
  readonly names: readonly PlatformName[];
  readonly now: () => number;
  readonly log: Logger;
}

/** Health, metrics and the endpoint serving them. */
export interface Ops {
  readonly metrics: Metrics;
  /** The platform, with each send counted. */
  metered(platform: Platform): Platform;
  /** Records that the poller is alive now. */
  pollActivity(): void;
  health(): Promise<HealthReport>;
  /** Listens on `http.port` when set; the port actually bound, or null. */
  start(): Promise<number | null>;
  stop(): Promise<void>;
}

/** Wires health and metrics to the app's store and platforms. */
export function createOps(deps: OpsDeps): Ops {
  const serving = deps.config.http.port !== null;
  const startedAt = deps.now();
  let lastPoll: number | null = null;
  let server: OpsServer | null = null;
  const metrics = createMetrics(deps.names, () => deps.store.stats.queueDepths(deps.now()), serving);
  const health = (): Promise<HealthReport> =>
    checkHealth({
      stats: deps.store.stats,
      platforms: deps.platforms,
      lastPollAt: () => lastPoll,
      startedAt,
      now: deps.now,
      maxPollAgeMs: MAX_POLL_AGE_MS,
      storeTimeoutMs: STORE_TIMEOUT_MS,
    });
  return {
    metrics,
    metered: (platform) => ({
      ...platform,
      async send(address, part) {
        const outcome = await platform.send(address, part);
        metrics.sent(platform.name, outcome);
        return outcome;
      },
    }),
    pollActivity() {
      lastPoll = deps.now();
    },
    health,
    async start() {
      const { port, host } = deps.config.http;
      if (port === null) return null;
      server = await startOpsServer({ host, port, health, metrics, log: deps.log });
      return server.port;
    },
    async stop() {
      await server?.close();
      server = null;
    },
  };
}
