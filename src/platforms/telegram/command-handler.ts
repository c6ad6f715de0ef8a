import type { Telegram } from 'telegraf';
import { usageOf, type CommandArgs, type CommandDefinition } from '../../core/command.js';
import { bindTextArgs } from '../../core/command-line.js';
import { dispatch, type DispatchDeps } from '../../core/dispatch.js';
import { reply as replies, type Reply } from '../../core/reply.js';
import { withWorkingNotice } from '../../core/working-notice.js';
import type { ChatAddress } from '../../core/types.js';
import { downloadDocument } from './attachments.js';
import { offerChoices } from './choices.js';
import { el, type HtmlNode } from './html.js';
import type { IncomingCommand } from './incoming.js';
import type { Keyboard } from './keyboard.js';
import { isChatAdmin, resolveManagedChat } from './permissions.js';
import { renderTelegramReply } from './render-reply.js';
import type { Sender, Target } from './sender.js';

/** What running a command from Telegram needs. */
export interface CommandHandlerDeps {
  readonly telegram: Telegram;
  readonly dispatch: DispatchDeps;
  readonly sender: Sender;
  readonly now: () => number;
  /** This bot's user id, known once started. */
  readonly botId: () => number;
  readonly importMaxBytes: number;
  readonly timeoutMs: number;
  /** How long a command may take before the chat shows the bot typing; null never. */
  readonly workingNoticeMs: number | null;
}

/** Telegram shows "typing…" for five seconds: renewed a little sooner while the work goes on. */
const TYPING_RENEW_MS = 4_500;

/** `@channel` or a negative chat id at the start of a private chat's command names the chat it manages. */
const managedRef = /^(@[A-Za-z][A-Za-z0-9_]{3,31}|-\d{4,})(?=\s|$)\s*/;

/** Where a command acts: this chat, or the group or channel a private chat manages. */
interface Scope {
  readonly chat: ChatAddress;
  readonly rest: string;
  readonly heading: readonly HtmlNode[] | undefined;
  readonly isManager: boolean | null;
}

async function scopeOf(deps: CommandHandlerDeps, incoming: IncomingCommand): Promise<Scope | string> {
  const here: ChatAddress = {
    platform: 'telegram',
    chatId: String(incoming.chat.id),
    threadId: incoming.threadId,
  };
  if (incoming.chat.type !== 'private') {
    return {
      chat: here,
      rest: incoming.rest,
      heading: undefined,
      isManager: incoming.sentAsChat ? true : null,
    };
  }
  const ref = managedRef.exec(incoming.rest);
  if (!ref?.[1] || incoming.userId === null) {
    return { chat: here, rest: incoming.rest, heading: undefined, isManager: true };
  }
  const managed = await resolveManagedChat(deps.telegram, ref[1], incoming.userId, deps.botId());
  if (!managed.ok) return managed.message;
  return {
    chat: { platform: 'telegram', chatId: managed.chatId, threadId: '' },
    rest: incoming.rest.slice(ref[0].length),
    heading: ['📢 ', el('b', managed.title)],
    isManager: true,
  };
}

async function argsOf(
  deps: CommandHandlerDeps,
  command: CommandDefinition,
  incoming: IncomingCommand,
  rest: string,
): Promise<CommandArgs | string> {
  const bound = bindTextArgs(command, rest);
  if (!bound.ok) return bound.error;
  const file = command.options.find((o) => o.type === 'attachment');
  if (!file) return bound.value;
  if (incoming.document === null) {
    return `Reply to an OPML file with /${command.name}, or send the file with /${command.name} as its caption.`;
  }
  const downloaded = await downloadDocument(
    deps.telegram,
    incoming.document,
    deps.importMaxBytes,
    deps.timeoutMs,
  );
  return downloaded.ok ? { ...bound.value, [file.name]: downloaded.value } : downloaded.error;
}

function missingFirstChoice(command: CommandDefinition, args: CommandArgs): boolean {
  const option = command.options.find((o) => o.autocomplete !== undefined);
  const value = option === undefined ? undefined : args[option.name];
  return option?.required === true && (value === undefined || value === '');
}

/**
 * Runs one command from a chat and answers in the same chat and forum topic: resolves the chat
 * it acts on, checks the sender's rights when the command changes settings, binds arguments,
 * dispatches, and offers keys when a choice was missing.
 */
export async function handleCommand(deps: CommandHandlerDeps, incoming: IncomingCommand): Promise<void> {
  const target: Target = {
    chatId: String(incoming.chat.id),
    threadId: incoming.threadId,
    ...(incoming.chat.type !== 'private' ? { replyTo: incoming.messageId } : {}),
  };
  const send = async (reply: Reply, heading?: readonly HtmlNode[], keyboard?: Keyboard): Promise<void> => {
    const rendered = renderTelegramReply(reply, {
      ...(heading ? { heading } : {}),
      ...(keyboard ? { keyboard } : {}),
    });
    await deps.sender.reply(target, rendered);
  };
  // Telegram's client sends /start when someone first opens the bot (or adds it to a group by
  // link, with a payload to ignore): it is answered as /help.
  const started = incoming.name === 'start';
  const name = started ? 'help' : incoming.name;
  const command = deps.dispatch.commands.find((c) => c.name === name);
  if (!command) {
    // In a group an unknown command is usually another bot's; answer only when it named us.
    if (incoming.chat.type === 'private' || incoming.addressed) {
      await send(replies.error([`Unknown command /${incoming.name}. /help lists them.`]));
    }
    return;
  }
  const scope = await scopeOf(deps, incoming);
  if (typeof scope === 'string') {
    await send(replies.error([scope]));
    return;
  }
  let isManager = scope.isManager ?? false;
  if (scope.isManager === null && command.permission === 'manager' && incoming.userId !== null) {
    isManager = await isChatAdmin(deps.telegram, incoming.chat.id, incoming.userId);
  }
  // Refused before anything is downloaded or parsed: dispatch says why.
  const refused = command.permission === 'manager' && !isManager;
  const args = refused || started ? {} : await argsOf(deps, command, incoming, scope.rest);
  if (typeof args === 'string') {
    await send(replies.error([`❌ ${args}`, ['Usage: ', { code: usageOf(command) }]]), scope.heading);
    return;
  }
  const user = incoming.user;
  const reply = await withWorkingNotice(
    dispatch({ command, chat: scope.chat, user, args, isManager, now: deps.now() }, deps.dispatch),
    deps.workingNoticeMs === null
      ? null
      : {
          afterMs: deps.workingNoticeMs,
          everyMs: TYPING_RENEW_MS,
          show: () =>
            deps.telegram.callApi('sendChatAction', {
              chat_id: target.chatId,
              action: 'typing',
              ...(target.threadId !== '' ? { message_thread_id: Number(target.threadId) } : {}),
            }),
        },
  );
  // In the chat it was asked in, the digest itself is the answer: one message fewer to wait for.
  if (reply.digestId !== null && reply.tone === 'ok' && scope.heading === undefined) return;
  const keyboard =
    reply.tone === 'error' && missingFirstChoice(command, args)
      ? await offerChoices(deps.dispatch.services, command, scope.chat)
      : undefined;
  await send(reply, scope.heading, keyboard);
}
