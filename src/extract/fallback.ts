/** A second opinion for pages where Readability finds too little: the container with the most paragraph text. */

import { blocksOf, type Block } from './blocks.js';
import { isElement, walkElements, type DomDocument, type DomNode } from './dom.js';

const MIN_PARAGRAPH_CHARS = 40;

/**
 * Blocks of the element whose direct paragraphs hold the most text, with its headings, lists and
 * quotes; empty when there is none. Paragraphs nested deeper than `maxDepth` are not counted: on a
 * hostile page, paragraphs nested in one another would each re-read the text of all the others.
 */
export function densestParagraphs(document: DomDocument, maxDepth = Number.POSITIVE_INFINITY): Block[] {
  const totals = new Map<DomNode, number>();
  walkElements(document, (element, depth) => {
    const parent = element.parentNode;
    if (parent !== null && element.localName.toLowerCase() === 'p') {
      const length = (element.textContent ?? '').trim().length;
      if (length >= MIN_PARAGRAPH_CHARS) totals.set(parent, (totals.get(parent) ?? 0) + length);
    }
    return depth < maxDepth ? 'descend' : 'skip';
  });
  let best: DomNode | null = null;
  let bestTotal = 0;
  for (const [parent, total] of totals) {
    if (total > bestTotal) {
      best = parent;
      bestTotal = total;
    }
  }
  // The container is taken for the article, so its own name is no hint about its blocks.
  return best !== null && isElement(best) ? blocksOf(best, false) : [];
}
