import { CronExpressionParser } from 'cron-parser';
import { validate as nodeCronValidates } from 'node-cron';
import { err, ok, type Result } from '../core/result.js';
import { canonicalTimeZone } from '../core/time-zone.js';

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

const PRESET_LIST = `Presets: ${schedulePresetNames.join(', ')}; or a cron expression such as 30 7 * * 1-5.`;
/** A preset's family word followed by something: `daily-25:00`, `weekdays 7`, `every-5-hours`. */
const presetShaped = /^(daily|weekdays|weekly|hourly|every|twice)\b[-@ ]?(.*)$/;
const timeOfDay = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const everyHours = /^(\d{1,2})-hours?$/;

function timedPreset(kind: 'daily' | 'weekdays', time: string): Result<ScheduleSpec, string> {
  const match = timeOfDay.exec(time);
  if (!match) {
    const shown = time.slice(0, 20) || 'nothing';
    return err(`${shown} is not a time of day: ${kind}-HH:MM takes 00:00 to 23:59, e.g. ${kind}-07:30.`);
  }
  const [, hour = '8', minute = '0'] = match;
  return ok({
    cron: `${Number(minute)} ${Number(hour)} * * ${kind === 'daily' ? '*' : '1-5'}`,
    description: `${kind} at ${hour.padStart(2, '0')}:${minute}`,
  });
}

/** A preset's family with the wrong rest gets a message about presets, not about cron fields. */
function presetFamily(family: string, rest: string): Result<ScheduleSpec, string> {
  if (family === 'daily' || family === 'weekdays') return timedPreset(family, rest);
  if (family === 'every') {
    const hours = everyHours.exec(rest);
    const n = Number(hours?.[1] ?? 0);
    if (hours && n >= 1 && n <= 12) {
      return ok({ cron: n === 1 ? '0 * * * *' : `0 */${n} * * *`, description: `every ${n} hours` });
    }
    return err(
      `"every-${rest.slice(0, 20)}" is not a preset: every-N-hours takes N from 1 to 12. ${PRESET_LIST}`,
    );
  }
  return err(`"${family}" takes nothing after it. ${PRESET_LIST}`);
}

/** Next `count` slots strictly after `after`, in epoch ms. Assumes a valid expression. */
export function nextSlots(cron: string, timeZone: string, after: number, count: number): number[] {
  const iterator = CronExpressionParser.parse(cron, { currentDate: new Date(after), tz: timeZone });
  const slots: number[] = [];
  for (let i = 0; i < count; i++) slots.push(iterator.next().getTime());
  return slots;
}

function parseCron(cron: string, timeZone: string): Result<ScheduleSpec, string> {
  const fields = cron.trim().split(/\s+/);
  const shown = fields.join(' ').slice(0, 60);
  if (fields.length === 6)
    return err(
      `Digests are scheduled by the minute: give five fields (minute hour day month weekday), not six.`,
    );
  if (fields.length !== 5)
    return err(
      `A cron expression has five fields (minute hour day month weekday); "${shown}" has ${fields.length}. ${PRESET_LIST}`,
    );
  const normalized = fields.join(' ');
  let slots: number[] = [];
  try {
    if (nodeCronValidates(normalized)) slots = nextSlots(normalized, timeZone, Date.UTC(2030, 0, 1), 12);
  } catch {
    slots = [];
  }
  if (slots.length === 0)
    return err(`"${shown}" is not a valid cron expression (minute hour day month weekday).`);
  for (let i = 1; i < slots.length; i++) {
    const gap = (slots[i] ?? 0) - (slots[i - 1] ?? 0);
    if (gap < MIN_GAP_MS) return err('Digests can be at most every 15 minutes.');
  }
  return ok({ cron: normalized, description: `on cron "${normalized}"` });
}

/**
 * Turns a preset (`hourly`, `daily-08:00`, `weekdays-07:30`, `every-6-hours`, `weekly`...) or a
 * five-field cron expression into a schedule; the error says what is wrong in words.
 */
export function resolveSchedule(when: string, timeZone: string): Result<ScheduleSpec, string> {
  const text = when.trim().toLowerCase();
  const preset = presets[text];
  if (preset) return ok(preset);
  const family = presetShaped.exec(text);
  if (family?.[1] !== undefined) return presetFamily(family[1], family[2] ?? '');
  if (/^[\d*]/.test(text) || /\s/.test(text)) return parseCron(when, timeZone);
  return err(`"${when.trim().slice(0, 40)}" is neither a preset nor a cron expression. ${PRESET_LIST}`);
}

/** "UTC+2", "GMT-05:30": an offset written where a time zone goes. */
export const UTC_OFFSET = /^(?:(?:utc|gmt)\s*)?[+\-−]\s*\d{1,2}(?::?\d{2})?$/iu;

/**
 * Splits what was typed after `/schedule` into the schedule and its time zone: the zone is the
 * separate option when given, else a last word that names a zone (`30 7 * * 1-5 America/New_York`
 * typed unquoted).
 */
export function splitScheduleArgs(
  when: string,
  timezone: string | null,
): { readonly when: string; readonly zone: string | null } {
  if (timezone !== null && timezone.trim() !== '') return { when: when.trim(), zone: timezone.trim() };
  const words = when.trim().split(/\s+/);
  const last = words.at(-1) ?? '';
  // A last word with a slash, or an offset ("UTC+2"), is meant as a zone even when it names none:
  // say so, not "bad time".
  const zoneLike =
    UTC_OFFSET.test(last) ||
    (/[a-z]/i.test(last) && (last.includes('/') || canonicalTimeZone(last) !== null));
  if (words.length > 1 && zoneLike) return { when: words.slice(0, -1).join(' '), zone: last };
  return { when: when.trim(), zone: null };
}
