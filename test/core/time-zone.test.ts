import { describe, expect, it } from 'vitest';
import { canonicalTimeZone } from '../../src/core/time-zone.js';

describe('canonicalTimeZone', () => {
  it('spells a zone the way the zone database does, whatever case it was typed in', () => {
    expect(canonicalTimeZone('america/new_york')).toBe('America/New_York');
    expect(canonicalTimeZone('EUROPE/BERLIN')).toBe('Europe/Berlin');
    expect(canonicalTimeZone(' Europe/London ')).toBe('Europe/London');
    expect(canonicalTimeZone('utc')).toBe('UTC');
    expect(canonicalTimeZone('etc/utc')).toBe('Etc/UTC');
    expect(canonicalTimeZone('asia/kolkata')).toBe('Asia/Kolkata');
    expect(canonicalTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(canonicalTimeZone('america/argentina/buenos_aires')).toBe('America/Argentina/Buenos_Aires');
  });

  it('refuses what names no zone', () => {
    for (const bad of ['Mars/Base', '', '7 * * 1-5', 'x'.repeat(80)])
      expect(canonicalTimeZone(bad)).toBeNull();
  });
});
