import { decodeHTML } from 'entities';
import { NOT_XML_CHARS } from './xml-chars.js';

/** Longest HTML read; feeds that carry whole books in an item are cut, not choked on. */
const MAX_HTML_CHARS = 1_000_000;

/** Longest text kept: far beyond any summary, small enough to store and hash for every item. */
const MAX_TEXT_CHARS = 100_000;

// Every pattern ends its lazy part with `|$` or stops at the next `<`, so a hostile unclosed
// construct costs one pass over the input, never one pass per opening.
const INVISIBLE =
  /<(script|style|noscript|template|svg|math|head|iframe|object|select|textarea)\b[\s\S]*?(?:<\/\1\s*>|$)|<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[|\]\]>|<![^<>]*>|<\?[^<>]*>/gi;
// A run of whitespace that is not already one plain space; single spaces, the bulk of any text,
// are left alone instead of being replaced by themselves.
const WHITESPACE = / \s+|[^\S ]\s*/g;
const TAG = /<(\/?)([A-Za-z][A-Za-z0-9]*)[^<>]*>/g;
// Breaks are marked with private-use characters while whitespace is collapsed; one that was in
// the input already only turns into a harmless extra break.
const PARAGRAPH = '\ue000';
const LINE = '\ue001';
const BREAKS = /[ \n]*\ue000[ \n\ue000]*| *\ue001 */g;

const BLOCK_ELEMENTS: ReadonlySet<string> = new Set(
  (
    'p div h1 h2 h3 h4 h5 h6 ul ol dl li dt dd blockquote pre table thead tbody tfoot tr section article ' +
    'aside header footer nav figure figcaption hr address details summary main form fieldset'
  ).split(' '),
);

/** What a tag leaves in the text: a paragraph break, a line break, a space between cells, or nothing. */
function tagReplacement(_tag: string, _slash: string, name: string): string {
  const lower = name.toLowerCase();
  if (BLOCK_ELEMENTS.has(lower)) return PARAGRAPH;
  if (lower === 'br') return LINE;
  return lower === 'td' || lower === 'th' ? ' ' : '';
}

/**
 * Plain text of an HTML fragment: no tags, scripts or styles, entities decoded, whitespace
 * collapsed, paragraphs separated by a blank line ("\n\n") and `<br>` kept as "\n". Never throws.
 */
export function htmlToText(html: string): string {
  let s = html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html;
  if (s.includes('<')) s = s.replace(INVISIBLE, ' ').replace(TAG, tagReplacement);
  if (s.includes('&')) s = decodeHTML(s);
  s = s.replace(WHITESPACE, ' ');
  if (s.includes(PARAGRAPH) || s.includes(LINE))
    s = s.replace(BREAKS, (run) => (run.includes(PARAGRAPH) ? '\n\n' : '\n'));
  const text = s.replace(NOT_XML_CHARS, '').trim();
  return text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text;
}

/** One line of plain text (at most `max` characters) from a value that may carry HTML; null when empty. */
export function htmlToLine(html: string | null, max: number): string | null {
  if (html === null) return null;
  const text = htmlToText(html).replace(/\s+/g, ' ');
  if (text === '') return null;
  return text.length > max ? text.slice(0, max).trimEnd() : text;
}
