/** Named reasons a feed or page could not be read; the poller keys backoff and notices on them. */
/** Every reason a feed can fail to be read; metrics list each from the first scrape. */
export const INGEST_REASONS = [
  'bad_url',
  'blocked_address',
  'dns',
  'connect',
  'timeout',
  'too_large',
  'too_many_redirects',
  'http_status',
  'not_a_feed',
  'malformed',
  'network',
] as const;
export type IngestReason = (typeof INGEST_REASONS)[number];

interface IngestErrorOptions {
  readonly retryAfterMs?: number | null;
  readonly permanent?: boolean;
  readonly cause?: unknown;
}

/**
 * Base of every expected ingest failure. `message` is safe to show to the person who subscribed;
 * `permanent` says retrying soon is unlikely to help (the poller may disable sooner).
 */
export class IngestError extends Error {
  override readonly name: string = 'IngestError';
  readonly retryAfterMs: number | null;
  readonly permanent: boolean;

  constructor(
    readonly reason: IngestReason,
    message: string,
    options: IngestErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.retryAfterMs = options.retryAfterMs ?? null;
    this.permanent = options.permanent ?? false;
  }
}

/** The URL is not an absolute http(s) URL. */
export class BadUrlError extends IngestError {
  override readonly name = 'BadUrlError';
  constructor(message = 'That is not a valid http(s) address.') {
    super('bad_url', message, { permanent: true });
  }
}

/** The host resolves to an address the private-network policy refuses. */
export class BlockedAddressError extends IngestError {
  override readonly name = 'BlockedAddressError';
  constructor() {
    super(
      'blocked_address',
      'That address points to a private or local network, which Gazette does not fetch.',
      {
        permanent: true,
      },
    );
  }
}

/** The host name could not be resolved. */
export class DnsError extends IngestError {
  override readonly name = 'DnsError';
  constructor(host: string, cause?: unknown) {
    super('dns', `The host ${host.slice(0, 100)} could not be found.`, { cause });
  }
}

/** No connection could be made (refused, unreachable, TLS handshake failed). */
export class ConnectError extends IngestError {
  override readonly name = 'ConnectError';
  constructor(message = 'The server could not be reached.', cause?: unknown) {
    super('connect', message, { cause });
  }
}

/** Connecting or the whole request took longer than allowed. */
export class TimeoutError extends IngestError {
  override readonly name = 'TimeoutError';
  constructor(phase: 'connect' | 'total' | 'import', ms: number) {
    super(
      'timeout',
      phase === 'connect'
        ? `The server did not accept a connection within ${ms} ms.`
        : phase === 'total'
          ? `The server did not answer in full within ${ms} ms.`
          : `Not read within the import's ${Math.round(ms / 1000)} s; the next poll reads it.`,
    );
  }
}

/** The body, before or after decompression, is over the size limit. */
export class TooLargeError extends IngestError {
  override readonly name = 'TooLargeError';
  constructor(limitBytes: number) {
    super('too_large', `The response is larger than the ${Math.round(limitBytes / 1024)} kB limit.`);
  }
}

/** More redirects than allowed, or a redirect loop. */
export class TooManyRedirectsError extends IngestError {
  override readonly name = 'TooManyRedirectsError';
  constructor(limit: number) {
    super('too_many_redirects', `The address redirected more than ${limit} times.`, { permanent: true });
  }
}

/** Statuses after which the same request will keep failing. */
const PERMANENT_STATUSES: ReadonlySet<number> = new Set([400, 404, 405, 410, 451]);

/** The server answered with a status other than 200 or 304. */
export class HttpStatusError extends IngestError {
  override readonly name = 'HttpStatusError';
  constructor(
    readonly status: number,
    retryAfterMs: number | null = null,
  ) {
    super('http_status', `The server answered with HTTP status ${status}.`, {
      retryAfterMs,
      permanent: PERMANENT_STATUSES.has(status),
    });
  }
}

const NOT_A_FEED_MESSAGES = {
  'web page': 'That address returned a web page, not a feed.',
  'page naming no feed': 'That address is a web page that names no feed; give the feed’s own address.',
  'page naming broken feeds': 'That web page names a feed, but the feed could not be read.',
  'outline list': 'That address returned an OPML list of feeds, not a feed; import it instead.',
  document: 'That address returned a document that is not an RSS, Atom or JSON feed.',
  empty: 'That address returned an empty response, not a feed.',
} as const;

/** Whether a feed's recorded failure is that its address gave a web page (which may name a feed). */
export function isWebPageFailure(reason: string | null): boolean {
  return reason === NOT_A_FEED_MESSAGES['web page'];
}

/** "…could not be read: the server answered with HTTP status 404.", when the cause is one we name. */
function withReason(message: string, cause: unknown): string {
  if (!(cause instanceof IngestError)) return message;
  const reason = cause.message;
  return `${message.replace(/\.$/u, '')}: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`;
}

/** The body is something else: a web page, an OPML list, another XML or JSON document. */
export class NotAFeedError extends IngestError {
  override readonly name = 'NotAFeedError';
  constructor(
    readonly what: keyof typeof NOT_A_FEED_MESSAGES,
    cause?: unknown,
  ) {
    super('not_a_feed', withReason(NOT_A_FEED_MESSAGES[what], cause), { permanent: true, cause });
  }
}

/** The body looks like a feed but no parser could read it. */
export class MalformedFeedError extends IngestError {
  override readonly name = 'MalformedFeedError';
  constructor(cause?: unknown) {
    super('malformed', 'The feed is broken and could not be read.', { cause });
  }
}

/** The connection failed after it was made (reset, bad framing, unsupported encoding). */
export class NetworkError extends IngestError {
  override readonly name = 'NetworkError';
  constructor(message = 'The connection failed while reading the response.', cause?: unknown) {
    super('network', message, { cause });
  }
}

/** The ingest error an aborted signal carries (a timeout), or a cancellation by the caller. */
export function abortReason(signal: AbortSignal): IngestError {
  const reason: unknown = signal.reason;
  return reason instanceof IngestError ? reason : new NetworkError('The request was cancelled.');
}

/** True when `error` is an {@link IngestError}. */
export function isIngestError(error: unknown): error is IngestError {
  return error instanceof IngestError;
}
