import { forEachMarkup } from './markup-scan.js';

const ENTRY_NAME = /^(?:[A-Za-z_][\w.-]*:)?(?:item|entry)$/;

/**
 * The document cut into smaller documents that each hold a run of whole entries: everything before
 * the first entry, the run, and everything after the last. A parser that reads a document in one
 * piece can then read a large feed a piece at a time. Null when the entries are not balanced
 * elements, or when the document is small enough to read whole.
 */
export async function entrySlices(xml: string, maxChars: number): Promise<string[] | null> {
  if (xml.length <= maxChars) return null;
  const bounds: number[] = [];
  let depth = 0;
  let start = 0;
  await forEachMarkup(xml, ({ name, closing, selfClosing, index, end }) => {
    if (name === null || selfClosing || !ENTRY_NAME.test(name)) return true;
    if (!closing) {
      if (depth === 0) start = index;
      depth++;
    } else if (depth > 0 && --depth === 0) {
      bounds.push(start, end);
    }
    return true;
  });
  if (depth !== 0 || bounds.length < 4) return null;
  const head = xml.slice(0, bounds[0]);
  const tail = xml.slice(bounds[bounds.length - 1]);
  const pieces: string[] = [];
  // Only the entries themselves: what lies between two entries is whitespace in a sound feed,
  // and stray markup there would cost a lenient parser the rest of its piece.
  let run: string[] = [];
  let runChars = 0;
  for (let i = 0; i + 1 < bounds.length; i += 2) {
    const entry = xml.slice(bounds[i], bounds[i + 1]);
    run.push(entry);
    runChars += entry.length;
    if (runChars >= maxChars || i + 2 >= bounds.length) {
      pieces.push(head + run.join('') + tail);
      run = [];
      runChars = 0;
    }
  }
  return pieces;
}
