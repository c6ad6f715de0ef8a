import { clipAtWord } from '../core/clip.js';
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
// The element names INVISIBLE removes with their content.
const INVISIBLE_ELEMENTS: ReadonlySet<string> = new Set(
  'script style noscript template svg math head iframe object select textarea'.split(' '),
);
// A run of whitespace that is not already one plain space; single spaces, the bulk of any text,
// are left alone instead of being replaced by themselves.
const WHITESPACE = / \s+|[^\S ]\s*/g;
// Breaks are marked with private-use characters while whitespace is collapsed; one that was in
// the input already only turns into a harmless extra break.
const PARAGRAPH = '\ue000';
// Anything the passes below would change: markup, entities, whitespace other than lone inner
// spaces, the marks, and what NOT_XML_CHARS removes.
const NEEDS_WORK =
  // eslint-disable-next-line no-control-regex -- control characters are among what it looks for
  /[<&\u0000-\u001f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\ue000\ue001\ufffe\uffff]|^ | $| {2}/;
const LINE = '\ue001';

const BLOCK_ELEMENTS =
  'p div h1 h2 h3 h4 h5 h6 ul ol dl li dt dd blockquote pre table thead tbody tfoot tr section article ' +
  'aside header footer nav figure figcaption hr address details summary main form fieldset';

/** What a tag leaves in the text, by lower-case name: a paragraph break, a line break or a space. */
const TAG_TEXT: ReadonlyMap<string, string> = new Map([
  ...BLOCK_ELEMENTS.split(' ').map((name): [string, string] => [name, PARAGRAPH]),
  ['br', LINE],
  ['td', ' '],
  ['th', ' '],
]);

/**
 * Every element name of HTML, obsolete ones included. A feed's text is often plain and merely
 * looks like markup: a wire headline carries its tickers in angle brackets ("Apple Inc <AAPL.O>",
 * "AT&T <Co>"). A `<name…>` HTML does not know is read as a tag only when it looks like one
 * elsewhere too (see {@link isMarkup}); otherwise it is the publisher's text.
 */
const HTML_ELEMENTS: ReadonlySet<string> = new Set(
  (
    'a abbr acronym address applet area article aside audio b base basefont bdi bdo bgsound big ' +
    'blink blockquote body br button canvas caption center cite code col colgroup data datalist dd ' +
    'del details dfn dialog dir div dl dt em embed fieldset figcaption figure font footer form frame ' +
    'frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe image img input ins isindex kbd ' +
    'keygen label legend li link listing main map mark marquee math menu menuitem meta meter multicol ' +
    'nav nextid nobr noembed noframes noscript object ol optgroup option output p param picture ' +
    'plaintext pre progress q rb rp rt rtc ruby s samp script search section select slot small ' +
    'source spacer span strike strong style sub summary sup svg table tbody td template textarea ' +
    'tfoot th thead time title tr track tt u ul var video wbr xmp'
  ).split(' '),
);

/** Longest tag name read; a longer run is text, not a tag. */
const MAX_TAG_NAME = 64;

const CLOSING_TAG = /<\/([A-Za-z][^\s/<>]{0,63})/g;

/**
 * Whether `<name…>` is markup. An HTML element's name, a closing tag, a namespaced or custom
 * name (`o:p`, `amp-img`), attributes (`=`) and a self-closing `/>` all are; so is an unknown
 * element closed later in the same text (XHTML content keeps elements HTML never had). A bare
 * `<Co>` or `<AAPL.O>` is none of these.
 */
function isMarkup(
  tag: {
    readonly name: string;
    readonly closing: boolean;
    readonly s: string;
    readonly end: number;
    readonly gt: number;
  },
  closed: () => ReadonlySet<string>,
): boolean {
  const { name, s, end, gt } = tag;
  if (tag.closing || HTML_ELEMENTS.has(name) || name.includes('-') || name.includes(':')) return true;
  if (s.charCodeAt(gt - 1) === CHAR_SLASH) return true;
  // Read only to this tag's end: an indexOf would run on through every later tag.
  for (let at = end; at < gt; at++) if (s.charCodeAt(at) === CHAR_EQUALS) return true;
  return closed().has(name);
}

const CHAR_SLASH = 0x2f;
const CHAR_BANG = 0x21;
const CHAR_QUESTION = 0x3f;
const CHAR_SPACE = 0x20;
const CHAR_GT = 0x3e;
const CHAR_EQUALS = 0x3d;
const CHAR_LT = 0x3c;

/**
 * The character code at `i`, or -1 past the end: a read past the end returns NaN, and optimised
 * code that meets one falls back to a slower path.
 */
function codeAt(s: string, i: number): number {
  return i < s.length ? s.charCodeAt(i) : -1;
}

function isAsciiLetter(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x7a;
}

/** Part of a tag name: anything but whitespace, `/`, `>`, `<` and the end. */
function isNamePart(code: number): boolean {
  return code > CHAR_SPACE && code !== CHAR_SLASH && code !== CHAR_GT && code !== CHAR_LT;
}

/**
 * Replaces every tag (`/<(\/?)([A-Za-z][^\s/<>]*)[^<>]*>/g` that {@link isMarkup}) with what its
 * name leaves in the text, as a scan from `<` to `<` rather than a regex replace that calls back per tag. The
 * `>` searched for is remembered, so hostile text with no `>` stays one pass. With
 * `stopAtHidden`, returns null as soon as a `<` might open something INVISIBLE removes (comment,
 * CDATA, declaration, processing instruction, script-like element): that pass must run first.
 */
function replaceTags(s: string, stopAtHidden: true): string | null;
function replaceTags(s: string, stopAtHidden: false): string;
function replaceTags(s: string, stopAtHidden: boolean): string | null {
  // Pieces joined once at the end: appending to a string builds a rope that is flattened later.
  const parts: string[] = [];
  let copied = 0;
  // The first `>` at or after the current name, or s.length when there is none.
  let gt = -1;
  let lt = s.indexOf('<');
  // The names closed anywhere in `s`, read once, only if an unknown name asks.
  let closed: Set<string> | null = null;
  const closedNames = (): ReadonlySet<string> =>
    (closed ??= new Set([...s.matchAll(CLOSING_TAG)].map((m) => (m[1] ?? '').toLowerCase())));
  while (lt !== -1) {
    const next = s.indexOf('<', lt + 1);
    const first = codeAt(s, lt + 1);
    if (stopAtHidden && (first === CHAR_BANG || first === CHAR_QUESTION)) return null;
    const at = first === CHAR_SLASH ? lt + 2 : lt + 1;
    if (isAsciiLetter(codeAt(s, at))) {
      // As HTML's tokenizer reads it: the name runs to whitespace, `/` or `>`.
      let end = at + 1;
      while (end - at <= MAX_TAG_NAME && isNamePart(codeAt(s, end))) end += 1;
      const name = end - at <= MAX_TAG_NAME ? s.slice(at, end).toLowerCase() : '';
      if (stopAtHidden && first !== CHAR_SLASH && INVISIBLE_ELEMENTS.has(name)) return null;
      if (gt < at) {
        gt = s.indexOf('>', at);
        if (gt === -1) gt = s.length;
      }
      if (
        gt < s.length &&
        (next === -1 || gt < next) &&
        isMarkup({ name, closing: first === CHAR_SLASH, s, end, gt }, closedNames)
      ) {
        parts.push(s.slice(copied, lt), TAG_TEXT.get(name) ?? '');
        copied = gt + 1;
      }
    }
    lt = next;
  }
  if (copied === 0) return s;
  parts.push(s.slice(copied));
  return parts.join('');
}

/**
 * Turns each run of spaces and marks into breaks, as the regex `[ \n]*P[ \n P]*|[ ]*L[ ]*` (P and
 * L the marks, leftmost match first) replaced by "\n\n" for a paragraph and "\n" for a line. It
 * needs text whose only whitespace is lone spaces, as WHITESPACE leaves it, and jumps from mark to
 * mark where that regex was tried at every space.
 */
function breaksToNewlines(s: string): string {
  let out = '';
  let copied = 0;
  let paragraph = s.indexOf(PARAGRAPH);
  let line = s.indexOf(LINE);
  while (paragraph !== -1 || line !== -1) {
    const isParagraph = line === -1 || (paragraph !== -1 && paragraph < line);
    const at = isParagraph ? paragraph : line;
    // A space before the mark belongs to this run unless the previous run took it.
    const start = at > copied && s.charCodeAt(at - 1) === CHAR_SPACE ? at - 1 : at;
    let end = at + 1;
    if (isParagraph) {
      while (end < s.length && (s.charCodeAt(end) === CHAR_SPACE || s[end] === PARAGRAPH)) end += 1;
    } else if (s.charCodeAt(end) === CHAR_SPACE) {
      end += 1;
    }
    out += s.slice(copied, start) + (isParagraph ? '\n\n' : '\n');
    copied = end;
    if (paragraph !== -1 && paragraph < end) paragraph = s.indexOf(PARAGRAPH, end);
    if (line !== -1 && line < end) line = s.indexOf(LINE, end);
  }
  return copied === 0 ? s : out + s.slice(copied);
}

/**
 * Plain text of an HTML fragment: no tags, scripts or styles, entities decoded, whitespace
 * collapsed, paragraphs separated by a blank line ("\n\n") and `<br>` kept as "\n". Never throws.
 */
export function htmlToText(html: string): string {
  let s = html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html;
  // Titles, authors, categories and many descriptions are plain already: one test, no rewrites.
  if (!NEEDS_WORK.test(s)) return s.length > MAX_TEXT_CHARS ? s.slice(0, MAX_TEXT_CHARS) : s;
  if (s.includes('<')) {
    // Most fragments hold nothing INVISIBLE removes, and then its pass can be skipped.
    const direct = s.includes(']]>') ? null : replaceTags(s, true);
    s = direct ?? replaceTags(s.replace(INVISIBLE, ' '), false);
  }
  if (s.includes('&')) s = decodeHTML(s);
  s = breaksToNewlines(s.replace(WHITESPACE, ' '));
  const text = s.replace(NOT_XML_CHARS, '').trim();
  return text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text;
}

/** One line of plain text (at most `max` characters) from a value that may carry HTML; null when empty. */
export function htmlToLine(html: string | null, max: number): string | null {
  if (html === null) return null;
  const full = htmlToText(html);
  // htmlToText leaves no whitespace but spaces and newlines, and two spaces only where it
  // dropped a control character between them.
  const text = /\n| {2}/.test(full) ? full.replace(/\s+/g, ' ') : full;
  if (text === '') return null;
  return clipAtWord(text, max);
}
