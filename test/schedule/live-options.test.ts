import { describe, expect, it } from 'vitest';
import { parseLiveRequest } from '../../src/schedule/live-options.js';

describe('parseLiveRequest', () => {
  it('reads live, a breaking lane and turning it off; leaves schedules alone', () => {
    expect(parseLiveRequest('live')).toEqual({ ok: true, value: { kind: 'live' } });
    expect(parseLiveRequest(' Breaking 5 30m ')).toEqual({
      ok: true,
      value: { kind: 'breaking', lane: { outlets: 5, windowMs: 30 * 60_000 } },
    });
    expect(parseLiveRequest('breaking 2 1h30m')).toMatchObject({
      value: { lane: { windowMs: 90 * 60_000 } },
    });
    expect(parseLiveRequest('breaking OFF')).toEqual({ ok: true, value: { kind: 'breaking', lane: null } });
    expect(parseLiveRequest('daily-08:00')).toBeNull();
    expect(parseLiveRequest('0 8 * * *')).toBeNull();
  });

  it('refuses a bad count or window in words, quoting at most 20 characters', () => {
    for (const [typed, says] of [
      ['live please', 'takes nothing after it'],
      ['breaking', 'takes a number of outlets and a time window'],
      ['breaking 5 30m extra', 'takes a number of outlets and a time window'],
      ['breaking 1 30m', 'from 2 to 50'],
      ['breaking 51 30m', 'from 2 to 50'],
      ['breaking 2.5 30m', 'from 2 to 50'],
      ['breaking five 30m', 'from 2 to 50'],
      ['breaking 5 59s', 'from 1 minute to 24 hours'],
      ['breaking 5 25h', 'from 1 minute to 24 hours'],
      ['breaking 5 never', 'from 1 minute to 24 hours'],
      [`breaking 5 ${'1'.repeat(10_000)}m`, 'from 1 minute to 24 hours'],
    ] as const) {
      const result = parseLiveRequest(typed);
      expect(result?.ok, typed.slice(0, 30)).toBe(false);
      const error = result !== null && !result.ok ? result.error : '';
      expect(error).toContain(says);
      expect(error.length).toBeLessThan(250);
    }
  });
});
