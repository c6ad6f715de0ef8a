import { NOT_XML_CHARS } from './xml-chars.js';

// Markup before the cut: constructs whose content is not markup are matched whole so that a tag
// inside a comment or CDATA does not count. Each alternative stops at its terminator, the next
// `<`, or the end of the input, so the scan stays linear on hostile text.
const MARKUP =
  /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)|<\?[\s\S]*?(?:\?>|$)|<![^<>]*>?|<(\/?)([A-Za-z_][\w.:-]*)((?:[^<>\w.:-][^<>]*)?)>/g;

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
function openElements(text: string): string[] {
  const stack: string[] = [];
  for (const match of text.matchAll(MARKUP)) {
    const name = match[2];
    // A self-closing tag (`<br/>`, `<link href="…"/>`) opens nothing.
    if (name === undefined || match[3]?.endsWith('/') === true) continue;
    if (match[1] !== '/') {
      stack.push(name);
      continue;
    }
    const at = stack.lastIndexOf(name);
    // A stray close tag is ignored; one that closes an ancestor implicitly closes what is inside.
    if (at !== -1) stack.length = at;
  }
  return stack;
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
export function repairFeedXml(text: string): string | null {
  const clean = withChannel(text.replace(NOT_XML_CHARS, ''));
  const end = lastEntryEnd(clean);
  if (end === -1) return clean === text ? null : clean;
  const head = clean.slice(0, end);
  const closing = openElements(head)
    .reverse()
    .map((name) => `</${name}>`)
    .join('');
  const repaired = head + closing;
  return repaired === text ? null : repaired;
}
