import { parseDuration } from '../cli/duration.js';
import { err, ok, type Result } from '../core/result.js';
import type { BreakingLane } from '../core/types.js';

/** What `/schedule live` and `/schedule breaking …` ask for. */
export type LiveRequest =
  | { readonly kind: 'live' }
  /** A lane to set, or null to turn it off. */
  | { readonly kind: 'breaking'; readonly lane: BreakingLane | null };

/** Fewer would make every story told twice breaking; more than the feeds a chat may follow is moot. */
export const MIN_BREAKING_OUTLETS = 2;
export const MAX_BREAKING_OUTLETS = 50;
export const MIN_BREAKING_WINDOW_MS = 60_000;
export const MAX_BREAKING_WINDOW_MS = 24 * 3_600_000;

const USAGE =
  'Use /schedule breaking <outlets> <window>, e.g. /schedule breaking 5 30m, or /schedule breaking off.';
const shown = (text: string): string => JSON.stringify(text.slice(0, 20));

/**
 * Reads `live` or `breaking <outlets> <window>` / `breaking off`; null when `when` is neither (a
 * preset or cron expression), an error in words when it is one of them with a bad argument.
 */
export function parseLiveRequest(when: string): Result<LiveRequest, string> | null {
  const words = when.trim().split(/\s+/);
  const [first = '', ...rest] = words;
  const head = first.toLowerCase();
  if (head === 'live') {
    return rest.length === 0 ? ok({ kind: 'live' }) : err('"live" takes nothing after it: /schedule live.');
  }
  if (head !== 'breaking') return null;
  if (rest.length === 1 && rest[0]?.toLowerCase() === 'off') return ok({ kind: 'breaking', lane: null });
  if (rest.length !== 2)
    return err(`The breaking lane takes a number of outlets and a time window. ${USAGE}`);
  const [count = '', window = ''] = rest;
  const outlets = /^\d{1,3}$/.test(count) ? Number(count) : NaN;
  if (!(outlets >= MIN_BREAKING_OUTLETS && outlets <= MAX_BREAKING_OUTLETS)) {
    return err(
      `${shown(count)} is not a number of outlets: give a whole number from ${MIN_BREAKING_OUTLETS} to ${MAX_BREAKING_OUTLETS}. ${USAGE}`,
    );
  }
  const windowMs = window.length <= 40 ? parseDuration(window) : null;
  if (windowMs === null || windowMs < MIN_BREAKING_WINDOW_MS || windowMs > MAX_BREAKING_WINDOW_MS) {
    return err(`${shown(window)} is not a time window from 1 minute to 24 hours (e.g. 30m, 2h). ${USAGE}`);
  }
  return ok({ kind: 'breaking', lane: { outlets, windowMs: Math.round(windowMs) } });
}
