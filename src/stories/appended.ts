/**
 * Lists shorter than this are copied whole to grow by one: V8 gives a pushed array room for 16
 * more elements (about 200 bytes for a list of two, against 64 for an exact copy), and most of
 * the window's lists (a story's members, the stories under one word) stay this short.
 */
const COPIED_BELOW = 16;

/** `list` with `value` at its end: a new, exactly sized array while short, the same one after. */
export function appended<T>(list: T[], value: T): T[] {
  if (list.length >= COPIED_BELOW) {
    list.push(value);
    return list;
  }
  return list.concat([value]);
}
