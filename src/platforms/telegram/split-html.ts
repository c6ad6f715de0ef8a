import { visibleLength, type HtmlElement, type HtmlNode } from './html.js';

/** Telegram's limit on a message's text after entity parsing, in UTF-16 code units. */
export const MESSAGE_LIMIT = 4096;

/** Least room worth starting a long story in, rather than opening a new message for it. */
const MIN_ROOM = 400;

/** Telegram's limit on a caption after entity parsing. */
export const CAPTION_LIMIT = 1024;

interface Atom {
  readonly text: string;
  /** Elements the text sits in, outermost first; compared by identity. */
  readonly path: readonly HtmlElement[];
  readonly space: boolean;
}

/** Cuts a word longer than a message into pieces, never between the halves of a surrogate pair. */
function hardCut(word: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = word;
  while (rest.length > limit) {
    let end = limit;
    if (/[\uD800-\uDBFF]/.test(rest.charAt(end - 1))) end--;
    pieces.push(rest.slice(0, end));
    rest = rest.slice(end);
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

function atomsOf(nodes: readonly HtmlNode[], path: readonly HtmlElement[], limit: number): Atom[] {
  const atoms: Atom[] = [];
  for (const node of nodes) {
    if (typeof node !== 'string') {
      atoms.push(...atomsOf(node.children, [...path, node], limit));
      continue;
    }
    for (const token of node.split(/(\s+)/)) {
      if (token === '') continue;
      const space = /^\s+$/.test(token);
      for (const piece of hardCut(token, limit)) atoms.push({ text: piece, path, space });
    }
  }
  return atoms;
}

interface Frame {
  readonly source: HtmlElement | null;
  readonly children: HtmlNode[];
}

/** Rebuilds a tree from atoms, reopening each element the atoms sit in: tags always balance. */
function rebuild(atoms: readonly Atom[]): HtmlNode[] {
  const root: Frame = { source: null, children: [] };
  const stack: Frame[] = [root];
  for (const atom of atoms) {
    let depth = 0;
    while (depth < atom.path.length && stack[depth + 1]?.source === atom.path[depth]) depth++;
    stack.length = depth + 1;
    for (const source of atom.path.slice(depth)) {
      const frame: Frame = { source, children: [] };
      const parent = stack[stack.length - 1] ?? root;
      parent.children.push({ ...source, children: frame.children });
      stack.push(frame);
    }
    const top = stack[stack.length - 1] ?? root;
    const last = top.children[top.children.length - 1];
    if (typeof last === 'string') top.children[top.children.length - 1] = last + atom.text;
    else top.children.push(atom.text);
  }
  return root.children;
}

/**
 * Cuts one block into pieces of at most `limit` visible units at word boundaries; the first piece
 * holds at most `first`, the room left in the message it joins.
 */
export function cutBlock(block: readonly HtmlNode[], limit: number, first = limit): HtmlNode[][] {
  const pieces: Atom[][] = [];
  let current: Atom[] = [];
  let length = 0;
  for (const atom of atomsOf(block, [], limit)) {
    const room = pieces.length === 0 ? first : limit;
    if (length + atom.text.length > room) {
      pieces.push(current);
      current = [];
      length = 0;
    }
    // A piece never starts with the space it was cut at.
    if (current.length === 0 && atom.space) continue;
    current.push(atom);
    length += atom.text.length;
  }
  pieces.push(current);
  return pieces
    .map((atoms) => {
      while (atoms.length > 0 && atoms[atoms.length - 1]?.space === true) atoms.pop();
      return atoms;
    })
    .filter((atoms) => atoms.length > 0)
    .map(rebuild);
}

/** One packed message and the indexes of the blocks it shows (whole or in part). */
export interface PackedMessage {
  readonly nodes: HtmlNode[];
  readonly blocks: readonly number[];
}

/**
 * Packs blocks (a header, stories, a footer; or the lines of a reply) into messages of at most
 * `limit` visible units, joined by `separator`. A block goes whole into one message; only a block
 * longer than a message is cut, and then at word boundaries with its elements reopened in each piece.
 */
export function packBlocks(
  blocks: readonly (readonly HtmlNode[])[],
  limit = MESSAGE_LIMIT,
  separator = '\n\n',
): HtmlNode[][] {
  return packOwnedBlocks(blocks, limit, separator).map((message) => message.nodes);
}

/** {@link packBlocks}, telling which blocks each message shows. */
export function packOwnedBlocks(
  blocks: readonly (readonly HtmlNode[])[],
  limit = MESSAGE_LIMIT,
  separator = '\n\n',
): PackedMessage[] {
  const messages: PackedMessage[] = [];
  let current: HtmlNode[] = [];
  let owners: number[] = [];
  let length = 0;
  const flush = (): void => {
    if (current.length > 0) messages.push({ nodes: current, blocks: owners });
    current = [];
    owners = [];
    length = 0;
  };
  for (const [index, block] of blocks.entries()) {
    const size = visibleLength(block);
    if (size === 0) continue;
    if (size > limit) {
      // The story is cut anyway: its first piece fills what is left of the current message.
      const room = current.length > 0 ? limit - length - separator.length : limit;
      const pieces = cutBlock(block, limit, room >= MIN_ROOM ? room : 0);
      const [head, ...rest] = pieces;
      if (head && current.length > 0 && room >= MIN_ROOM) {
        current.push(separator, ...head);
        owners.push(index);
      } else if (head) rest.unshift(head);
      flush();
      messages.push(...rest.map((nodes) => ({ nodes, blocks: [index] })));
      continue;
    }
    const extra = current.length > 0 ? separator.length : 0;
    if (length + extra + size > limit) flush();
    if (current.length > 0) {
      current.push(separator);
      length += separator.length;
    }
    current.push(...block);
    owners.push(index);
    length += size;
  }
  flush();
  return messages;
}
