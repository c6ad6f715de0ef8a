import { CronExpressionParser } from 'cron-parser';
import { validate as nodeCronValidates } from 'node-cron';
import { err, ok, type Result } from '../core/result.js';

/** Digests closer together than this would flood a chat. */
const MIN_GAP_MS = 15 * 60_000;

/** A schedule ready to store: a five-field cron expression and its words for people. */
export interface ScheduleSpec {
  readonly cron: string;
  readonly description: string;
}

const presets: Readonly<Record<string, ScheduleSpec>> = {
  hourly: { cron: '0 * * * *', description: 'every hour' },
  'every-3-hours': { cron: '0 */3 * * *', description: 'every 3 hours' },
  'every-6-hours': { cron: '0 */6 * * *', description: 'every 6 hours' },
  'twice-daily': { cron: '0 8,18 * * *', description: 'daily at 08:00 and 18:00' },
  daily: { cron: '0 8 * * *', description: 'daily at 08:00' },
  weekdays: { cron: '0 8 * * 1-5', description: 'weekdays at 08:00' },
  weekly: { cron: '0 8 * * 1', description: 'weekly on Monday at 08:00' },
};

/** Names of the presets, for autocomplete and help. */
export const schedulePresetNames: readonly string[] = [
  'hourly',
  'every-3-hours',
  'daily-08:00',
  'daily-18:00',
  'weekdays-08:00',
  'weekly',
  'twice-daily',
];

const timedPreset = /^(daily|weekdays)[-@ ]?([01]?\d|2[0-3]):([0-5]\d)$/;

/** Next `count` slots strictly after `after`, in epoch ms. Assumes a valid expression. */
export function nextSlots(cron: string, timeZone: string, after: number, count: number): number[] {
  const iterator = CronExpressionParser.parse(cron, { currentDate: new Date(after), tz: timeZone });
  const slots: number[] = [];
  for (let i = 0; i < count; i++) slots.push(iterator.next().getTime());
  return slots;
}

function parseCron(cron: string, timeZone: string): Result<ScheduleSpec, string> {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return err('A cron expression has five fields: minute hour day month weekday.');
  const normalized = fields.join(' ');
  if (!nodeCronValidates(normalized)) return err(`"${cron}" is not a valid cron expression.`);
  let slots: number[];
  try {
    slots = nextSlots(normalized, timeZone, Date.UTC(2030, 0, 1), 12);
  } catch {
    return err(`"${cron}" is not a valid cron expression.`);
  }
  for (let i = 1; i < slots.length; i++) {
    const gap = (slots[i] ?? 0) - (slots[i - 1] ?? 0);
    if (gap < MIN_GAP_MS) return err('Digests can be at most every 15 minutes.');
  }
  return ok({ cron: normalized, description: `on cron "${normalized}"` });
}

/** Turns a preset (`hourly`, `daily-08:00`, `weekdays-07:30`, `weekly`...) or a cron expression into a schedule. */
export function resolveSchedule(when: string, timeZone: string): Result<ScheduleSpec, string> {
  const text = when.trim().toLowerCase();
  const preset = presets[text];
  if (preset) return ok(preset);
  const timed = timedPreset.exec(text);
  if (timed) {
    const [, kind, hour = '8', minute = '0'] = timed;
    const hh = hour.padStart(2, '0');
    const days = kind === 'daily' ? '*' : '1-5';
    return ok({
      cron: `${Number(minute)} ${Number(hour)} * * ${days}`,
      description: `${kind} at ${hh}:${minute}`,
    });
  }
  return parseCron(when, timeZone);
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
