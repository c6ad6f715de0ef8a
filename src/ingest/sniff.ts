/** What a decoded body is, judged from its first element (or first character, for JSON). */
export type Sniffed =
  | { readonly kind: 'feed'; readonly format: 'rss' | 'atom' | 'rdf'; readonly text: string }
  | { readonly kind: 'json'; readonly text: string }
  | { readonly kind: 'html' | 'opml' | 'other' | 'empty' };

/** How far into a body a feed's root element is looked for behind junk (PHP warnings, stray HTML). */
const ROOT_SEARCH_CHARS = 64 * 1024;

// The prolog before the root: declaration, processing instructions, comments, doctype (with an
// internal subset). Every alternative starts differently and no loop can match the same text two
// ways, so a long prolog that leads nowhere cannot make the engine backtrack exponentially.
const PROLOG =
  /^(?:\s|<\?(?:[^?]|\?(?!>))*(?:\?>|$)|<!--(?:[^-]|-(?!->))*(?:-->|$)|<!DOCTYPE(?:[^<>[]|\[[^\]]*(?:\]|$))*>?)*/i;
const FIRST_ELEMENT = /^<([A-Za-z_][\w.:-]*)/;
const FEED_ROOT = /<((?:[A-Za-z_][\w.-]*:)?(?:rss|feed|RDF))[\s>/]/;
const HTML_DOCTYPE = /<!DOCTYPE\s+html/i;
const HTML_ELEMENTS: ReadonlySet<string> = new Set([
  'html',
  'head',
  'body',
  'meta',
  'title',
  'link',
  'script',
  'style',
  'div',
  'p',
  'br',
  'b',
  'a',
  'span',
  'table',
  'form',
  'iframe',
  'h1',
  'img',
]);

/** The format a root element names, namespace prefix or not (`<a:feed>` is Atom too). */
function feedFormat(root: string): 'rss' | 'atom' | 'rdf' | null {
  const local = root.slice(root.indexOf(':') + 1);
  if (local === 'rss') return 'rss';
  if (local === 'feed') return 'atom';
  if (local === 'RDF') return 'rdf';
  return null;
}

/**
 * Classifies a decoded body. A feed root found behind a little junk is returned with the junk cut
 * away, because servers that print warnings before the XML are common and the feed is intact.
 */
export function sniffDocument(text: string): Sniffed {
  // trimStart also drops a byte order mark, which JavaScript counts as whitespace.
  const first = text.trimStart();
  if (first === '') return { kind: 'empty' };
  if (first.startsWith('{') || first.startsWith('[')) return { kind: 'json', text: first };
  const prolog = PROLOG.exec(first)?.[0].length ?? 0;
  const root = FIRST_ELEMENT.exec(first.slice(prolog, prolog + 256))?.[1] ?? null;
  const format = root === null ? null : feedFormat(root);
  if (format !== null) return { kind: 'feed', format, text: first };
  if (root !== null && root.toLowerCase() === 'opml') return { kind: 'opml' };
  if (root === null || HTML_ELEMENTS.has(root.toLowerCase())) {
    const behind = FEED_ROOT.exec(first.slice(0, ROOT_SEARCH_CHARS));
    const behindFormat = behind?.[1] === undefined ? null : feedFormat(behind[1]);
    if (behind !== null && behindFormat !== null) {
      return { kind: 'feed', format: behindFormat, text: first.slice(behind.index) };
    }
  }
  if (HTML_DOCTYPE.test(first.slice(0, prolog)) || (root !== null && HTML_ELEMENTS.has(root.toLowerCase())))
    return { kind: 'html' };
  return { kind: 'other' };
}
