import type { Line, Reply, Span } from '../../core/reply.js';
import { choiceRows, type ActionRow } from './components.js';
import { limits } from './limits.js';
import { clip, escapeInline, inlineCode, maskedLink } from './markdown.js';

/** A reply as Discord messages: the first answers the interaction, the others follow it up. */
export interface DiscordReply {
  readonly chunks: readonly string[];
  readonly components: readonly ActionRow[];
  readonly ephemeral: boolean;
  readonly file: Reply['file'];
}

/**
 * Long answers are cut after this many messages: enough for `/feeds` of a chat at the default
 * limit of 100 feeds, each line a link with its address (about 13 lines a message).
 */
const MAX_CHUNKS = 8;

function spanText(span: Span): string {
  if (typeof span === 'string') return escapeInline(span);
  if ('strong' in span) return span.strong.trim() === '' ? '' : `**${escapeInline(span.strong)}**`;
  if ('code' in span) return inlineCode(span.code);
  return maskedLink(span.text, span.href);
}

/** One line of a reply as Discord markdown; every piece of text in it is escaped. */
export function lineMarkdown(line: Line): string {
  const text = typeof line === 'string' ? escapeInline(line) : line.map(spanText).join('');
  // A line that starts like a heading, quote or list would be rendered as one.
  return text.replace(/^(#|-|\+|>|\d+[.)])/, (m) => `\\${m}`);
}

/** Splits lines into messages of at most 2,000 characters, between lines where possible. */
export function chunkLines(lines: readonly string[]): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const [i, raw] of lines.entries()) {
    const line = clip(raw, limits.content);
    if (current !== '' && current.length + 1 + line.length > limits.content) {
      if (chunks.length === MAX_CHUNKS - 1) {
        chunks.push(clip(`${current}\n… and ${lines.length - i} more lines.`, limits.content));
        return chunks;
      }
      chunks.push(current);
      current = line;
    } else {
      current = current === '' ? line : `${current}\n${line}`;
    }
  }
  chunks.push(current === '' ? '\u200b' : current);
  return chunks;
}

/** Renders a command reply for an interaction response or a channel notice. */
export function renderDiscordReply(reply: Reply): DiscordReply {
  return {
    chunks: chunkLines(reply.lines.map(lineMarkdown)),
    components: choiceRows(reply.choices),
    ephemeral: reply.ephemeral,
    file: reply.file,
  };
}
