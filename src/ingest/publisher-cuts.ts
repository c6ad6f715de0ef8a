/**
 * Descriptions a publisher cut at a fixed number of characters ("…tend to write any number of
 * standard or stock colu"), with no "…" to say so. One document shows it by its structure: several
 * texts end at the same length, none is longer, and they stop mid-sentence. Those texts lose the
 * word the cut split and are given the "…" their publisher left out, so summaries treat the last
 * sentence as the cut it is.
 */

/** Items of one document that must share the cut length, and the share of them… */
const MIN_ITEMS = 3;
const MIN_SHARE = 0.3;
/** …within this many characters of it: trimming and decoded entities shorten a cut text a little. */
const SLACK = 3;
/** A shorter "cut" is a feed of one-liners. */
const MIN_CUT_CHARS = 40;
/** A text that ends a sentence, perhaps inside a closing quote or bracket. */
const ENDED = /[.!?…:;][\p{Pf}"')\]]*$/u;

/** What cut detection reads and rewrites of an item. */
export interface CutItem {
  readonly text: string;
}

/** The length every cut text of the document stops at, or null when the document shows none. */
function cutLength(items: readonly CutItem[]): number | null {
  const lengths = new Map<number, number>();
  let longest = 0;
  for (const { text } of items) {
    longest = Math.max(longest, text.length);
    if (text.length >= MIN_CUT_CHARS && !ENDED.test(text))
      lengths.set(text.length, (lengths.get(text.length) ?? 0) + 1);
  }
  const needed = Math.max(MIN_ITEMS, Math.ceil(items.length * MIN_SHARE));
  if (longest < MIN_CUT_CHARS) return null;
  let near = 0;
  for (let length = longest - SLACK; length <= longest; length++) near += lengths.get(length) ?? 0;
  return near >= needed ? longest : null;
}

/** The text up to its last whole word, then "…": a cut at a fixed length most often splits a word. */
function endedAtWord(text: string): string {
  const trimmed = text.trimEnd();
  const space = trimmed.search(/\s\S*$/u);
  return `${space > 0 ? trimmed.slice(0, space) : trimmed}…`;
}

/** The items, each text the publisher cut at the document's fixed length ending "…" after a whole word. */
export function markPublisherCuts<T extends CutItem>(items: readonly T[]): T[] {
  if (items.length < MIN_ITEMS) return [...items];
  const length = cutLength(items);
  if (length === null) return [...items];
  return items.map((item) =>
    item.text.length >= length - SLACK && !ENDED.test(item.text)
      ? { ...item, text: endedAtWord(item.text) }
      : item,
  );
}
