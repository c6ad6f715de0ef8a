import { createTimeSlicer } from '../core/time-slice.js';

// Constructs whose content is not markup are matched whole so that a tag inside a comment or
// CDATA does not count. Each alternative stops at its terminator, the next `<`, or the end of the
// input, so the scan stays linear on hostile text. Groups: 1 the `/` of a close tag, 2 the tag's
// name, 3 what follows the name (a trailing `/` marks a self-closing tag).
const MARKUP =
  /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)|<\?[\s\S]*?(?:\?>|$)|<![^<>]*>?|<(\/?)([A-Za-z_][\w.:-]*)((?:[^<>\w.:-][^<>]*)?)>/g;

/** Work between two turns of the event loop: a hostile 5 MiB feed holds a million tags. */
const SLICE_MS = 20;
/** Constructs read between two looks at the clock. */
const CHECK_EVERY = 1024;

/** What a visitor is told of one tag; null fields for a comment, CDATA, declaration or instruction. */
export interface MarkupTag {
  /** Null for constructs that are not elements. */
  readonly name: string | null;
  readonly closing: boolean;
  readonly selfClosing: boolean;
  readonly index: number;
  readonly end: number;
}

/**
 * Calls `visit` for each markup construct of `text` in order, with a turn of the event loop
 * whenever a slice of work is used up. Stops early when `visit` returns false, and then resolves
 * to false; to true when every construct was visited.
 */
export async function forEachMarkup(
  text: string,
  visit: (tag: MarkupTag) => boolean | undefined,
): Promise<boolean> {
  const slicer = createTimeSlicer(SLICE_MS);
  const pattern = new RegExp(MARKUP.source, 'g');
  let seen = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const name = match[2] ?? null;
    const tag: MarkupTag = {
      name,
      closing: match[1] === '/',
      selfClosing: name !== null && match[3]?.endsWith('/') === true,
      index: match.index,
      end: match.index + match[0].length,
    };
    if (visit(tag) === false) return false;
    if (++seen % CHECK_EVERY === 0) await slicer.pause();
  }
  return true;
}
