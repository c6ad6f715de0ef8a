import { withoutInvisibles } from '../../core/invisible.js';
import type { Line, Span } from '../../core/reply.js';

/** Tags Gazette emits; all of them are in Telegram's HTML parse mode. */
export type Tag = 'b' | 'i' | 'code' | 'a' | 'blockquote';

/** An element of a message; `href` only on `a`. */
export interface HtmlElement {
  readonly tag: Tag;
  readonly href?: string;
  readonly children: readonly HtmlNode[];
}

/** A piece of a message before it becomes Telegram HTML: plain text or an element. */
export type HtmlNode = string | HtmlElement;

/** Telegram parses only these named entities, so text uses exactly them. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

/** Longest link target kept; a longer one is shown as plain text. */
const MAX_HREF = 2048;

/** The URL in canonical form when it is http(s) and not absurdly long; null otherwise. */
export function safeHref(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url.href.length <= MAX_HREF ? url.href : null;
}

/** An element builder. */
export const el = (tag: Tag, ...children: HtmlNode[]): HtmlElement => ({ tag, children });

/** A link when the URL is safe, else the children as they are. */
export function link(href: string | null | undefined, ...children: HtmlNode[]): HtmlNode[] {
  const safe = safeHref(href);
  return safe === null ? children : [{ tag: 'a', href: safe, children }];
}

/** Telegram HTML for nodes: every text node escaped and rid of invisible characters, every element closed. */
export function renderHtml(nodes: readonly HtmlNode[]): string {
  let out = '';
  for (const node of nodes) {
    if (typeof node === 'string') {
      out += escapeText(withoutInvisibles(node));
    } else {
      const open = node.href === undefined ? node.tag : `a href="${escapeAttribute(node.href)}"`;
      out += `<${open}>${renderHtml(node.children)}</${node.tag}>`;
    }
  }
  return out;
}

/** Length of the text Telegram keeps after parsing the HTML, in UTF-16 code units as it counts. */
export function visibleLength(nodes: readonly HtmlNode[]): number {
  let length = 0;
  for (const node of nodes) length += typeof node === 'string' ? node.length : visibleLength(node.children);
  return length;
}

/**
 * Cuts text to at most `max` UTF-16 units at a word boundary, adding an ellipsis; never splits a
 * surrogate pair.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const space = text.lastIndexOf(' ', end);
  if (space > max / 2) end = space;
  else if (/[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end--;
  return `${text.slice(0, end).trimEnd()}…`;
}

function spanNodes(span: Span): HtmlNode[] {
  if (typeof span === 'string') return [span];
  if ('strong' in span) return [el('b', span.strong)];
  if ('code' in span) return [el('code', span.code)];
  return link(span.href, span.text);
}

/** A reply line as nodes. */
export function lineNodes(line: Line): HtmlNode[] {
  return typeof line === 'string' ? [line] : line.flatMap(spanNodes);
}
