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

interface Frame {
  /** The next child to visit; null when the element is done. */
  next: DomNode | null;
  readonly ctx: Context;
  readonly inLink: boolean;
  /** A block element flushes its own text when it is done. */
  readonly block: boolean;
}

const ROOT: Context = { tag: 'div', inFigure: false, inList: false, hints: '' };

/**
 * Blocks of an element's text, in document order; whitespace collapsed, empty runs left out. The
 * root's own class and id count among the hints unless `rootHints` is false.
 */
export function blocksOf(root: DomElement, rootHints = true): Block[] {
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

  // An explicit stack rather than recursion: a page may nest elements far deeper than the call stack.
  const stack: Frame[] = [{ next: root, ctx: ROOT, inLink: false, block: false }];
  for (let frame = stack.at(-1); frame !== undefined; frame = stack.at(-1)) {
    const node = frame.next;
    if (node === null) {
      stack.pop();
      if (frame.block) flush(frame.ctx);
      continue;
    }
    frame.next = node === root ? null : node.nextSibling;
    const { ctx, inLink } = frame;
    if (node.nodeType === TEXT_NODE) {
      const text = node.textContent ?? '';
      parts.push(text);
      if (inLink) linkChars += text.replace(/\s+/gu, ' ').trim().length;
      continue;
    }
    if (!isElement(node)) continue;
    const tag = node.localName.toLowerCase();
    if (SKIPPED_TAGS.has(tag)) continue;
    if (tag === 'br') {
      parts.push(' ');
      continue;
    }
    if (!BLOCK_TAGS.has(tag)) {
      stack.push({ next: node.firstChild, ctx, inLink: inLink || tag === 'a', block: false });
      continue;
    }
    flush(ctx);
    const own =
      node === root && !rootHints
        ? ''
        : `${node.getAttribute('class') ?? ''} ${node.getAttribute('id') ?? ''}`.trim().toLowerCase();
    const inner: Context = {
      tag,
      inFigure: ctx.inFigure || tag === 'figure' || tag === 'figcaption',
      inList: ctx.inList || tag === 'li',
      hints: own === '' ? ctx.hints : `${ctx.hints} ${own}`,
    };
    stack.push({ next: node.firstChild, ctx: inner, inLink, block: true });
  }
  return blocks;
}
