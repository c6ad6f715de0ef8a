// One tag at a time: a comment, or an element's open or close tag with its name. Each alternative
// stops at its terminator, the next `<` or the end: one pass over hostile text.
const TAG = /<!--[\s\S]*?(?:-->|$)|<(\/?)([A-Za-z][\w.:-]*)((?:[^<>\w.:-][^<>]*)?)>/g;

// Elements that never close in HTML.
const VOID = new Set('area base br col embed hr img input link meta param source track wbr'.split(' '));

/** How a page's tags nest, counted without building it. */
export interface TagShape {
  /** Deepest nesting, counting every element left open as still open (an upper bound). */
  readonly maxDepth: number;
  /** Close tags naming no open element. */
  readonly strayCloses: number;
}

/**
 * The nesting of `text`'s tags in one pass. HTML parsers search their stack of open elements for
 * every close tag (htmlparser2, under linkedom, with `lastIndexOf`), so stray closes times depth
 * is what a page costs them: 130,000 opens and as many stray closes took linkedom seconds.
 */
export function tagShape(text: string): TagShape {
  const stack: string[] = [];
  const open = new Map<string, number>();
  let maxDepth = 0;
  let strayCloses = 0;
  for (const match of text.matchAll(TAG)) {
    const name = match[2]?.toLowerCase();
    if (name === undefined || VOID.has(name) || match[3]?.endsWith('/') === true) continue;
    if (match[1] !== '/') {
      stack.push(name);
      open.set(name, (open.get(name) ?? 0) + 1);
      maxDepth = Math.max(maxDepth, stack.length);
      continue;
    }
    if ((open.get(name) ?? 0) === 0) {
      strayCloses++;
      continue;
    }
    // Each element is popped once: the scan stays linear.
    for (let closed = stack.pop(); closed !== undefined; closed = stack.pop()) {
      open.set(closed, (open.get(closed) ?? 1) - 1);
      if (closed === name) break;
    }
  }
  return { maxDepth, strayCloses };
}

/** Stray close tags times nesting depth a page may have: a few milliseconds of an HTML parser's time. */
export const MAX_STRAY_WORK = 5_000_000;

/** True when parsing the text would cost an HTML parser more than its bound (see {@link tagShape}). */
export function tooTangled(text: string, maxDepth: number): boolean {
  const shape = tagShape(text);
  return shape.maxDepth > maxDepth || shape.strayCloses * shape.maxDepth > MAX_STRAY_WORK;
}
