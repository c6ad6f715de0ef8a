/**
 * Text that came from outside (feeds, users) made inert for Discord: no markdown, no mention, no
 * link syntax it did not ask for. Every function here is pure.
 */

import { withoutInvisibles } from '../../core/invisible.js';

// Inline markdown, masked links, mentions (<@id>, <#id>, <t:…>, <:emoji:id>) and @everyone.
const inline = /[\\*_~`|[\]<>@]/g;
// Block syntax only counts at the start of a line; we keep feed text on one line.
const lineStart = /^(#|-#|-|\+|>|\d+[.)])/;

/** Collapses whitespace and removes control characters, so the text is one plain line. */
export function oneLine(text: string): string {
  return withoutInvisibles(text).replace(/\s+/g, ' ').trim();
}

/** Escapes inline markdown in a piece of a line, keeping its outer spaces (no line-start rules). */
export function escapeInline(text: string): string {
  return withoutInvisibles(text)
    .replace(/\s+/g, ' ')
    .replace(inline, '\\$&');
}

/** Escapes Discord markdown in untrusted text and keeps it on one line. */
export function escapeText(text: string): string {
  const flat = oneLine(text).replace(inline, '\\$&');
  return flat.replace(lineStart, (m) => `\\${m}`);
}

/** Cuts text to `max` characters, ending with … when it had to cut; never splits a `\x` escape. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  // An odd run of trailing backslashes would escape the ellipsis instead of a character.
  const trailing = /(?<!\\)\\+$/.exec(cut)?.[0].length ?? 0;
  if (trailing % 2 === 1) cut = cut.slice(0, -1);
  // A lone high surrogate would render as a replacement character.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/**
 * An http(s) URL safe inside `[text](url)` and as an embed URL, or null. Parentheses, spaces and
 * angle brackets are percent-encoded so the URL cannot end the link early or open another.
 */
export function safeUrl(raw: string | null | undefined, maxLength = 2048): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  const href = url.href.replace(
    /[()<>\s"'`\\]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  return href.length <= maxLength ? href : null;
}

/** `[text](url)` with the text escaped, or the escaped text alone when the URL is unusable. */
export function maskedLink(text: string, url: string | null | undefined): string {
  const label = escapeText(text) || 'link';
  const href = safeUrl(url);
  return href === null ? label : `[${label}](${href})`;
}

/** Inline code that cannot be closed early by the text inside it. */
export function inlineCode(text: string): string {
  const flat = oneLine(text).replace(/`/g, 'ˋ');
  return flat === '' ? '' : `\`${flat}\``;
}
