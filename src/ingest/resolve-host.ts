import { lookup, resolve4, resolve6 } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { PrivateNetworkPolicy } from '../config/schema.js';
import { err, ok, type Result } from '../core/result.js';
import { isAddressAllowed } from './address.js';
import { BlockedAddressError, DnsError, type IngestError } from './errors.js';

/** An address a host name resolved to. */
export interface ResolvedAddress {
  readonly address: string;
  readonly family: number;
}

/** Resolves a host name to its addresses; rejects when it cannot. */
export type Resolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/** The system resolver (getaddrinfo, so /etc/hosts counts), addresses in the order it gives. */
export const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

/** How long answers are kept when DNS gives no TTL (a name from /etc/hosts, say). */
const DEFAULT_TTL_MS = 60_000;
const MIN_TTL_MS = 5_000;
const MAX_TTL_MS = 3_600_000;
/** Names kept at most; past this the oldest answer is dropped. */
const MAX_NAMES = 10_000;

/** The shortest TTL DNS gives for `hostname`'s A and AAAA records, or null when it gives none. */
async function dnsTtlMs(hostname: string): Promise<number | null> {
  const answers = await Promise.allSettled([
    resolve4(hostname, { ttl: true }),
    resolve6(hostname, { ttl: true }),
  ]);
  const ttls = answers.flatMap((a) => (a.status === 'fulfilled' ? a.value.map((r) => r.ttl) : []));
  return ttls.length === 0 ? null : Math.min(...ttls) * 1_000;
}

/**
 * A resolver that keeps each answer of `base` for its DNS TTL (within 5 s and an hour; a minute
 * when DNS has no record of the name) and asks once for concurrent requests to one name. Failures
 * are not kept. Every answer is still checked by {@link resolveAllowed} on every request.
 */
export function createCachingResolver(
  base: Resolver,
  now: () => number,
  ttlOf: (hostname: string) => Promise<number | null> = dnsTtlMs,
): Resolver {
  const cache = new Map<string, { addresses: Promise<readonly ResolvedAddress[]>; until: number }>();
  return (hostname) => {
    const at = now();
    const cached = cache.get(hostname);
    if (cached !== undefined && cached.until > at) return cached.addresses;
    const addresses = base(hostname);
    const entry = { addresses, until: at + DEFAULT_TTL_MS };
    cache.delete(hostname);
    cache.set(hostname, entry);
    if (cache.size > MAX_NAMES) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    addresses.then(
      () =>
        ttlOf(hostname).then(
          (ttl) => {
            entry.until = at + Math.min(Math.max(ttl ?? DEFAULT_TTL_MS, MIN_TTL_MS), MAX_TTL_MS);
          },
          () => undefined,
        ),
      () => {
        if (cache.get(hostname) === entry) cache.delete(hostname);
      },
    );
    return addresses;
  };
}

/**
 * The addresses a request to `hostname` may connect to, in the resolver's order: resolved once
 * and each checked against the policy, so that a second, different answer (DNS rebinding) can
 * never be what is connected to. Refused when none passes.
 */
export async function resolveAllowed(
  hostname: string,
  policy: PrivateNetworkPolicy,
  resolver: Resolver,
): Promise<Result<readonly ResolvedAddress[], IngestError>> {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  const literal = isIP(bare);
  if (literal !== 0) {
    return isAddressAllowed(bare, policy)
      ? ok([{ address: bare, family: literal }])
      : err(new BlockedAddressError());
  }
  let addresses: readonly ResolvedAddress[];
  try {
    addresses = await resolver(bare);
  } catch (cause) {
    return err(new DnsError(bare, cause));
  }
  if (addresses.length === 0) return err(new DnsError(bare));
  const allowed = addresses
    .filter((a) => isIP(a.address) !== 0 && isAddressAllowed(a.address, policy))
    .map((a) => ({ address: a.address, family: isIP(a.address) }));
  return allowed.length === 0 ? err(new BlockedAddressError()) : ok(allowed);
}
