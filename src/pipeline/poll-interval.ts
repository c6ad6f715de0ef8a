/**
 * Each feed's own poll interval, between configured bounds: a feed that publishes every few
 * minutes is read often, one that publishes twice a week rarely, and none more often than its
 * publisher asked (HTTP freshness, `<ttl>`, `sy:updatePeriod`).
 */

/** Interval settings (a slice of the polling configuration). */
export interface IntervalPolicy {
  /** A feed with nothing to go on. */
  readonly intervalMinutes: number;
  readonly minIntervalMinutes: number;
  readonly maxIntervalMinutes: number;
}

/** What a poll learned about a feed's cadence; null where it learned nothing. */
export interface CadenceHints {
  /** Freshness lifetime the response declared (`Cache-Control`, `Expires`). */
  readonly httpMaxAgeMs: number | null;
  /** The feed's `<ttl>` or syndication-module period. */
  readonly declaredMs: number | null;
  /** Publication times of the items the feed listed (a 304 lists none). */
  readonly publishedAt: readonly number[];
  /** The interval the feed had after its last successful poll, if known. */
  readonly previousMs: number | null;
}

/** Items looked at for the publishing rate: recent cadence, not a feed's history. */
const RATE_ITEMS = 10;
/** Polling twice per expected item keeps the delay to half a gap on average. */
const POLLS_PER_ITEM = 2;

/** The mean gap between a feed's newest items, or null when it lists too few to tell. */
export function publishingGapMs(publishedAt: readonly number[], now: number): number | null {
  const times = publishedAt
    .filter((t) => Number.isFinite(t) && t <= now)
    .sort((a, b) => b - a)
    .slice(0, RATE_ITEMS);
  const newest = times[0];
  const oldest = times[times.length - 1];
  if (times.length < 3 || newest === undefined || oldest === undefined) return null;
  // A feed silent for longer than its usual gap is slowing down: the silence counts as a gap.
  const span = Math.max(newest - oldest, 1) + Math.max(now - newest, 0);
  return span / (times.length - 1);
}

/** How long until a successfully polled feed is polled again, in milliseconds, within the bounds. */
export function feedIntervalMs(policy: IntervalPolicy, hints: CadenceHints, now: number): number {
  const min = policy.minIntervalMinutes * 60_000;
  const max = Math.max(policy.maxIntervalMinutes * 60_000, min);
  const gap = publishingGapMs(hints.publishedAt, now);
  const observed =
    gap === null ? (hints.previousMs ?? policy.intervalMinutes * 60_000) : gap / POLLS_PER_ITEM;
  // The publisher's word only ever lengthens the interval: polling sooner than it asked gains nothing.
  const asked = Math.max(hints.httpMaxAgeMs ?? 0, hints.declaredMs ?? 0);
  return Math.round(Math.min(Math.max(observed, asked, min), max));
}
