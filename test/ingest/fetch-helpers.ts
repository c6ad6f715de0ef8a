import type { ServerResponse } from 'node:http';
import { afterEach } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import type { IngestError } from '../../src/ingest/errors.js';
import {
  createFetcher,
  type Fetched,
  type FetcherDeps,
  type FetchOptions,
  type NotModified,
} from '../../src/ingest/fetch.js';
import { startServer, type LocalServer } from './local-server.js';

/** The tests' fetch policy: loopback allowed, small limits. */
export const policy: Config['fetch'] = {
  userAgent: 'Gazette-test/1.0 (+https://gazette.example)',
  connectTimeoutMs: 1_000,
  timeoutMs: 3_000,
  maxBytes: 64 * 1024,
  maxRedirects: 5,
  allowPrivateNetworks: 'loopback',
};

/** A small feed body. */
export const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>';

const servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** Starts a server on 127.0.0.1 that is closed after the test. */
export async function serve(handler: Parameters<typeof startServer>[0]): Promise<LocalServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

type Overrides = Partial<Config['fetch']>;

/** Fetches with the test policy and fails the test unless it succeeds. */
export async function fetchOk(
  url: string,
  options: FetchOptions = {},
  overrides: Overrides = {},
  deps: FetcherDeps = {},
): Promise<Fetched | NotModified> {
  const result = await createFetcher({ ...policy, ...overrides }, deps).fetch(url, options);
  if (!result.ok) throw new Error(`expected success, got ${result.error.reason}: ${result.error.message}`);
  return result.value;
}

/** Fetches with the test policy and fails the test unless it fails. */
export async function fetchErr(
  url: string,
  overrides: Overrides = {},
  deps: FetcherDeps = {},
  options: FetchOptions = {},
): Promise<IngestError> {
  const result = await createFetcher({ ...policy, ...overrides }, deps).fetch(url, options);
  if (result.ok) throw new Error(`expected a failure, got status ${result.value.status}`);
  return result.error;
}

/** The body of a 200 as UTF-8 text. */
export function body(fetched: Fetched | NotModified): string {
  if (fetched.status !== 200) throw new Error('expected a 200');
  return Buffer.from(fetched.body).toString('utf8');
}

/** Answers with a redirect. */
export function redirect(res: ServerResponse, status: number, location: string): void {
  res.writeHead(status, { location }).end();
}
