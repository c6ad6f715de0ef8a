/**
 * A cheap textual pass over a page before it is parsed: every node not built is time and memory
 * saved, and scripts, styles, navigation, forms and presentational attributes hold no article text.
 */

/** Longest page read; the article is near the top of any real page. */
export const MAX_PAGE_CHARS = 2_000_000;

// Each lazy part ends at its closing tag or the end of input, so an unclosed element costs one
// pass, not one per opening. A nested element of the same name leaves its outer tail behind, which
// is harmless text around the article at worst.
const INVISIBLE =
  /<(script|style|noscript|template|svg|math|iframe|object|select|textarea|button|nav|footer|aside)\b[\s\S]*?(?:<\/\1\s*>|$)|<!--[\s\S]*?(?:-->|$)/gi;
// Elements that hold no text: each is only a node to build. The page title's meta tag stays.
const EMPTY_ELEMENTS =
  /<(?:img|source|link|input|wbr|track|param|embed|area|col)\b[^<>]*>|<\/?picture\b[^<>]*>|<meta\b(?![^<>]*og:title)[^<>]*>/gi;
const NOISE_ATTRIBUTES =
  /\s(?:style|srcset|sizes|on[a-z]+|aria-[\w-]+|data-(?!src\b)[\w-]+)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+)/gi;
const BLOCK =
  'div|p|section|article|header|main|ul|ol|li|h[1-6]|table|tbody|thead|tr|td|th|figure|blockquote|dl|dt|dd';
// Whitespace between two block tags is no text of the page, but it is a node to build.
const BETWEEN_BLOCKS = new RegExp(`(<\\/?(?:${BLOCK})\\b[^<>]*>)\\s+(?=<\\/?(?:${BLOCK})\\b)`, 'gi');

/** The page without scripts, styles, comments, navigation, forms and presentational attributes. */
export function cleanHtml(html: string): string {
  const page = html.length > MAX_PAGE_CHARS ? html.slice(0, MAX_PAGE_CHARS) : html;
  return page
    .replace(INVISIBLE, (match, tag: string | undefined) =>
      // JSON-LD carries the headline and date Readability reads; keep it.
      tag?.toLowerCase() === 'script' && /^<script[^>]*ld\+json/i.test(match) ? match : ' ',
    )
    .replace(EMPTY_ELEMENTS, '')
    .replace(NOISE_ATTRIBUTES, '')
    .replace(BETWEEN_BLOCKS, '$1');
}
