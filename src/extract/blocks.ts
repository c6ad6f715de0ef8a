/** The text of an article element as blocks (paragraphs, headings, list items) with what junk rules need. */

import { isElement, TEXT_NODE, type DomElement, type DomNode } from './dom.js';

/** One run of text between block boundaries. */
export interface Block {
  /** Tag of the innermost block element holding the text, lower-cased. */
  readonly tag: string;
  readonly text: string;
  /** Characters of the text inside links. */
  readonly linkChars: number;
  /** Inside a figure or figure caption. */
  readonly inFigure: boolean;
  /** Inside a list item. */
  readonly inList: boolean;
  /** Class and id values of the enclosing elements, lower-cased and space-joined. */
  readonly hints: string;
}

const BLOCK_TAGS: ReadonlySet<string> = new Set(
  (
    'p div h1 h2 h3 h4 h5 h6 ul ol dl li dt dd blockquote pre table thead tbody tfoot tr td th ' +
    'section article aside header footer nav figure figcaption hr address details summary main form ' +
    'fieldset center'
  ).split(' '),
);
const SKIPPED_TAGS: ReadonlySet<string> = new Set(
  'script style noscript template svg math iframe object select textarea button input label'.split(' '),
);

interface Context {
  readonly tag: string;
  readonly inFigure: boolean;
  readonly inList: boolean;
  readonly hints: string;
}

/** Blocks of an element's text, in document order; whitespace collapsed, empty runs left out. */
export function blocksOf(root: DomElement): Block[] {
  const blocks: Block[] = [];
  let parts: string[] = [];
  let linkChars = 0;

  const flush = (ctx: Context): void => {
    if (parts.length === 0) return;
    const text = parts.join('').replace(/\s+/gu, ' ').trim();
    if (text !== '') blocks.push({ ...ctx, text, linkChars: Math.min(linkChars, text.length) });
    parts = [];
    linkChars = 0;
  };

  const visit = (node: DomNode, ctx: Context, inLink: boolean): void => {
    if (node.nodeType === TEXT_NODE) {
      const text = node.textContent ?? '';
      parts.push(text);
      if (inLink) linkChars += text.replace(/\s+/gu, ' ').trim().length;
      return;
    }
    if (!isElement(node)) return;
    const tag = node.tagName.toLowerCase();
    if (SKIPPED_TAGS.has(tag)) return;
    if (tag === 'br') {
      parts.push(' ');
      return;
    }
    if (!BLOCK_TAGS.has(tag)) {
      for (const child of Array.from(node.childNodes)) visit(child, ctx, inLink || tag === 'a');
      return;
    }
    flush(ctx);
    const own = `${node.getAttribute('class') ?? ''} ${node.getAttribute('id') ?? ''}`.trim().toLowerCase();
    const inner: Context = {
      tag,
      inFigure: ctx.inFigure || tag === 'figure' || tag === 'figcaption',
      inList: ctx.inList || tag === 'li',
      hints: own === '' ? ctx.hints : `${ctx.hints} ${own}`,
    };
    for (const child of Array.from(node.childNodes)) visit(child, inner, inLink);
    flush(inner);
  };

  visit(root, { tag: 'div', inFigure: false, inList: false, hints: '' }, false);
  return blocks;
}
