import type { Chat } from 'telegraf/types';
import type { ApiError, FakeState, SentMessage } from './telegram-fake-state.js';
import { checkTelegramHtml } from './telegram-html-check.js';

type Outcome = { readonly result: unknown } | { readonly error: ApiError };

const bad = (description: string): Outcome => ({
  error: { error_code: 400, description: `Bad Request: ${description}` },
});

/** Chat ids arrive as numbers in JSON and as strings in multipart bodies. */
function chatIdOf(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string' && value !== '') return /^-?\d+$/.test(value) ? String(Number(value)) : value;
  return null;
}

function chatFor(state: FakeState, chatId: string): Chat {
  const known = state.chat(chatId);
  if (known) return known;
  const id = Number(chatId);
  return id > 0 ? { id, type: 'private', first_name: 'User' } : { id, type: 'supergroup', title: 'Group' };
}

function parsed(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

function send(
  state: FakeState,
  method: 'sendMessage' | 'sendDocument',
  params: Record<string, unknown>,
  now: number,
): Outcome {
  const chatId = chatIdOf(params.chat_id);
  if (chatId === null) return bad('chat_id is empty');
  if (state.isBlocked(chatId))
    return { error: { error_code: 403, description: 'Forbidden: bot was blocked by the user' } };
  const given = method === 'sendMessage' ? params.text : params.caption;
  const raw = typeof given === 'string' ? given : '';
  const parseMode = typeof params.parse_mode === 'string' ? params.parse_mode : null;
  let visible = raw;
  if (parseMode === 'HTML') {
    const check = checkTelegramHtml(raw);
    if (!check.ok) return bad(check.error);
    visible = check.text;
  }
  const limit = method === 'sendMessage' ? 4096 : 1024;
  if (method === 'sendMessage' && visible.trim() === '') return bad('message text is empty');
  if (visible.length > limit)
    return bad(method === 'sendMessage' ? 'message is too long' : 'message caption is too long');
  const document = params.document;
  if (method === 'sendDocument' && (typeof document !== 'object' || document === null))
    return bad('there is no document in the request');
  const limited = state.checkLimits(chatId, now);
  if (limited) return { error: limited };
  const markup = parsed(params.reply_markup) as { inline_keyboard?: SentMessage['keyboard'] } | undefined;
  const reply = parsed(params.reply_parameters) as { message_id?: number } | undefined;
  const preview = parsed(params.link_preview_options) as { is_disabled?: boolean } | undefined;
  const thread = params.message_thread_id === undefined ? null : Number(params.message_thread_id);
  const message: SentMessage = {
    method,
    chatId,
    threadId: thread,
    text: raw,
    parseMode,
    keyboard: markup?.inline_keyboard ?? [],
    replyTo: reply?.message_id ?? null,
    previewDisabled: preview?.is_disabled === true,
    messageId: state.nextMessageId(chatId),
    document: method === 'sendDocument' ? (document as { filename: string; content: string }) : null,
    at: now,
  };
  state.sent.push(message);
  const base = {
    message_id: message.messageId,
    date: Math.floor(Date.now() / 1000),
    chat: chatFor(state, chatId),
  };
  return {
    result:
      method === 'sendMessage'
        ? {
            ...base,
            text: visible,
            ...(thread !== null ? { message_thread_id: thread, is_topic_message: true } : {}),
          }
        : {
            ...base,
            document: { file_id: `sent-${message.messageId}`, file_unique_id: `s${message.messageId}` },
          },
  };
}

/** `editMessageText`: rewrites a message the bot sent, refusing a missing one or no change, as Telegram does. */
function edit(state: FakeState, params: Record<string, unknown>, now: number): Outcome {
  const chatId = chatIdOf(params.chat_id);
  if (chatId === null) return bad('chat_id is empty');
  const index = state.sent.findIndex((m) => m.chatId === chatId && m.messageId === Number(params.message_id));
  const original = state.sent[index];
  if (original === undefined) return bad('message to edit not found');
  const raw = typeof params.text === 'string' ? params.text : '';
  const check = params.parse_mode === 'HTML' ? checkTelegramHtml(raw) : { ok: true as const, text: raw };
  if (!check.ok) return bad(check.error);
  if (check.text.trim() === '') return bad('message text is empty');
  if (check.text.length > 4096) return bad('message is too long');
  const markup = parsed(params.reply_markup) as { inline_keyboard?: SentMessage['keyboard'] } | undefined;
  const keyboard = markup?.inline_keyboard ?? [];
  if (raw === original.text && JSON.stringify(keyboard) === JSON.stringify(original.keyboard)) {
    return bad(
      'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
    );
  }
  state.sent[index] = { ...original, text: raw, keyboard, edits: (original.edits ?? 0) + 1, at: now };
  return {
    result: {
      message_id: original.messageId,
      date: Math.floor(now / 1000),
      chat: chatFor(state, chatId),
      text: check.text,
    },
  };
}

/** Answers one Bot API method the way Telegram would, for the methods Gazette uses. */
export function runMethod(
  state: FakeState,
  method: string,
  params: Record<string, unknown>,
  now: number,
): Outcome {
  const scripted = state.takeScripted(method, chatIdOf(params.chat_id));
  if (scripted) return { error: scripted };
  switch (method) {
    case 'getMe':
      return { result: state.bot };
    case 'deleteWebhook':
    case 'setWebhook':
    case 'setMyCommands':
      return { result: true };
    case 'sendMessage':
    case 'sendDocument':
      return send(state, method, params, now);
    case 'editMessageText':
      return edit(state, params, now);
    case 'answerCallbackQuery':
      state.answers.push({
        id: String(params.callback_query_id),
        text: typeof params.text === 'string' ? params.text : '',
        showAlert: params.show_alert === true,
      });
      return { result: true };
    case 'sendChatAction': {
      const chatId = chatIdOf(params.chat_id);
      if (chatId === null) return bad('chat_id is empty');
      if (state.isBlocked(chatId))
        return { error: { error_code: 403, description: 'Forbidden: bot was blocked by the user' } };
      const actions = ['typing', 'upload_photo', 'upload_document', 'choose_sticker'];
      return actions.includes(String(params.action))
        ? { result: true }
        : bad('wrong parameter action in request');
    }
    case 'getChat': {
      const chat = state.chat(chatIdOf(params.chat_id) ?? '');
      return chat ? { result: chat } : bad('chat not found');
    }
    case 'getChatMember': {
      const chatId = Number(chatIdOf(params.chat_id));
      const userId = Number(params.user_id);
      const member = state.member(chatId, userId);
      if (member) return { result: member };
      if (state.chat(String(chatId))?.type === 'channel') return bad('member list is inaccessible');
      const user = { id: userId, is_bot: false, first_name: 'Someone' };
      return { result: { status: 'member', user } };
    }
    case 'getFile': {
      const id = String(params.file_id);
      const file = state.fileByid(id);
      if (!file) return bad('invalid file_id');
      return {
        result: { file_id: id, file_unique_id: `u${id}`, file_size: file.size, file_path: file.path },
      };
    }
    default:
      return { error: { error_code: 404, description: 'Not Found' } };
  }
}
