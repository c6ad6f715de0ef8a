import { forEachMarkup } from './markup-scan.js';
import { NOT_XML_CHARS } from './xml-chars.js';

/** Most elements a repair closes. */
const MAX_OPEN_ELEMENTS = 256;

/** End of the last complete item or entry, or -1. */
function lastEntryEnd(text: string): number {
  let best = -1;
  for (const close of ['</item>', '</entry>']) {
    const at = text.lastIndexOf(close);
    if (at !== -1) best = Math.max(best, at + close.length);
  }
  return best;
}

/** Names of the elements still open at the end of `text`, outermost first. */
async function openElements(text: string): Promise<string[]> {
  const stack: string[] = [];
  // How many of each name are open: a stray close tag is known stray without a search of the stack.
  const open = new Map<string, number>();
  await forEachMarkup(text, ({ name, closing, selfClosing }) => {
    // A self-closing tag (`<br/>`, `<link href="…"/>`) opens nothing.
    if (name === null || selfClosing) return true;
    if (!closing) {
      stack.push(name);
      open.set(name, (open.get(name) ?? 0) + 1);
      return true;
    }
    // A stray close tag is ignored; one that closes an ancestor implicitly closes what is inside.
    if ((open.get(name) ?? 0) === 0) return true;
    // Every element popped here was pushed once: the whole scan stays linear.
    for (let closed = stack.pop(); closed !== undefined; closed = stack.pop()) {
      open.set(closed, (open.get(closed) ?? 1) - 1);
      if (closed === name) break;
    }
    return true;
  });
  return stack;
}

/**
 * True when every close tag closes the element opened last and none is left open: what a strict
 * XML parser requires of the tags. sax, under rss-parser, reports an unexpected close tag once per
 * element still open, so a document of many opens and many stray closes costs it their product;
 * one pass here tells the parse to skip that parser for one that cannot be made to do so.
 */
export async function isWellNested(text: string): Promise<boolean> {
  const stack: string[] = [];
  const nested = await forEachMarkup(text, ({ name, closing, selfClosing }) => {
    if (name === null || selfClosing) return true;
    if (!closing) stack.push(name);
    else if (stack.pop() !== name) return false;
    return true;
  });
  return nested && stack.length === 0;
}

const RSS_OPEN = /<rss\b[^<>]*>/;
const CHANNEL_OPEN = /<channel[\s>]/;

/** RSS whose items sit directly under `<rss>`: a `<channel>` around them makes it readable. */
function withChannel(text: string): string {
  const open = RSS_OPEN.exec(text);
  if (open === null || CHANNEL_OPEN.test(text)) return text;
  const start = open.index + open[0].length;
  const close = text.lastIndexOf('</rss>');
  const end = close === -1 ? text.length : close;
  return `${text.slice(0, start)}<channel>${text.slice(start, end)}</channel>${text.slice(end)}`;
}

/**
 * A best-effort well-formed version of a broken feed: forbidden characters removed, a missing RSS
 * `<channel>` added, the text kept up to the last complete `</item>` or `</entry>`, and the
 * elements still open there closed. Returns null when nothing would change.
 */
export async function repairFeedXml(text: string): Promise<string | null> {
  const clean = withChannel(text.replace(NOT_XML_CHARS, ''));
  const end = lastEntryEnd(clean);
  if (end === -1) return clean === text ? null : clean;
  const head = clean.slice(0, end);
  const open = await openElements(head);
  // A truncated feed leaves a handful of elements open; thousands are markup gone wrong, and
  // closing them only hands the parsers a document as costly as the one they just refused.
  if (open.length > MAX_OPEN_ELEMENTS) return null;
  const closing = open
    .reverse()
    .map((name) => `</${name}>`)
    .join('');
  const repaired = head + closing;
  return repaired === text ? null : repaired;
}
