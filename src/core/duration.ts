const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
// Calendar units as people mean them in a duration: a month of 30 days, a year of 365.
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

/** Spellings people use for each unit. */
const spellings: Readonly<Record<string, readonly string[]>> = {
  [SECOND]: ['s', 'sec', 'secs', 'second', 'seconds'],
  [MINUTE]: ['m', 'min', 'mins', 'minute', 'minutes'],
  [HOUR]: ['h', 'hr', 'hrs', 'hour', 'hours'],
  [DAY]: ['d', 'day', 'days'],
  [WEEK]: ['w', 'wk', 'wks', 'week', 'weeks'],
  [MONTH]: ['mo', 'mos', 'month', 'months'],
  [YEAR]: ['y', 'yr', 'yrs', 'year', 'years'],
};
const unitMs = new Map(Object.entries(spellings).flatMap(([ms, names]) => names.map((n) => [n, Number(ms)])));

/** Longer than any window worth asking for; keeps the arithmetic far from overflow. */
const MAX_DURATION_MS = 3_650 * DAY;

const iso =
  /^P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/i;

function fromIso(text: string): number | null {
  const match = iso.exec(text);
  if (!match || text.toUpperCase() === 'P' || text.toUpperCase().endsWith('T')) return null;
  const [, y, mo, w, d, h, m, s] = match;
  const amount = (value: string | undefined): number =>
    value === undefined ? 0 : Number(value.replace(',', '.'));
  return (
    amount(y) * YEAR +
    amount(mo) * MONTH +
    amount(w) * WEEK +
    amount(d) * DAY +
    amount(h) * HOUR +
    amount(m) * MINUTE +
    amount(s) * SECOND
  );
}

/** Why a text is no duration {@link parseDuration} takes. */
export type DurationProblem = 'unreadable' | 'negative' | 'too long';

/** What is wrong with a duration: null when {@link parseDuration} reads it. */
export function durationProblem(text: string): DurationProblem | null {
  if (parseDuration(text) !== null) return null;
  const trimmed = text.trim();
  if (/^[-−]/u.test(trimmed) && unbounded(trimmed.slice(1)) !== null) return 'negative';
  const total = unbounded(trimmed);
  return total !== null && total > MAX_DURATION_MS ? 'too long' : 'unreadable';
}

/**
 * Reads a duration as people write it: `24h`, `90m`, `1h30m`, `1.5 hours`, `2 days`, `1w`, `3mo`,
 * `1 year` or ISO 8601 (`PT36H`, `P1Y`). Returns milliseconds, or null when the text is not a
 * positive duration of ten years at most ({@link durationProblem} says which).
 */
export function parseDuration(text: string): number | null {
  const total = unbounded(text.trim());
  return total !== null && total > 0 && total <= MAX_DURATION_MS ? Math.round(total) : null;
}

function unbounded(trimmed: string): number | null {
  if (trimmed === '') return null;
  let total = trimmed.toUpperCase().startsWith('P') ? fromIso(trimmed) : null;
  if (total === null) {
    const parts = amountsAndUnits(trimmed);
    if (parts === null || parts.length === 0) return null;
    total = 0;
    for (const [amount, name] of parts) {
      const unit = unitMs.get(name.toLowerCase());
      if (unit === undefined) return null;
      total += Number(amount.replace(',', '.')) * unit;
    }
  }
  return Number.isFinite(total) ? total : null;
}

/**
 * "1h30m", "2 days, 4 hours" as [amount, unit] pairs, or null when the text is anything else. Read
 * token by token: the token classes share no character, so nothing is scanned twice.
 */
function amountsAndUnits(text: string): [string, string][] | null {
  const tokens = [...text.matchAll(/\d+(?:[.,]\d+)?|[a-z]+|[\s,]+|[^\s,a-z\d]/giu)]
    .map((m) => m[0])
    .filter((token) => token.trim() !== '' && token.trim() !== ',');
  if (tokens.length % 2 !== 0) return null;
  const pairs: [string, string][] = [];
  for (let i = 0; i < tokens.length; i += 2) {
    const amount = tokens[i] ?? '';
    const unit = tokens[i + 1] ?? '';
    if (!/^\d/u.test(amount) || !/^[a-z]/iu.test(unit)) return null;
    pairs.push([amount, unit]);
  }
  return pairs;
}
