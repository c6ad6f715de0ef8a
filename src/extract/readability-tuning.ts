/**
 * Readability calls a few small helpers thousands of times a page, and on linkedom their generic
 * versions are most of its cost: each tag query compiles a CSS selector, each visibility check
 * builds a style object behind a proxy. These stand-ins give the same answers without that work.
 */

import { elementsByTag, type DomElement } from './dom.js';

/** The value linkedom gives `style[property]`: the last declaration of it, trimmed; '' for none. */
function styleValue(style: string, property: string): string {
  let value = '';
  for (const rule of style.split(/(?<!\s)\s*;\s*/u)) {
    const colon = rule.indexOf(':');
    if (colon > 0 && rule.slice(0, colon).trim() === property) value = rule.slice(colon + 1).trim();
  }
  return value;
}

/** Readability's visibility test, reading the style attribute only when there is one. */
export function isProbablyVisible(node: DomElement): boolean {
  const style = node.getAttribute('style');
  if (
    style !== null &&
    (styleValue(style, 'display') === 'none' || styleValue(style, 'visibility') === 'hidden')
  )
    return false;
  if (node.hasAttribute('hidden')) return false;
  // Wikimedia marks its maths images hidden and shows them anyway.
  return node.getAttribute('aria-hidden') !== 'true' || node.className.includes('fallback-image');
}

/** Readability's helpers replaced, by their names in Readability 0.6. */
export const READABILITY_HELPERS = {
  _getAllNodesWithTag: elementsByTag,
  _isProbablyVisible: isProbablyVisible,
} as const;

/** Gives one Readability instance the cheaper helpers, each only where the library has one of that name. */
export function tuneReadability(reader: object): void {
  const proto = Object.getPrototypeOf(reader) as Record<string, unknown>;
  for (const [name, helper] of Object.entries(READABILITY_HELPERS))
    if (typeof proto[name] === 'function') Object.defineProperty(reader, name, { value: helper });
}
