import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { PrivateNetworkPolicy } from '../config/schema.js';
import type { HostAgents } from './host-agents.js';
import { err, ok, type Result } from '../core/result.js';
import { abortReason, ConnectError, NetworkError, TimeoutError, type IngestError } from './errors.js';
import { resolveAllowed, type ResolvedAddress, type Resolver } from './resolve-host.js';

/** One request of a redirect chain. */
export interface Hop {
  readonly url: URL;
  readonly headers: OutgoingHttpHeaders;
  readonly policy: PrivateNetworkPolicy;
  readonly resolver: Resolver;
  /** Bounds name resolution plus the TCP connect. */
  readonly connectTimeoutMs: number;
  readonly signal: AbortSignal;
  /** Keep-alive agents; without them every request opens its own connection. */
  readonly agents?: HostAgents;
}

function untilAborted<T>(
  promise: Promise<Result<T, IngestError>>,
  signal: AbortSignal,
): Promise<Result<T, IngestError>> {
  if (signal.aborted) return Promise.resolve(err(abortReason(signal)));
  return new Promise((resolve) => {
    const onAbort = (): void => {
      resolve(err(abortReason(signal)));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    void promise.then((result) => {
      signal.removeEventListener('abort', onAbort);
      resolve(result);
    });
  });
}

/**
 * Makes the socket connect to the addresses already checked, whatever DNS would answer now. With
 * several (IPv6 and IPv4), Node tries them in turn (autoSelectFamily).
 */
function pinnedLookup(targets: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const [first] = targets;
    if (options.all === true)
      callback(
        null,
        targets.map((t) => ({ address: t.address, family: t.family })),
      );
    else if (first !== undefined) callback(null, first.address, first.family);
    else callback(Object.assign(new Error('no address'), { code: 'ENOTFOUND' }), '');
  };
}

const TLS_FAILURE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/;

function classifySocketError(error: unknown, connected: boolean): IngestError {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (TLS_FAILURE.test(code))
    return new ConnectError('The secure connection failed (certificate or TLS error).', error);
  if (code.startsWith('HPE_')) return new NetworkError('The server sent an invalid HTTP response.', error);
  if (!connected) return new ConnectError(undefined, error);
  return new NetworkError(undefined, error);
}

function connect(
  hop: Hop,
  targets: readonly ResolvedAddress[],
  signal: AbortSignal,
  onConnected: () => void,
): Promise<Result<IncomingMessage, IngestError>> {
  return new Promise((resolve) => {
    const send = hop.url.protocol === 'https:' ? httpsRequest : httpRequest;
    let connected = false;
    let req: ReturnType<typeof send>;
    try {
      req = send(hop.url, {
        method: 'GET',
        headers: hop.headers,
        agent: hop.agents?.for(hop.url) ?? false,
        lookup: pinnedLookup(targets),
      });
    } catch (cause) {
      // Header values Node refuses (control characters in a stored validator, say).
      resolve(err(new NetworkError('The request could not be made.', cause)));
      return;
    }
    const onAbort = (): void => {
      req.destroy();
      resolve(err(abortReason(signal)));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    req.on('socket', (socket) => {
      // A kept-alive connection is already open and never emits `connect` again.
      if (!socket.connecting) {
        connected = true;
        onConnected();
        return;
      }
      socket.once('connect', () => {
        connected = true;
        onConnected();
      });
    });
    req.on('response', (res) => {
      signal.removeEventListener('abort', onAbort);
      resolve(ok(res));
    });
    // Stays attached after the response: a late socket error must not become an unhandled event.
    req.on('error', (error) => {
      signal.removeEventListener('abort', onAbort);
      resolve(err(signal.aborted ? abortReason(signal) : classifySocketError(error, connected)));
    });
    req.end();
  });
}

/**
 * Resolves the hop's host once, refuses addresses the policy forbids, and connects to the checked
 * address. Resolves with the response, its body unread; never rejects.
 */
export async function openHop(hop: Hop): Promise<Result<IncomingMessage, IngestError>> {
  const connectDeadline = new AbortController();
  const timer = setTimeout(() => {
    connectDeadline.abort(new TimeoutError('connect', hop.connectTimeoutMs));
  }, hop.connectTimeoutMs);
  const signal = AbortSignal.any([hop.signal, connectDeadline.signal]);
  try {
    const targets = await untilAborted(resolveAllowed(hop.url.hostname, hop.policy, hop.resolver), signal);
    if (!targets.ok) return targets;
    return await connect(hop, targets.value, signal, () => {
      clearTimeout(timer);
    });
  } finally {
    clearTimeout(timer);
  }
}
