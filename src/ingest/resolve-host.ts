import { lookup } from 'node:dns/promises';
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
