import { describe, expect, it } from 'vitest';
import { type GetStore, MINUTE, NOW } from './fixtures.js';

/** Contract of `Store.leases`. */
export function describeLeaseContract(store: GetStore): void {
  describe('leases', () => {
    it('grants a free lease, refuses it to others until it runs out, and lets its holder renew', async () => {
      const leases = store().leases;
      expect(await leases.acquire('condense', 'a', NOW, MINUTE)).toBe(true);
      expect(await leases.acquire('condense', 'b', NOW + MINUTE - 1, MINUTE)).toBe(false);
      // Renewing moves the end: b still waits a full minute from the renewal.
      expect(await leases.acquire('condense', 'a', NOW + 30_000, MINUTE)).toBe(true);
      expect(await leases.acquire('condense', 'b', NOW + MINUTE, MINUTE)).toBe(false);
      expect(await leases.acquire('condense', 'b', NOW + 30_000 + MINUTE, MINUTE)).toBe(true);
      expect(await leases.acquire('condense', 'a', NOW + 30_000 + MINUTE, MINUTE)).toBe(false);
    });

    it('keeps leases of different names apart', async () => {
      const leases = store().leases;
      expect(await leases.acquire('deliver:discord', 'a', NOW, MINUTE)).toBe(true);
      expect(await leases.acquire('deliver:telegram', 'b', NOW, MINUTE)).toBe(true);
      expect(await leases.acquire('deliver:discord', 'b', NOW, MINUTE)).toBe(false);
    });

    it('release hands the lease over at once, and only its holder can release it', async () => {
      const leases = store().leases;
      await leases.acquire('condense', 'a', NOW, MINUTE);
      await leases.release('condense', 'b');
      expect(await leases.acquire('condense', 'b', NOW, MINUTE)).toBe(false);
      await leases.release('condense', 'a');
      expect(await leases.acquire('condense', 'b', NOW, MINUTE)).toBe(true);
      await leases.release('never-taken', 'a');
    });

    it('gives a contested lease to exactly one of many concurrent takers', async () => {
      const leases = store().leases;
      const takers = Array.from({ length: 8 }, (_, i) => `p${i}`);
      const granted = await Promise.all(
        takers.map((holder) => leases.acquire('condense', holder, NOW, MINUTE)),
      );
      expect(granted.filter(Boolean)).toHaveLength(1);
    });
  });
}
