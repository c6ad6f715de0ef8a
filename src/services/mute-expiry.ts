import { durationProblem, parseDuration } from '../core/duration.js';
import { UserError } from '../core/errors.js';

/** The longest a mute may be set to run; longer is a permanent mute, which needs no expiry. */
const MAX_EXPIRY_MS = 366 * 24 * 3_600_000;
/**
 * A last word that looks like an attempt at a duration: digits, then a unit (`7d`, `3wk`, `2x`),
 * perhaps signed (`-1d`).
 */
const durationLike = /^[-−+]?\d+(?:[.,]\d+)?[a-z]{1,7}$/i;

/** Words that say "no end": the same as leaving the duration out. */
const FOR_GOOD = /^(?:forever|for ever|for good|permanently|indefinitely)$/i;

const TOO_LONG = 'A mute runs out after a year at most; leave the duration out to mute for good.';

function expiryMs(text: string): number {
  const ms = parseDuration(text);
  if (ms === null) {
    const problem = durationProblem(text);
    if (problem === 'too long') throw new UserError('bad_argument', TOO_LONG);
    throw new UserError(
      'bad_argument',
      problem === 'negative'
        ? `A mute runs from now on: write ${text.trim().slice(1, 40)}, not "${text.trim().slice(0, 40)}".`
        : `"${text.slice(0, 40)}" is not a duration. Write one such as 12h, 7d or 2w.`,
    );
  }
  if (ms > MAX_EXPIRY_MS) throw new UserError('bad_argument', TOO_LONG);
  if (ms < 60_000) throw new UserError('bad_argument', 'A mute lasts a minute at least.');
  return ms;
}

/**
 * Splits `/mute sport 7d` into the term and how long it lasts, in milliseconds (null: for good).
 * An expiry given apart (Discord's option) wins; otherwise the last word (or two, as in `2 days`)
 * is one when it reads as a duration, as is what follows "for" ("for a week", "for 3d"), and
 * "forever" or "for good" mutes without an end. A last word that looks like one but is not (`7x`) is refused
 * rather than muted as part of the term; a quoted term is taken as it is.
 */
export function splitMuteExpiry(
  typed: string,
  expiry: string | null,
): { readonly term: string; readonly durationMs: number | null } {
  if (expiry !== null && expiry.trim() !== '') {
    const given = expiry.trim();
    return { term: typed, durationMs: FOR_GOOD.test(given) ? null : expiryMs(given) };
  }
  const words = typed.trim().split(/\s+/);
  if (words.length < 2 || /["'“”]$/.test(typed.trim())) return { term: typed, durationMs: null };
  const two = words.slice(-2).join(' ');
  if (words.length >= 3 && FOR_GOOD.test(two))
    return { term: words.slice(0, -2).join(' '), durationMs: null };
  if (FOR_GOOD.test(words.at(-1) ?? '')) return { term: words.slice(0, -1).join(' '), durationMs: null };
  // "rugby for a week", "football for 3d": "for" says what follows is how long.
  const forAt = words.findLastIndex((word) => word.toLowerCase() === 'for');
  if (forAt >= 1 && forAt < words.length - 1) {
    const span = words
      .slice(forAt + 1)
      .join(' ')
      .replace(/^an?\s+(?=\p{L})/iu, '1 ');
    if (parseDuration(span) !== null || durationLike.test(span))
      return { term: words.slice(0, forAt).join(' '), durationMs: expiryMs(span) };
  }
  if (words.length >= 3 && /^\d/.test(two) && parseDuration(two) !== null) {
    return { term: words.slice(0, -2).join(' '), durationMs: expiryMs(two) };
  }
  const last = words.at(-1) ?? '';
  if (durationLike.test(last) || parseDuration(last) !== null) {
    return { term: words.slice(0, -1).join(' '), durationMs: expiryMs(last) };
  }
  return { term: typed, durationMs: null };
}
