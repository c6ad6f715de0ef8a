import type { Chat, Document, Message, Update, User } from 'telegraf/types';

/** An update before the fake numbers it. */
export type NewUpdate = Update extends infer U ? (U extends Update ? Omit<U, 'update_id'> : never) : never;

/** A person who talks to the bot. */
export const user = (id: number, name: string): User => ({
  id,
  is_bot: false,
  first_name: name,
  username: name.toLowerCase(),
});

/** The user Telegram shows for an anonymous group administrator. */
export const groupAnonymousBot: User = {
  id: 1087968824,
  is_bot: true,
  first_name: 'Group',
  username: 'GroupAnonymousBot',
};

/** A private chat with `who`. */
export const privateChat = (who: User): Chat.PrivateChat => ({
  id: who.id,
  type: 'private',
  first_name: who.first_name,
  ...(who.username !== undefined ? { username: who.username } : {}),
});

/** A basic group. */
export const group = (id: number, title: string): Chat.GroupChat => ({ id, type: 'group', title });

/** A supergroup; a forum when `forum` is set. */
export const supergroup = (id: number, title: string, forum = false): Chat.SupergroupChat => ({
  id,
  type: 'supergroup',
  title,
  ...(forum ? { is_forum: true as const } : {}),
});

/** A channel with a public @username. */
export const channel = (id: number, title: string, username: string): Chat.ChannelChat => ({
  id,
  type: 'channel',
  title,
  username,
});

let messageId = 1000;
const date = (): number => Math.floor(Date.now() / 1000);

/** What a message is sent with besides its text. */
export interface MessageOptions {
  readonly from?: User;
  /** The chat the message is sent on behalf of (anonymous admin, channel). */
  readonly senderChat?: Chat;
  /** Forum topic. */
  readonly topic?: number;
  readonly replyTo?: Message;
  /** Sends a document with the text as its caption. */
  readonly document?: Document;
}

function textMessage(chat: Chat, text: string, options: MessageOptions): Message {
  const command = /^\/\S+/.exec(text)?.[0];
  const entities = command ? [{ type: 'bot_command' as const, offset: 0, length: command.length }] : [];
  const common = {
    message_id: ++messageId,
    date: date(),
    chat,
    ...(options.from ? { from: options.from } : {}),
    ...(options.senderChat ? { sender_chat: options.senderChat } : {}),
    ...(options.topic !== undefined ? { message_thread_id: options.topic, is_topic_message: true } : {}),
    ...(options.replyTo ? { reply_to_message: { ...options.replyTo, reply_to_message: undefined } } : {}),
  };
  if (options.document) {
    return { ...common, document: options.document, caption: text, caption_entities: entities } as Message;
  }
  return { ...common, text, entities } as Message;
}

/** A message in a private chat, group or supergroup. */
export function message(
  chat: Chat,
  text: string,
  options: MessageOptions = {},
): Omit<Update.MessageUpdate, 'update_id'> {
  return { message: textMessage(chat, text, options) as Update.MessageUpdate['message'] };
}

/** A post in a channel: no `from`, the channel as sender. */
export function channelPost(
  chat: Chat.ChannelChat,
  text: string,
  options: Pick<MessageOptions, 'replyTo' | 'document'> = {},
): Omit<Update.ChannelPostUpdate, 'update_id'> {
  return {
    channel_post: textMessage(chat, text, {
      ...options,
      senderChat: chat,
    }) as Update.ChannelPostUpdate['channel_post'],
  };
}

/** A document message, for `/import` to reply to. */
export function documentMessage(chat: Chat, from: User, document: Document): Message {
  return { message_id: ++messageId, date: date(), chat, from, document };
}

/** A pressed inline key under a message the bot sent. */
export function callback(
  chat: Chat,
  from: User,
  data: string,
  sentMessageId: number,
  topic?: number,
): Omit<Update.CallbackQueryUpdate, 'update_id'> {
  const under = {
    message_id: sentMessageId,
    date: date(),
    chat,
    text: 'digest',
    ...(topic !== undefined ? { message_thread_id: topic, is_topic_message: true } : {}),
  } as Message;
  return { callback_query: { id: `cb-${++messageId}`, from, chat_instance: 'ci', data, message: under } };
}

/** The service message a group receives when it becomes a supergroup. */
export function migratedTo(chat: Chat.GroupChat, to: number): Omit<Update.MessageUpdate, 'update_id'> {
  return {
    message: {
      message_id: ++messageId,
      date: date(),
      chat,
      migrate_to_chat_id: to,
    } as Update.MessageUpdate['message'],
  };
}
