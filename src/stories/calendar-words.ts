/**
 * Month and weekday names in a language, from the runtime's own locale data: every story of a
 * September day says "September", so the word tells no story from another.
 */

import { lightStem } from '../condense/tokens.js';

const cache = new Map<string, ReadonlySet<string>>();
// A week and a year of days in 2001, whose 1 January was a Monday: every weekday and month once.
const DAYS = Array.from({ length: 7 }, (_, i) => Date.UTC(2001, 0, 1 + i));
const MONTHS = Array.from({ length: 12 }, (_, i) => Date.UTC(2001, i, 15));

function names(language: string): Set<string> {
  const out = new Set<string>();
  const add = (options: Intl.DateTimeFormatOptions, times: readonly number[]): void => {
    let format: Intl.DateTimeFormat;
    try {
      format = new Intl.DateTimeFormat(language, { ...options, timeZone: 'UTC' });
    } catch {
      return;
    }
    for (const time of times)
      for (const word of format
        .format(time)
        .toLowerCase()
        .split(/[\s.]+/u))
        if (word.length > 1) out.add(lightStem(word));
  };
  for (const width of ['long', 'short'] as const) {
    add({ month: width }, MONTHS);
    add({ weekday: width }, DAYS);
  }
  return out;
}

/** Calendar words of the language and of English, stemmed as story terms are. */
export function calendarWords(language: string): ReadonlySet<string> {
  let words = cache.get(language);
  if (words === undefined) {
    words = new Set([...names('en'), ...names(language)]);
    cache.set(language, words);
  }
  return words;
}
