/** A second opinion for pages Readability gives up on: the container with the most paragraph text. */

import { blocksOf, type Block } from './blocks.js';
import type { DomDocument, DomElement, DomNode } from './dom.js';

const MIN_PARAGRAPH_CHARS = 40;

/** Blocks of the element whose direct paragraphs hold the most text; empty when there is none. */
export function densestParagraphs(document: DomDocument): Block[] {
  const totals = new Map<DomNode, number>();
  for (const p of Array.from(document.querySelectorAll('p'))) {
    const length = (p.textContent ?? '').trim().length;
    if (length < MIN_PARAGRAPH_CHARS || p.parentNode === null) continue;
    totals.set(p.parentNode, (totals.get(p.parentNode) ?? 0) + length);
  }
  let best: DomNode | null = null;
  let bestTotal = 0;
  for (const [parent, total] of totals) {
    if (total > bestTotal) {
      best = parent;
      bestTotal = total;
    }
  }
  if (best === null) return [];
  const paragraphs = Array.from(best.childNodes).filter(
    (n): n is DomElement => n.nodeType === 1 && (n as DomElement).tagName.toLowerCase() === 'p',
  );
  return paragraphs.flatMap((p) => blocksOf(p));
}
