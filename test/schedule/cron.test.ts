import { describe, expect, it } from 'vitest';
import { nextSlots, resolveSchedule } from '../../src/schedule/cron.js';

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
