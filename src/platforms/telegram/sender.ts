import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import { TelegramError, type Telegram } from 'telegraf';
import type { InlineKeyboardMarkup } from 'telegraf/types';
import type { ReplyFile } from '../../core/reply.js';
import type { SendOutcome } from '../platform.js';
import { classifyPlatformError } from './classify-error.js';
import type { FloodLimiter } from './flood-limiter.js';
import type { Keyboard } from './keyboard.js';
import type { MessagePayload } from './payload.js';
import type { RenderedReply } from './render-reply.js';

/** Where a message goes: a chat, a forum topic in it, and the message it answers. */
export interface Target {
  readonly chatId: string;
  /** Forum topic; empty when none. */
  readonly threadId: string;
  readonly replyTo?: number;
}

/** What sending needs. */
export interface SenderDeps {
  readonly telegram: Telegram;
  readonly limiter: FloodLimiter;
  readonly log: Logger;
  /** Moves a chat's subscriptions after Telegram said the group became a supergroup. */
  readonly moveChat: (fromChatId: string, toChatId: string) => Promise<void>;
  /** Longest wait for one Bot API call. */
  readonly timeoutMs: number;
}

/**
 * How a send meets a wait. `outbox`: a digest part, which the outbox sends again at the time named
 * (a chat held by a 429 or its group's minute limit must not hold every other chat's digest while
 * it sleeps). `reply`: an answer someone waits for, which waits and tries again itself.
 */
export type Pace = 'outbox' | 'reply';

/** Sends messages at Telegram's pace and reports each outcome instead of throwing. */
export interface Sender {
  message(target: Target, message: MessagePayload, pace?: Pace): Promise<SendOutcome>;
  /** Rewrites a message the bot sent; the same text again counts as done. */
  edit(target: Target, messageId: string, message: MessagePayload, pace?: Pace): Promise<SendOutcome>;
  document(target: Target, file: ReplyFile, caption: string | null): Promise<SendOutcome>;
  /** Sends a rendered reply in order; stops at the first failure, which it returns. */
  reply(target: Target, reply: RenderedReply): Promise<SendOutcome>;
}

/** The signal type telegraf declares: the abort-controller polyfill's, not Node's own. */
type CallSignal = NonNullable<NonNullable<Parameters<Telegram['callApi']>[2]>['signal']>;

/** A signal that aborts a Bot API call after `ms`; node-fetch accepts Node's own AbortSignal. */
const timeoutSignal = (ms: number): CallSignal => AbortSignal.timeout(ms) as unknown as CallSignal;

/** Chat ids travel as numbers when they are numbers, as Telegram documents them. */
const chatIdOf = (chatId: string): number | string =>
  /^-?\d+$/.test(chatId) && Number.isSafeInteger(Number(chatId)) ? Number(chatId) : chatId;

function markup(keyboard: Keyboard): { reply_markup?: InlineKeyboardMarkup } {
  if (keyboard.length === 0) return {};
  return { reply_markup: { inline_keyboard: keyboard.map((row) => row.map((b) => ({ ...b }))) } };
}

function placement(target: Target): {
  message_thread_id?: number;
  reply_parameters?: { message_id: number; allow_sending_without_reply: boolean };
} {
  return {
    ...(target.threadId !== '' ? { message_thread_id: Number(target.threadId) } : {}),
    ...(target.replyTo !== undefined
      ? { reply_parameters: { message_id: target.replyTo, allow_sending_without_reply: true } }
      : {}),
  };
}

/** Reply parameters as the Bot API method types declare them. */
type ReplyParameters = NonNullable<ReturnType<typeof placement>['reply_parameters']>;

/**
 * Placement for a multipart call: telegraf 4.16 sends an object field it does not know as a file
 * part, so the reply parameters travel as the JSON text Telegram reads from a form field.
 */
function multipartPlacement(target: Target): ReturnType<typeof placement> {
  const { reply_parameters, ...rest } = placement(target);
  if (reply_parameters === undefined) return rest;
  return { ...rest, reply_parameters: JSON.stringify(reply_parameters) as unknown as ReplyParameters };
}

/** Telegram refuses an edit that would change nothing with this 400. */
function isNotModified(error: unknown): boolean {
  return (
    error instanceof TelegramError &&
    error.code === 400 &&
    error.description.includes('message is not modified')
  );
}

/** A digest part waits in line for its chat this long at most; a longer wait goes back to the outbox. */
const OUTBOX_INLINE_WAIT_MS = 1_500;
/** A reply is tried this many times, and waits at most this long for one 429. */
const REPLY_TRIES = 3;
const REPLY_PATIENCE_MS = 30_000;
/** Wait before a reply's next try when Telegram named none (5xx, network). */
const REPLY_BACKOFF_MS = 1_000;

/** Creates a sender; chats that moved to a supergroup are remembered, so later messages go there directly. */
export function createSender(deps: SenderDeps): Sender {
  const moved = new Map<string, string>();

  const deliver = async (
    target: Target,
    call: (chatId: number | string, signal: CallSignal) => Promise<{ message_id: number }>,
    pace: Pace = 'reply',
  ): Promise<SendOutcome> => {
    let chatId = moved.get(target.chatId) ?? target.chatId;
    let hopped = false;
    for (let tries = 1; ; tries++) {
      const wait = deps.limiter.waitOf(chatId);
      if (pace === 'outbox' && wait > OUTBOX_INLINE_WAIT_MS) {
        return {
          ok: false,
          kind: 'retry',
          retryAfterMs: Math.ceil(wait),
          reason: "waiting for this chat's Telegram limit",
        };
      }
      await deps.limiter.acquire(chatId);
      try {
        const sent = await call(chatIdOf(chatId), timeoutSignal(deps.timeoutMs));
        return { ok: true, messageId: String(sent.message_id) };
      } catch (error) {
        const failure = classifyPlatformError(error);
        if (failure.kind === 'migrated') {
          // One hop only: a chat that claims to move again is not followed in circles.
          if (hopped) return { ok: false, kind: 'retry', retryAfterMs: null, reason: failure.reason };
          hopped = true;
          moved.set(target.chatId, failure.toChatId);
          await deps.moveChat(chatId, failure.toChatId);
          deps.log.info({ from: chatId, to: failure.toChatId }, 'telegram group became a supergroup');
          chatId = failure.toChatId;
          continue;
        }
        if (failure.kind === 'retry' && failure.retryAfterMs !== null) {
          deps.limiter.hold(chatId, failure.retryAfterMs);
        }
        const patient =
          pace === 'reply' &&
          failure.kind === 'retry' &&
          tries < REPLY_TRIES &&
          (failure.retryAfterMs ?? 0) <= REPLY_PATIENCE_MS;
        if (!patient) return { ok: false, ...failure };
        deps.log.info({ chat: chatId, reason: failure.reason }, 'telegram reply will be tried again');
        if (failure.retryAfterMs === null) await delay(REPLY_BACKOFF_MS * tries);
      }
    }
  };

  const sender: Sender = {
    message: (target, message, pace) =>
      deliver(
        target,
        (chat_id, signal) =>
          deps.telegram.callApi(
            'sendMessage',
            {
              chat_id,
              text: message.text,
              parse_mode: 'HTML',
              link_preview_options:
                message.picture === undefined
                  ? { is_disabled: !message.preview }
                  : { url: message.picture, prefer_large_media: true, show_above_text: true },
              ...placement(target),
              ...markup(message.keyboard),
            },
            { signal },
          ),
        pace,
      ),
    edit: (target, messageId, message, pace) =>
      deliver(
        target,
        async (chat_id, signal) => {
          const message_id = Number(messageId);
          try {
            await deps.telegram.callApi(
              'editMessageText',
              {
                chat_id,
                message_id,
                text: message.text,
                parse_mode: 'HTML',
                link_preview_options: { is_disabled: !message.preview },
                ...markup(message.keyboard),
              },
              { signal },
            );
          } catch (error) {
            // An edit repeated after a crash finds the message already as wanted: that is success.
            if (!isNotModified(error)) throw error;
          }
          return { message_id };
        },
        pace,
      ),
    document: (target, file, caption) =>
      deliver(target, (chat_id, signal) =>
        deps.telegram.callApi(
          'sendDocument',
          {
            chat_id,
            document: { source: Buffer.from(file.content, 'utf8'), filename: file.name },
            ...(caption !== null ? { caption, parse_mode: 'HTML' as const } : {}),
            ...multipartPlacement(target),
          },
          { signal },
        ),
      ),
    async reply(target, reply) {
      let last: SendOutcome = { ok: true, messageId: '' };
      for (const message of reply.messages) {
        last = await sender.message(target, message);
        if (!last.ok) break;
      }
      if (last.ok && reply.file !== null) last = await sender.document(target, reply.file, reply.caption);
      // Nothing sends a reply again later: its loss is told here at least.
      if (!last.ok)
        deps.log.warn({ chat: target.chatId, reason: last.reason }, 'telegram reply not delivered');
      return last;
    },
  };
  return sender;
}
