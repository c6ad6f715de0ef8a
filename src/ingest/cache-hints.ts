/**
 * How often a publisher says its feed is worth fetching: HTTP caching headers on any response,
 * and the feed's own `<ttl>` (RSS 2.0) or `sy:updatePeriod`/`sy:updateFrequency` (RSS 1.0
 * syndication module). Every value is the publisher's claim and is clamped by the caller.
 */

/** Upper bound on any hint read here; beyond a week a value is a mistake, not a schedule. */
const WEEK_MS = 7 * 24 * 3_600_000;

const SY_PERIOD_MS: Readonly<Record<string, number>> = {
  hourly: 3_600_000,
  daily: 24 * 3_600_000,
  weekly: 7 * 24 * 3_600_000,
  monthly: 30 * 24 * 3_600_000,
  yearly: 365 * 24 * 3_600_000,
};

/** How far into a feed the channel-level elements are looked for: they come before the items. */
const HEAD_CHARS = 16_384;

function bounded(ms: number): number | null {
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, WEEK_MS) : null;
}

/**
 * Freshness lifetime from `Cache-Control` (`s-maxage`, then `max-age`; `no-cache`/`no-store` say
 * nothing about cadence) or else `Expires` against the response's `Date` (or `now`).
 */
export function httpMaxAgeMs(
  cacheControl: string | null,
  expires: string | null,
  date: string | null,
  now: number,
): number | null {
  if (cacheControl !== null) {
    const directives = new Map<string, string>();
    for (const part of cacheControl.toLowerCase().split(',')) {
      const [name = '', value = ''] = part.trim().split('=', 2);
      directives.set(name.trim(), value.trim().replace(/^"|"$/g, ''));
    }
    for (const name of ['s-maxage', 'max-age']) {
      const value = directives.get(name);
      if (value !== undefined && /^\d{1,9}$/.test(value)) return bounded(Number(value) * 1_000);
    }
  }
  if (expires === null) return null;
  const at = Date.parse(expires);
  if (Number.isNaN(at)) return null;
  const served = date === null ? Number.NaN : Date.parse(date);
  return bounded(at - (Number.isNaN(served) ? now : served));
}

/** The interval a feed declares in its channel (`<ttl>` minutes, or the syndication module). */
export function declaredIntervalMs(text: string): number | null {
  const head = text.slice(0, HEAD_CHARS);
  // Only the channel's own: a <ttl> inside an item's content is not the feed's word.
  const channel = head.split(/<(?:item|entry)[\s>]/iu, 1)[0] ?? '';
  const ttl = /<ttl>\s*(\d{1,7})\s*<\/ttl>/iu.exec(channel);
  if (ttl?.[1] !== undefined) return bounded(Number(ttl[1]) * 60_000);
  const period = /<sy:updatePeriod>\s*([a-z]+)\s*<\/sy:updatePeriod>/iu.exec(channel);
  if (period?.[1] === undefined) return null;
  const periodMs = SY_PERIOD_MS[period[1].toLowerCase()];
  if (periodMs === undefined) return null;
  const frequency = /<sy:updateFrequency>\s*(\d{1,6})\s*<\/sy:updateFrequency>/iu.exec(channel);
  const times = frequency?.[1] === undefined ? 1 : Math.max(1, Number(frequency[1]));
  return bounded(periodMs / times);
}
