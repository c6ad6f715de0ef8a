import { describe, expect, it } from 'vitest';
import { durationProblem, parseDuration } from '../../src/cli/duration.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('parseDuration', () => {
  it('reads a duration however people write it', () => {
    expect(parseDuration('90m')).toBe(90 * MINUTE);
    expect(parseDuration('24h')).toBe(24 * HOUR);
    expect(parseDuration('2d')).toBe(48 * HOUR);
    expect(parseDuration('1w')).toBe(168 * HOUR);
    expect(parseDuration('1h30m')).toBe(90 * MINUTE);
    expect(parseDuration('1h 30min')).toBe(90 * MINUTE);
    expect(parseDuration('1.5h')).toBe(90 * MINUTE);
    expect(parseDuration('1,5 hours')).toBe(90 * MINUTE);
    expect(parseDuration('2 days')).toBe(48 * HOUR);
    expect(parseDuration('45 seconds')).toBe(45_000);
    expect(parseDuration('PT36H')).toBe(36 * HOUR);
    expect(parseDuration('P1DT12H')).toBe(36 * HOUR);
    expect(parseDuration('p2w')).toBe(336 * HOUR);
    expect(parseDuration('3mo')).toBe(90 * 24 * HOUR);
    expect(parseDuration('1 year')).toBe(365 * 24 * HOUR);
    expect(parseDuration('P1Y2M')).toBe(425 * 24 * HOUR);
  });

  it('refuses what is not a positive duration of sane length', () => {
    for (const bad of ['yesterday', '', '36', '-1h', '0h', 'P', 'PT', '3 fortnights', '1h30', '99999d', 'h'])
      expect(parseDuration(bad), bad).toBeNull();
  });

  it('says why a duration is refused: a minus sign, more than ten years, or no duration at all', () => {
    expect(durationProblem('-5h')).toBe('negative');
    expect(durationProblem('100000h')).toBe('too long');
    expect(durationProblem('11y')).toBe('too long');
    expect(durationProblem('yesterday')).toBe('unreadable');
    expect(durationProblem('0h')).toBe('unreadable');
    expect(durationProblem('10y')).toBeNull();
  });
});
