/**
 * Feed autodiscovery: the feeds a web page advertises in its head, so that a reader can subscribe
 * with a site's address the way feed readers have always allowed.
 */

import { Parser } from 'htmlparser2';

/** At most this many advertised feeds are tried; a page listing more is not believed further. */
export const MAX_ADVERTISED_FEEDS = 3;

// Feed links live in the head; a page without a closed head is read this far.
const MAX_HEAD_CHARS = 256 * 1024;
/**
 * Tags of a head read at most: real heads have a few hundred, and htmlparser2 pays for each open
 * tag with a move of every element still open (it unshifts its stack), so an unclosed flood of
 * tags costs it the square of their number.
 */
const MAX_HEAD_TAGS = 5_000;

/** The text up to its `limit`-th tag. */
function firstTags(text: string, limit: number): string {
  let at = -1;
  for (let n = 0; n < limit; n++) {
    at = text.indexOf('<', at + 1);
    if (at === -1) return text;
  }
  return text.slice(0, at);
}
const HEAD_END = /<\/head\s*>/i;
// Not plain application/json: WordPress advertises its REST API that way on every page.
const FEED_TYPES: ReadonlySet<string> = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/feed+json',
]);

/**
 * The absolute http(s) addresses of the feeds a page names in `<link rel="alternate">`, in page
 * order (sites list their main feed first), without repeats, at most MAX_ADVERTISED_FEEDS.
 */
export function advertisedFeeds(html: string, pageUrl: string): string[] {
  const headEnd = html.slice(0, MAX_HEAD_CHARS).search(HEAD_END);
  const hrefs: string[] = [];
  const bases: string[] = [];
  let inBody = false;
  // htmlparser2 lower-cases tag and attribute names and decodes entities, as browsers do.
  const parser = new Parser({
    onopentag(name, attributes) {
      if (name === 'body') inBody = true;
      if (inBody) return;
      if (name === 'base' && attributes.href !== undefined) bases.push(attributes.href);
      if (name !== 'link' || attributes.href === undefined) return;
      const rel = (attributes.rel ?? '').toLowerCase().split(/\s+/u);
      const type = (attributes.type ?? '').toLowerCase().split(';')[0]?.trim() ?? '';
      if (rel.includes('alternate') && FEED_TYPES.has(type)) hrefs.push(attributes.href);
    },
  });
  parser.end(firstTags(html.slice(0, headEnd === -1 ? MAX_HEAD_CHARS : headEnd), MAX_HEAD_TAGS));
  // The first <base> sets the base of every address in the document, before or after it.
  const first = bases[0];
  const resolvedBase = first === undefined ? pageUrl : (absolute(first, pageUrl) ?? pageUrl);
  const found: string[] = [];
  for (const href of hrefs) {
    const url = absolute(href, resolvedBase);
    if (url !== null && url !== pageUrl && !found.includes(url)) found.push(url);
    if (found.length === MAX_ADVERTISED_FEEDS) break;
  }
  return found;
}

function absolute(href: string, base: string): string | null {
  try {
    const url = new URL(href.trim(), base);
    url.hash = '';
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
