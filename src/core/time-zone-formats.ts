/** Intl formatters are slow to build; a digest for every subscription would build the same ones again. */
const cache = new Map<string, Intl.DateTimeFormat>();

/** A cached `Intl.DateTimeFormat('en-GB', options)` for a time zone and a set of options. */
export function formatterFor(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let formatter = cache.get(key);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-GB', { ...options, timeZone });
    cache.set(key, formatter);
  }
  return formatter;
}
