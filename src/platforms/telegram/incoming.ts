import type { Chat, Document, Message, MessageEntity } from 'telegraf/types';
import { parseCommandLine } from '../../core/command-line.js';

/** A command as it arrived in a message or a channel post. */
export interface IncomingCommand {
  readonly name: string;
  readonly rest: string;
  /** Whether it named this bot (`/digest@gazette_bot`). */
  readonly addressed: boolean;
  readonly chat: Chat;
  /** Forum topic the command was typed in; empty outside forum topics. */
  readonly threadId: string;
  readonly messageId: number;
  readonly user: { readonly id: string; readonly name: string };
  readonly userId: number | null;
  /**
   * The chat itself is the sender: an anonymous group administrator, or a channel post (only a
   * channel's administrators can post in it).
   */
  readonly sentAsChat: boolean;
  /** A document sent with the command as its caption, or the one the command replies to. */
  readonly document: Document | null;
}

function textOf(message: Message): { text: string; entities: readonly MessageEntity[] } | null {
  if ('text' in message) return { text: message.text, entities: message.entities ?? [] };
  if ('caption' in message) {
    return { text: message.caption, entities: message.caption_entities ?? [] };
  }
  return null;
}

function documentOf(message: Message): Document | null {
  if ('document' in message) return message.document;
  const replied = 'reply_to_message' in message ? message.reply_to_message : undefined;
  return replied !== undefined && 'document' in replied ? replied.document : null;
}

/** The forum topic of a message; replies in ordinary groups carry a thread id too, which is not one. */
export function topicOf(message: { is_topic_message?: boolean; message_thread_id?: number }): string {
  return message.is_topic_message === true && message.message_thread_id !== undefined
    ? String(message.message_thread_id)
    : '';
}

/**
 * Reads a command from a message: its first entity must be a bot command at the start. Commands
 * addressed to another bot are not ours, so they read as null.
 */
export function readCommand(message: Message, botUsername: string): IncomingCommand | null {
  const content = textOf(message);
  const first = content?.entities[0];
  if (!content || first?.type !== 'bot_command' || first.offset !== 0) return null;
  const parsed = parseCommandLine(content.text);
  if (parsed === null) return null;
  if (parsed.target !== null && parsed.target.toLowerCase() !== botUsername.toLowerCase()) return null;
  const sender = message.sender_chat;
  const from = message.from;
  const user =
    from !== undefined && sender === undefined
      ? { id: String(from.id), name: from.username !== undefined ? `@${from.username}` : from.first_name }
      : { id: String(sender?.id ?? message.chat.id), name: chatTitle(sender ?? message.chat) };
  return {
    name: parsed.name,
    rest: parsed.rest,
    addressed: parsed.target !== null,
    chat: message.chat,
    threadId: topicOf(message),
    messageId: message.message_id,
    user,
    userId: from !== undefined && sender === undefined ? from.id : null,
    sentAsChat: sender?.id === message.chat.id,
    document: documentOf(message),
  };
}

/** A chat's name for people: its title, or the user's name in a private chat. */
export function chatTitle(chat: Chat): string {
  if ('title' in chat) return chat.title;
  return chat.username !== undefined ? `@${chat.username}` : chat.first_name;
}
