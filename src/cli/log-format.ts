import { terminalSafe } from '../platforms/console/render.js';

const levels: Readonly<Record<number, string>> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

const clock = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Longest value shown: a log line stays one line a person can read. */
const MAX_VALUE = 160;

function valueText(value: unknown): string {
  if (value !== null && typeof value === 'object') {
    // pino's error serialiser: the message says it; the stack is in the JSON format.
    const message = (value as { message?: unknown }).message;
    if (typeof message === 'string') return valueText(message);
  }
  // Values come from parsed JSON, so stringifying them again always gives text.
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const clipped = text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
  const flat = terminalSafe(clipped.replace(/\s+/g, ' '));
  return typeof value === 'string' && /[\s="]/.test(flat) ? JSON.stringify(flat) : flat;
}

/**
 * Turns one pino JSON line into `12:03:04 WARN feed poll failed · feed=… reason=dns`: the time,
 * the level, the message, then each field. A line that is not pino's JSON is returned as it is.
 */
export function formatLogLine(line: string): string {
  let record: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return line.trimEnd();
    record = parsed as Record<string, unknown>;
  } catch {
    return line.trimEnd();
  }
  const { level, time, msg, ...rest } = record;
  // Process fields say nothing to someone reading a terminal.
  const fields = Object.entries(rest).filter(([key]) => key !== 'pid' && key !== 'hostname');
  const levelName = typeof level === 'number' ? (levels[level] ?? String(level)) : 'LOG';
  const when = typeof time === 'number' ? clock.format(time) : '';
  const message = typeof msg === 'string' ? terminalSafe(msg) : '';
  const shown = fields
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${valueText(value)}`);
  const head = [when, levelName, message].filter(Boolean).join(' ');
  return shown.length > 0 ? `${head} · ${shown.join(' ')}` : head;
}
