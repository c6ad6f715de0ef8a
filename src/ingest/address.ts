import { isIPv4, isIPv6 } from 'node:net';
import type { PrivateNetworkPolicy } from '../config/schema.js';

/** What kind of network an IP address belongs to. */
export type AddressKind =
  'public' | 'loopback' | 'private' | 'link-local' | 'multicast' | 'unspecified' | 'reserved' | 'invalid';

type Range4 = readonly [base: number, prefix: number, kind: AddressKind];

const v4 = (a: number, b: number, c: number, d: number): number =>
  ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;

// Special-purpose registry (RFC 6890 and successors); first match wins, so narrower ranges come first.
const RANGES_V4: readonly Range4[] = [
  [v4(0, 0, 0, 0), 8, 'unspecified'],
  [v4(10, 0, 0, 0), 8, 'private'],
  [v4(100, 64, 0, 0), 10, 'private'],
  [v4(127, 0, 0, 0), 8, 'loopback'],
  [v4(169, 254, 0, 0), 16, 'link-local'],
  [v4(172, 16, 0, 0), 12, 'private'],
  [v4(192, 0, 0, 0), 24, 'reserved'],
  [v4(192, 0, 2, 0), 24, 'reserved'],
  [v4(192, 88, 99, 0), 24, 'reserved'],
  [v4(192, 168, 0, 0), 16, 'private'],
  [v4(198, 18, 0, 0), 15, 'reserved'],
  [v4(198, 51, 100, 0), 24, 'reserved'],
  [v4(203, 0, 113, 0), 24, 'reserved'],
  [v4(224, 0, 0, 0), 4, 'multicast'],
  [v4(240, 0, 0, 0), 4, 'reserved'],
];

function classifyV4(value: number): AddressKind {
  for (const [base, prefix, kind] of RANGES_V4) {
    const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
    if ((value & mask) >>> 0 === base) return kind;
  }
  return 'public';
}

function parseV4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = value * 256 + n;
  }
  return value;
}

/** Eight 16-bit groups of an IPv6 address, or null; accepts `::`, an IPv4 tail and a zone id. */
function parseV6(text: string): number[] | null {
  let head = text.split('%')[0] ?? '';
  const lastColon = head.lastIndexOf(':');
  const tail = head.slice(lastColon + 1);
  if (tail.includes('.')) {
    const value = parseV4(tail);
    if (value === null) return null;
    head = `${head.slice(0, lastColon + 1)}${(value >>> 16).toString(16)}:${(value & 0xffff).toString(16)}`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return null;
  const toGroups = (s: string): number[] | null => {
    if (s === '') return [];
    const groups: number[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-f]{1,4}$/i.test(g)) return null;
      groups.push(parseInt(g, 16));
    }
    return groups;
  };
  const left = toGroups(halves[0] ?? '');
  const right = halves.length === 2 ? toGroups(halves[1] ?? '') : [];
  if (left === null || right === null) return null;
  const known = left.length + right.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return null;
  return [...left, ...new Array<number>(8 - known).fill(0), ...right];
}

const embeddedV4 = (high: number, low: number): number => ((high << 16) | low) >>> 0;

function classifyV6(g: readonly number[]): AddressKind {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, h7 = 0, h8 = 0] = g;
  const upperZero = a === 0 && b === 0 && c === 0 && d === 0 && e === 0;
  if (upperZero && f === 0 && h7 === 0) return h8 === 0 ? 'unspecified' : h8 === 1 ? 'loopback' : 'reserved';
  // IPv4-mapped (::ffff:a.b.c.d) and the deprecated IPv4-compatible form reach the embedded address.
  if (upperZero && (f === 0xffff || f === 0)) return classifyV4(embeddedV4(h7, h8));
  // NAT64 well-known prefix 64:ff9b::/96 translates to the embedded IPv4 address.
  if (a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0) {
    return classifyV4(embeddedV4(h7, h8));
  }
  if (a === 0x64 && b === 0xff9b && c === 1) return 'private';
  // Teredo 2001:0::/32: the client's IPv4 address is stored inverted in the last 32 bits.
  if (a === 0x2001 && b === 0) return classifyV4(embeddedV4(h7 ^ 0xffff, h8 ^ 0xffff));
  if (a === 0x2001 && b === 0x0db8) return 'reserved';
  if (a === 0x2001 && b < 0x0200) return 'reserved';
  // 6to4 2002::/16 routes to the IPv4 address in bits 16..47.
  if (a === 0x2002) return classifyV4(embeddedV4(b, c));
  if (a === 0x3fff && b < 0x1000) return 'reserved';
  if ((a & 0xfe00) === 0xfc00) return 'private';
  if ((a & 0xffc0) === 0xfe80) return 'link-local';
  if ((a & 0xffc0) === 0xfec0) return 'private';
  if ((a & 0xff00) === 0xff00) return 'multicast';
  // Only 2000::/3 is allocated for global unicast; everything else is reserved or special.
  if ((a & 0xe000) !== 0x2000) return 'reserved';
  return 'public';
}

/** Classifies an IPv4 or IPv6 address (IPv4-mapped, NAT64, 6to4 and Teredo by the address they reach). */
export function classifyAddress(address: string): AddressKind {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (isIPv4(bare)) {
    const value = parseV4(bare);
    return value === null ? 'invalid' : classifyV4(value);
  }
  if (isIPv6(bare)) {
    const groups = parseV6(bare);
    return groups === null ? 'invalid' : classifyV6(groups);
  }
  return 'invalid';
}

/** True when the private-network policy lets Gazette connect to this address. */
export function isAddressAllowed(address: string, policy: PrivateNetworkPolicy): boolean {
  const kind = classifyAddress(address);
  if (kind === 'invalid') return false;
  if (policy === 'all' || kind === 'public') return true;
  return policy === 'loopback' && kind === 'loopback';
}
