import { formatterFor } from './time-zone-formats.js';

/** British English abbreviates September as "Sept" beside "Jun" and "Dec"; cards use three letters. */
const threeLetterMonths = (text: string): string => text.replace(/\bSept\b/u, 'Sep');

/**
 * `Sat 28 Nov 18:00 (Europe/Berlin)` in the given IANA zone; `Tue 7 Dec 2027 14:34 (UTC)` when
 * given `now` and the time falls in another year, so a year-long mute does not read as ending today.
 */
export function formatSlot(ms: number, timeZone: string, now?: number): string {
  const year = formatterFor(timeZone, { year: 'numeric' });
  const withYear = now !== undefined && year.format(ms) !== year.format(now);
  const text = formatterFor(timeZone, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(ms)
    .replace(/,/g, '');
  return `${threeLetterMonths(text)} (${timeZone})`;
}

/** `5 min ago`, `3 h ago`, `2 days ago`: coarse, for health lines and footers. */
export function formatAgo(ms: number, now: number): string {
  const minutes = Math.max(0, Math.round((now - ms) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

/** `Sat 28 Nov` in the given zone. */
export function formatDay(ms: number, timeZone: string): string {
  return threeLetterMonths(
    formatterFor(timeZone, { weekday: 'short', day: 'numeric', month: 'short' }).format(ms).replace(',', ''),
  );
}

/**
 * An absolute time for text that stays on screen: `16:05` on the day of `reference`, else
 * `Fri 27 Nov 16:05`, with the year when it is another (`Sun 23 Jul 2023 16:05`), in the given
 * zone. Unlike "3 h ago", it is still right when read later.
 */
export function formatWhen(ms: number, timeZone: string, reference: number): string {
  const time = formatterFor(timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
  const day = formatDay(ms, timeZone);
  if (day === formatDay(reference, timeZone)) return time;
  const year = formatterFor(timeZone, { year: 'numeric' });
  const other = year.format(ms);
  return other === year.format(reference) ? `${day} ${time}` : `${day} ${other} ${time}`;
}
