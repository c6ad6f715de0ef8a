import { describe, expect, it } from 'vitest';
import { formatWhen } from '../../src/core/time-format.js';

describe('formatWhen', () => {
  const reference = Date.UTC(2026, 10, 27, 18, 0);

  it('gives the time alone on the reference day, the day before it on another day of the year', () => {
    expect(formatWhen(Date.UTC(2026, 10, 27, 16, 5), 'UTC', reference)).toBe('16:05');
    expect(formatWhen(Date.UTC(2026, 10, 26, 16, 5), 'UTC', reference)).toBe('Thu 26 Nov 16:05');
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
