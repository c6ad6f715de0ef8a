import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type { Config } from '../config/schema.js';
import { err, ok, type Result } from '../core/result.js';
import { withDeadline } from './deadline.js';
import { readBody } from './body-reader.js';
import {
  BadUrlError,
  HttpStatusError,
  TimeoutError,
  TooManyRedirectsError,
  type IngestError,
} from './errors.js';
import { openHop } from './open-hop.js';
import { httpMaxAgeMs } from './cache-hints.js';
import { createHostAgents } from './host-agents.js';
import { createCachingResolver, systemResolver, type Resolver } from './resolve-host.js';
import { parseRetryAfter } from './retry-after.js';

/** Validators of the last good response, sent back so an unchanged feed costs a 304. */
export interface Validators {
  readonly etag: string | null;
  readonly lastModified: string | null;
}

/** A complete 200 response. */
export interface Fetched {
  readonly status: 200;
  /** The final URL, after redirects. */
  readonly url: string;
  /** The final URL when every redirect was permanent (301/308); null otherwise or without redirects. */
  readonly permanentUrl: string | null;
  /** The body, decompressed. */
  readonly body: Uint8Array;
  readonly contentType: string | null;
  readonly etag: string | null;
  readonly lastModified: string | null;
  /** How long the server says the response stays fresh (`Cache-Control`, `Expires`). */
  readonly maxAgeMs?: number | null;
}

/** The server says the resource did not change since the validators sent. */
export interface NotModified {
  readonly status: 304;
  readonly url: string;
  readonly maxAgeMs?: number | null;
}

export interface FetchOptions {
  readonly validators?: Validators;
  /** Accept header; defaults to feed types. */
  readonly accept?: string;
  readonly signal?: AbortSignal;
}

/** Guarded HTTP GET; every expected failure is a named {@link IngestError}, never a rejection. */
export interface Fetcher {
  fetch(url: string, options?: FetchOptions): Promise<Result<Fetched | NotModified, IngestError>>;
  /** Closes idle kept-alive connections; the fetcher still works afterwards. */
  close?(): void;
}

/** What tests and the CLI may replace. */
export interface FetcherDeps {
  readonly resolver?: Resolver;
  readonly now?: () => number;
  /** Connections kept open per host between requests; 0 opens one per request. */
  readonly keepAlivePerHost?: number;
}

const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, ' +
  'application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';
const REDIRECTS: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
const PERMANENT_REDIRECTS: ReadonlySet<number> = new Set([301, 308]);

/** Longest validator stored or sent back; anything longer is not a real one. */
const MAX_VALIDATOR_CHARS = 512;

function headerValue(value: string | string[] | undefined): string | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined) return null;
  const trimmed = text.trim();
  return trimmed === '' || trimmed.length > MAX_VALIDATOR_CHARS ? null : trimmed;
}

/** A validator is echoed in a header: only printable ASCII may go back. */
function sendable(value: string | null | undefined): string | null {
  return value !== null &&
    value !== undefined &&
    value.length <= MAX_VALIDATOR_CHARS &&
    /^[\x20-\x7e]+$/.test(value)
    ? value
    : null;
}

function httpUrl(text: string, base?: URL): URL | null {
  try {
    const url = base === undefined ? new URL(text) : new URL(text, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

function requestHeaders(policy: Config['fetch'], options: FetchOptions): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {
    'user-agent': policy.userAgent,
    accept: options.accept ?? FEED_ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
  };
  const etag = sendable(options.validators?.etag);
  const lastModified = sendable(options.validators?.lastModified);
  if (etag !== null) headers['if-none-match'] = etag;
  if (lastModified !== null) headers['if-modified-since'] = lastModified;
  return headers;
}

/**
 * A fetcher that enforces `policy`: http(s) only, every hop's host resolved once and checked
 * against `allowPrivateNetworks` before connecting to that very address, redirects followed by
 * hand up to `maxRedirects`, connect and total timeouts, and `maxBytes` on the wire and after
 * decompression.
 */
export function createFetcher(policy: Config['fetch'], deps: FetcherDeps = {}): Fetcher {
  const now = deps.now ?? Date.now;
  // A resolver passed in (tests) is asked every time; the system's answers are kept for their TTL.
  const resolver = deps.resolver ?? createCachingResolver(systemResolver, now);
  const agents = createHostAgents(deps.keepAlivePerHost ?? 2);
  const maxAge = (res: IncomingMessage): number | null =>
    httpMaxAgeMs(
      headerValue(res.headers['cache-control']),
      headerValue(res.headers.expires),
      headerValue(res.headers.date),
      now(),
    );

  async function follow(
    start: URL,
    options: FetchOptions,
    signal: AbortSignal,
  ): Promise<Result<Fetched | NotModified, IngestError>> {
    const headers = requestHeaders(policy, options);
    const conditional = 'if-none-match' in headers || 'if-modified-since' in headers;
    let url = start;
    let redirects = 0;
    let allPermanent = true;
    for (;;) {
      const opened = await openHop({
        url,
        headers,
        policy: policy.allowPrivateNetworks,
        resolver,
        connectTimeoutMs: policy.connectTimeoutMs,
        signal,
        agents,
      });
      if (!opened.ok) return opened;
      const res: IncomingMessage = opened.value;
      const status = res.statusCode ?? 0;
      if (REDIRECTS.has(status) && res.headers.location !== undefined) {
        res.destroy();
        if (redirects >= policy.maxRedirects) return err(new TooManyRedirectsError(policy.maxRedirects));
        const next = httpUrl(res.headers.location, url);
        if (next === null)
          return err(new BadUrlError('The address redirected to something that is not an http(s) address.'));
        redirects += 1;
        allPermanent &&= PERMANENT_REDIRECTS.has(status);
        url = next;
        continue;
      }
      if (status === 304 && conditional) {
        // A 304 has no body: drained, its connection goes back to the host's pool.
        res.resume();
        return ok({ status: 304, url: url.href, maxAgeMs: maxAge(res) });
      }
      if (status < 200 || status > 299) {
        res.destroy();
        return err(
          new HttpStatusError(status, parseRetryAfter(headerValue(res.headers['retry-after']), now())),
        );
      }
      const body = await readBody(res, policy.maxBytes, signal);
      if (!body.ok) return body;
      return ok({
        status: 200,
        url: url.href,
        permanentUrl: redirects > 0 && allPermanent ? url.href : null,
        body: body.value,
        contentType: headerValue(res.headers['content-type']),
        etag: headerValue(res.headers.etag),
        lastModified: headerValue(res.headers['last-modified']),
        maxAgeMs: maxAge(res),
      });
    }
  }

  return {
    async fetch(rawUrl, options = {}) {
      const start = httpUrl(rawUrl.trim());
      if (start === null) return err(new BadUrlError());
      return withDeadline(
        policy.timeoutMs,
        () => new TimeoutError('total', policy.timeoutMs),
        (signal) => follow(start, options, signal),
        options.signal,
      );
    },
    close: () => {
      agents.close();
    },
  };
}
