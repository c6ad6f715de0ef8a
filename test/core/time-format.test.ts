import { describe, expect, it } from 'vitest';
import { formatDay, formatSlot, formatWhen } from '../../src/core/time-format.js';

describe('formatWhen', () => {
  const reference = Date.UTC(2026, 10, 27, 18, 0);

  it('gives the time alone on the reference day, the day before it on another day of the year', () => {
    expect(formatWhen(Date.UTC(2026, 10, 27, 16, 5), 'UTC', reference)).toBe('16:05');
    expect(formatWhen(Date.UTC(2026, 10, 26, 16, 5), 'UTC', reference)).toBe('Thu 26 Nov 16:05');
  });

  it('writes every month in three letters, September too', () => {
    const september = Date.UTC(2026, 8, 20, 22, 7);
    expect(formatWhen(september, 'UTC', reference)).toBe('Sun 20 Sep 22:07');
    expect(formatDay(september, 'UTC')).toBe('Sun 20 Sep');
    expect(formatSlot(september, 'UTC')).toBe('Sun 20 Sep 22:07 (UTC)');
    expect(formatSlot(september + 366 * 86_400_000, 'UTC', september)).toBe('Tue 21 Sep 2027 22:07 (UTC)');
  });

  it('names the year of a time in another year, so an old item does not pass for this year’s', () => {
    expect(formatWhen(Date.UTC(2023, 6, 23, 16, 5), 'UTC', reference)).toBe('Sun 23 Jul 2023 16:05');
  });

  it('reads day and year in the given zone', () => {
    // 31 Dec 2025 23:30 in UTC is already 2026 in Auckland.
    const newYear = Date.UTC(2025, 11, 31, 23, 30);
    expect(formatWhen(newYear, 'Pacific/Auckland', Date.UTC(2026, 0, 5))).toBe('Thu 1 Jan 12:30');
    expect(formatWhen(newYear, 'UTC', Date.UTC(2026, 0, 5))).toBe('Wed 31 Dec 2025 23:30');
  });
});
