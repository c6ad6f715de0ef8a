import { describe, expect, it } from 'vitest';
import { nextSlots, resolveSchedule, splitScheduleArgs } from '../../src/schedule/cron.js';

describe('resolveSchedule', () => {
  it('turns presets into cron expressions', () => {
    expect(resolveSchedule('hourly', 'UTC')).toEqual({
      ok: true,
      value: { cron: '0 * * * *', description: 'every hour' },
    });
    expect(resolveSchedule('daily-08:00', 'UTC')).toMatchObject({ ok: true, value: { cron: '0 8 * * *' } });
    expect(resolveSchedule('weekdays-07:30', 'UTC')).toMatchObject({
      ok: true,
      value: { cron: '30 7 * * 1-5' },
    });
    expect(resolveSchedule('Weekly', 'UTC')).toMatchObject({ ok: true, value: { cron: '0 8 * * 1' } });
  });

  it('accepts five-field cron and refuses the rest with a reason', () => {
    expect(resolveSchedule(' 30  7 * * 1-5 ', 'UTC')).toMatchObject({
      ok: true,
      value: { cron: '30 7 * * 1-5' },
    });
    expect(resolveSchedule('*/30 * * * * *', 'UTC')).toMatchObject({ ok: false });
    expect(resolveSchedule('* * * * *', 'UTC')).toEqual({
      ok: false,
      error: 'Digests can be at most every 15 minutes.',
    });
    expect(resolveSchedule('61 25 * * *', 'UTC')).toMatchObject({ ok: false });
    expect(resolveSchedule('daily-25:00', 'UTC')).toMatchObject({ ok: false });
    expect(resolveSchedule('whenever', 'UTC')).toMatchObject({ ok: false });
  });
});

describe('resolveSchedule messages', () => {
  const error = (when: string): string => {
    const result = resolveSchedule(when, 'UTC');
    return result.ok ? '' : result.error;
  };

  it('talks about presets when a preset is mistyped, and about fields when cron is', () => {
    expect(error('daily-25:00')).toBe(
      '25:00 is not a time of day: daily-HH:MM takes 00:00 to 23:59, e.g. daily-07:30.',
    );
    expect(error('weekdays-8')).toContain('8 is not a time of day: weekdays-HH:MM');
    expect(error('every-30-hours')).toContain('every-N-hours takes N from 1 to 12');
    expect(error('hourly-ish')).toContain('"hourly" takes nothing after it');
    expect(error('30 7 * *')).toContain('has five fields (minute hour day month weekday); "30 7 * *" has 4');
    expect(error('0 30 7 * * 1')).toContain('not six');
    expect(error('nightly')).toContain('is neither a preset nor a cron expression');
    expect(resolveSchedule('every-6-hours', 'UTC')).toMatchObject({
      ok: true,
      value: { cron: '0 */6 * * *' },
    });
    expect(resolveSchedule('every-4-hours', 'UTC')).toMatchObject({
      ok: true,
      value: { cron: '0 */4 * * *' },
    });
  });
});

describe('splitScheduleArgs', () => {
  it('finds the zone after a schedule typed unquoted, or takes the separate option', () => {
    expect(splitScheduleArgs('30 7 * * 1-5 America/New_York', null)).toEqual({
      when: '30 7 * * 1-5',
      zone: 'America/New_York',
    });
    expect(splitScheduleArgs('30 7 * * 1-5', null)).toEqual({ when: '30 7 * * 1-5', zone: null });
    expect(splitScheduleArgs('daily-08:00 utc', null)).toEqual({ when: 'daily-08:00', zone: 'utc' });
    expect(splitScheduleArgs('daily Mars/Base', null)).toEqual({ when: 'daily', zone: 'Mars/Base' });
    expect(splitScheduleArgs('30 7 * * 1-5', 'Europe/Berlin')).toEqual({
      when: '30 7 * * 1-5',
      zone: 'Europe/Berlin',
    });
    // Weekday names are cron, not zones.
    expect(splitScheduleArgs('0 8 * * MON', null)).toEqual({ when: '0 8 * * MON', zone: null });
  });
});

describe('nextSlots', () => {
  it('reads the schedule in the subscription time zone, across a DST change', () => {
    const after = Date.UTC(2026, 9, 24, 12, 0); // Sat 24 Oct 2026; Berlin leaves DST on the 25th
    const slots = nextSlots('0 8 * * *', 'Europe/Berlin', after, 2).map((t) => new Date(t).toISOString());
    expect(slots).toEqual(['2026-10-25T07:00:00.000Z', '2026-10-26T07:00:00.000Z']);
  });

  it('returns slots strictly after the given time', () => {
    const at = Date.UTC(2026, 10, 28, 8, 0);
    expect(nextSlots('0 8 * * *', 'UTC', at, 1)).toEqual([at + 86_400_000]);
  });
});
