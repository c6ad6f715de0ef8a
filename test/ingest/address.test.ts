import { describe, expect, it } from 'vitest';
import { classifyAddress, isAddressAllowed, type AddressKind } from '../../src/ingest/address.js';

const table: [string, AddressKind][] = [
  ['8.8.8.8', 'public'],
  ['1.1.1.1', 'public'],
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['10.0.0.1', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['172.32.0.1', 'public'],
  ['192.168.1.1', 'private'],
  ['100.64.0.1', 'private'],
  ['169.254.169.254', 'link-local'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['240.0.0.1', 'reserved'],
  ['255.255.255.255', 'reserved'],
  ['192.0.2.10', 'reserved'],
  ['198.18.0.1', 'reserved'],
  ['::1', 'loopback'],
  ['::', 'unspecified'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['::ffff:10.1.2.3', 'private'],
  ['::ffff:169.254.169.254', 'link-local'],
  ['::ffff:8.8.8.8', 'public'],
  ['::127.0.0.1', 'loopback'],
  ['fe80::1', 'link-local'],
  ['fe80::1%eth0', 'link-local'],
  ['fc00::1', 'private'],
  ['fd12:3456:789a::1', 'private'],
  ['fec0::1', 'private'],
  ['ff02::1', 'multicast'],
  ['2001:db8::1', 'reserved'],
  ['64:ff9b::a00:1', 'private'],
  ['64:ff9b::808:808', 'public'],
  ['2002:7f00:1::1', 'loopback'],
  ['2002:0a00:0001::1', 'private'],
  ['2002:0808:0808::1', 'public'],
  ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'loopback'],
  ['2001:0:4136:e378:8000:63bf:f7f7:f7f7', 'public'],
  ['2606:4700:4700::1111', 'public'],
  ['2a00:1450:4001:81c::200e', 'public'],
  ['[::1]', 'loopback'],
  ['100::1', 'reserved'],
  ['localhost', 'invalid'],
  ['1.2.3', 'invalid'],
  ['1:2:3:4:5:6:7:8:9', 'invalid'],
  ['', 'invalid'],
];

describe('classifyAddress', () => {
  it.each(table)('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });
});

describe('isAddressAllowed', () => {
  it('refuses every non-public address under "none"', () => {
    for (const [address, kind] of table)
      expect(isAddressAllowed(address, 'none'), address).toBe(kind === 'public');
  });

  it('allows loopback (also IPv4-mapped and tunnelled) but nothing else private under "loopback"', () => {
    expect(isAddressAllowed('127.0.0.1', 'loopback')).toBe(true);
    expect(isAddressAllowed('::1', 'loopback')).toBe(true);
    expect(isAddressAllowed('::ffff:127.0.0.1', 'loopback')).toBe(true);
    expect(isAddressAllowed('10.0.0.1', 'loopback')).toBe(false);
    expect(isAddressAllowed('169.254.169.254', 'loopback')).toBe(false);
    expect(isAddressAllowed('0.0.0.0', 'loopback')).toBe(false);
    expect(isAddressAllowed('8.8.8.8', 'loopback')).toBe(true);
  });

  it('allows every valid address under "all", never a non-address', () => {
    expect(isAddressAllowed('10.0.0.1', 'all')).toBe(true);
    expect(isAddressAllowed('fe80::1', 'all')).toBe(true);
    expect(isAddressAllowed('not-an-ip', 'all')).toBe(false);
  });
});
