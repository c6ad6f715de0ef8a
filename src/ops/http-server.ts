import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { CannotStartError } from '../core/errors.js';
import type { HealthReport } from './health.js';
import type { Metrics } from './metrics.js';

/** What the operations endpoint serves. */
export interface OpsServerDeps {
  readonly host: string;
  readonly port: number;
  readonly health: () => Promise<HealthReport>;
  readonly metrics: Metrics;
  readonly log: Logger;
}

/** A listening operations endpoint. */
export interface OpsServer {
  /** The port it listens on (the configured one, or the one given for port 0). */
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Serves `GET /healthz` (200 or 503 with a JSON report) and `GET /metrics` (Prometheus text).
 * Anything else is 404; only GET and HEAD are answered.
 */
export async function startOpsServer(deps: OpsServerDeps): Promise<OpsServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const answer = async (): Promise<void> => {
      if (path === '/healthz') {
        const report = await deps.health();
        const body = JSON.stringify(report);
        res.writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' }).end(body);
      } else if (path === '/metrics') {
        const body = await deps.metrics.scrape();
        res.writeHead(200, { 'content-type': deps.metrics.contentType }).end(body);
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: try /healthz or /metrics\n');
      }
    };
    answer().catch((error: unknown) => {
      deps.log.error({ err: error, path }, 'operations endpoint failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error\n');
    });
  });
  // Idle keep-alive connections of a scraper must not hold up a shutdown.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const where = `${deps.host}:${deps.port}`;
      // The likeliest cause is a second Gazette started with the same configuration.
      const why =
        error.code === 'EADDRINUSE'
          ? `${where} is already in use`
          : error.code === 'EACCES'
            ? `${where} may not be opened by this user`
            : `${where} cannot be opened (${error.code ?? error.message})`;
      reject(
        new CannotStartError(`http.port ${why}; set http.port (GAZETTE_HTTP_PORT) to a free port`, {
          cause: error,
        }),
      );
    });
    server.listen(deps.port, deps.host, () => {
      server.removeAllListeners('error');
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  deps.log.info({ host: deps.host, port }, 'serving /healthz and /metrics');
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
