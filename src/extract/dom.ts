/**
 * The few DOM shapes extraction touches, typed here because the project compiles without the
 * browser's DOM library; linkedom's nodes satisfy them structurally.
 */

/** A node of a parsed page. */
export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<DomNode>;
  readonly parentNode: DomNode | null;
  readonly firstChild: DomNode | null;
  readonly nextSibling: DomNode | null;
  readonly firstElementChild: DomElement | null;
}

/** An element of a parsed page. */
export interface DomElement extends DomNode {
  readonly tagName: string;
  /** The tag as parsed: lower case for parsed HTML, as given for created elements. */
  readonly localName: string;
  readonly className: string;
  readonly children: ArrayLike<DomElement>;
  readonly nextElementSibling: DomElement | null;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
  remove(): void;
}

/** A parsed page. */
export interface DomDocument extends DomNode {
  readonly documentElement: DomElement | null;
  readonly body: DomElement | null;
  readonly title: string;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
}

/** Node type of text nodes. */
export const TEXT_NODE = 3;
/** Node type of elements. */
export const ELEMENT_NODE = 1;

/** True when the node is an element. */
export function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT_NODE;
}

/** What a walker wants after seeing an element: its descendants, its next sibling, or nothing more. */
export type Walk = 'descend' | 'skip' | 'stop';

/**
 * Visits the elements below `root` in document order with their depth (1 for `root`'s children).
 * Iterative, so a deeply nested page costs no stack.
 */
export function walkElements(root: DomNode, visit: (element: DomElement, depth: number) => Walk): void {
  let element = root.firstElementChild;
  let depth = 1;
  while (element !== null) {
    const next = visit(element, depth);
    if (next === 'stop') return;
    const child = next === 'descend' ? element.firstElementChild : null;
    if (child !== null) {
      element = child;
      depth++;
      continue;
    }
    let current: DomNode = element;
    element = null;
    while (current !== root) {
      const sibling = (current as DomElement).nextElementSibling;
      if (sibling !== null) {
        element = sibling;
        break;
      }
      const parent = current.parentNode;
      if (parent === null) return;
      current = parent;
      depth--;
    }
  }
}

/**
 * Descendants of `root` whose tag is one of `tags` (any case), in document order: what
 * `querySelectorAll` returns for a list of tag names, without compiling a selector per call.
 */
export function elementsByTag(root: DomNode, tags: readonly string[]): DomElement[] {
  const wanted = new Set(tags.map((tag) => tag.toLowerCase()));
  const found: DomElement[] = [];
  walkElements(root, (element) => {
    const name = element.localName.toLowerCase();
    if (wanted.has(name)) found.push(element);
    // Selectors do not see into a template's content either.
    return name === 'template' ? 'skip' : 'descend';
  });
  return found;
}

/**
 * True when the page has more than `maxElements` elements, nests them deeper than `maxDepth`, or
 * its elements' depths add up past `maxDepthSum`: the number of element-ancestor pairs, which is
 * what a reader that re-reads each candidate's subtree pays.
 */
export function exceedsShape(
  root: DomNode,
  maxElements: number,
  maxDepth: number,
  maxDepthSum = Infinity,
): boolean {
  let count = 0;
  let depthSum = 0;
  let exceeded = false;
  walkElements(root, (_element, depth) => {
    depthSum += depth;
    exceeded = ++count > maxElements || depth > maxDepth || depthSum > maxDepthSum;
    return exceeded ? 'stop' : 'descend';
  });
  return exceeded;
}
