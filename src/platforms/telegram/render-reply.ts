import type { Reply, ReplyFile } from '../../core/reply.js';
import { lineNodes, renderHtml, visibleLength, type HtmlNode } from './html.js';
import { choiceKeyboard, type Keyboard } from './keyboard.js';
import type { MessagePayload } from './payload.js';
import { CAPTION_LIMIT, MESSAGE_LIMIT, packBlocks } from './split-html.js';

/** A command reply ready to send: messages, and a document with its caption when there is one. */
export interface RenderedReply {
  readonly messages: readonly MessagePayload[];
  readonly file: ReplyFile | null;
  /** Caption of the document; null when the text went out as messages instead. */
  readonly caption: string | null;
}

/** What the adapter adds around a reply. */
export interface ReplyExtras {
  /** A first line, e.g. naming the channel a private chat manages. */
  readonly heading?: readonly HtmlNode[];
  /** Keys offered besides the reply's own choices. */
  readonly keyboard?: Keyboard;
}

/**
 * Renders a reply as HTML messages within Telegram's limits, keys under the last one. A reply
 * with a file carries its text as the document's caption when it fits one.
 */
export function renderTelegramReply(reply: Reply, extras: ReplyExtras = {}): RenderedReply {
  const blocks = reply.lines.map(lineNodes);
  if (extras.heading) blocks.unshift([...extras.heading]);
  const keyboard = [...choiceKeyboard(reply.choices), ...(extras.keyboard ?? [])];
  if (reply.file !== null && keyboard.length === 0) {
    const all = packBlocks(blocks, Number.MAX_SAFE_INTEGER, '\n')[0] ?? [];
    if (visibleLength(all) <= CAPTION_LIMIT) {
      return { messages: [], file: reply.file, caption: renderHtml(all) };
    }
  }
  const packed = packBlocks(blocks, MESSAGE_LIMIT, '\n');
  const messages = packed.map((nodes, i) => ({
    text: renderHtml(nodes),
    keyboard: i === packed.length - 1 ? keyboard : [],
    preview: false,
  }));
  return { messages, file: reply.file, caption: null };
}
