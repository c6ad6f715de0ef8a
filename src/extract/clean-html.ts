/**
 * A cheap textual pass over a page before it is parsed: every node not built is time and memory
 * saved, once in the parse and again in each of Readability's walks over the page. Scripts, styles,
 * navigation, forms, empty containers and attributes nothing reads hold no article text.
 */

/** Longest page read; the article is near the top of any real page. */
export const MAX_PAGE_CHARS = 2_000_000;
/**
 * Most tags and character references read after cleaning. Each is a node or a break between text
 * nodes, and a page of nothing but '<' or '&amp;' costs a node per character; a real article page
 * has a few thousand.
 */
export const MAX_MARKUP = 50_000;

// Each lazy part ends at its closing tag or the end of input, so an unclosed element costs one
// pass, not one per opening. A nested element of the same name leaves its outer tail behind, which
// is harmless text around the article at worst.
const INVISIBLE =
  /<(script|style|noscript|template|svg|math|iframe|object|select|textarea|button|nav|footer|aside)\b[\s\S]*?(?:<\/\1\s*>|$)|<!--[\s\S]*?(?:-->|$)/gi;
// Elements that hold no text: each is only a node to build. The page title's meta tag stays.
const EMPTY_ELEMENTS =
  /<(?:img|source|link|input|wbr|track|param|embed|area|col)\b[^<>]*>|<\/?picture\b[^<>]*>|<meta\b(?![^<>]*og:title)[^<>]*>/gi;
// The attributes Readability or the junk rules read; every other one is only a node to build.
// Readability reads a link's address only to weigh in-page links less and to unwrap script links.
const KEPT_ATTRIBUTE =
  '(?:class|id|rel|itemprop|role|lang|dir|hidden|name|property|content|type|colspan|rowspan|summary|datatable)(?![^\\s/<>"\'=])|href\\s*=\\s*["\']?(?:#.|javascript:)';
const VALUE = `(?:\\s*=\\s*(?:"[^"<]*"|'[^'<]*'|[^\\s<>"']+))?`;
// A start tag as the HTML tokenizer reads it. No part runs past a '<', so a failed match costs at
// most the distance to the next tag; a tag this misses keeps its attributes. Raw-text elements that
// survive (JSON-LD, the title) are matched whole so that nothing inside them is taken for a tag.
const START_TAG = new RegExp(
  `<(script|title)\\b[\\s\\S]*?(?:<\\/\\1\\s*>|$)|<[a-z][^\\s/<>]*(?:\\s+[^\\s/<>"'=]+${VALUE})+\\s*\\/?>`,
  'gi',
);
// Every attribute of a tag in turn, the kept ones captured: a value is never read as attributes.
const ATTRIBUTE = new RegExp(
  `(?<!\\s)(?:(\\s+(?=${KEPT_ATTRIBUTE})[^\\s/<>"'=]+${VALUE})|\\s+[^\\s/<>"'=]+${VALUE})`,
  'gi',
);

// Containers with nothing in them: spacers, emptied widget shells. Inline elements stay, since an
// empty link or span between two line breaks keeps them from reading as a paragraph break.
const EMPTY_CONTAINER = /<(div|p|section|article|header|figure|form|ul|ol|li)\b[^<>]*>\s*<\/\1\s*>/gi;
const BLOCK =
  'div|p|section|article|header|main|ul|ol|li|h[1-6]|table|tbody|thead|tr|td|th|figure|blockquote|dl|dt|dd';
// Whitespace at the edge of a block is no text of the page (extraction trims every block), but it
// is a node to build and to walk past. The look-behind starts a match only where a run of
// whitespace starts, so a long run is scanned once.
const BLOCK_EDGE_SPACE = new RegExp(
  `(?<!\\s)\\s+(?=<\\/?(?:${BLOCK})\\b)|(<\\/?(?:${BLOCK})\\b[^<>]*>)\\s+`,
  'gi',
);

/**
 * The page without scripts, styles, comments, navigation, forms, empty containers and unread
 * attributes, cut at {@link MAX_PAGE_CHARS} and {@link MAX_MARKUP}.
 */
export function cleanHtml(html: string): string {
  const page = html.length > MAX_PAGE_CHARS ? html.slice(0, MAX_PAGE_CHARS) : html;
  const cleaned = page
    .replace(INVISIBLE, (match, tag: string | undefined) =>
      // JSON-LD carries the headline and date Readability reads; keep it.
      tag?.toLowerCase() === 'script' && /^<script[^>]*ld\+json/i.test(match) ? match : ' ',
    )
    .replace(EMPTY_ELEMENTS, '')
    .replace(START_TAG, (tag, rawText: string | undefined) =>
      rawText === undefined ? tag.replace(ATTRIBUTE, '$1') : tag,
    )
    // A second pass takes the containers the first one emptied; deeper shells are left, so that
    // nesting never costs a pass per level. Each leaves a space: an empty block between two runs
    // of text is the break some pages print ("Wednesday.<div></div>The stabbing").
    .replace(EMPTY_CONTAINER, ' ')
    .replace(EMPTY_CONTAINER, ' ')
    .replace(BLOCK_EDGE_SPACE, '$1');
  return cutAtMarkup(cleaned, MAX_MARKUP);
}

const LESS_THAN = 0x3c;
const AMPERSAND = 0x26;

/** The page up to its `max + 1`th '<' or '&'. */
function cutAtMarkup(page: string, max: number): string {
  let markup = 0;
  for (let i = 0; i < page.length; i++) {
    const c = page.charCodeAt(i);
    if ((c === LESS_THAN || c === AMPERSAND) && ++markup > max) return page.slice(0, i);
  }
  return page;
}
