import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Telegraf } from 'telegraf';
import type { Message } from 'telegraf/types';
import { handleCallback } from './callbacks.js';
import { createChatQueues, type ChatQueues } from './chat-queues.js';
import { handleCommand, type CommandHandlerDeps } from './command-handler.js';
import { readCommand } from './incoming.js';

/** What taking updates needs. */
export interface UpdateDeps extends CommandHandlerDeps {
  readonly log: Logger;
  /** This bot's username, known once started. */
  readonly botUsername: () => string;
  /** Moves a chat's subscriptions when a group becomes a supergroup. */
  readonly moveChat: (fromChatId: string, toChatId: string) => Promise<void>;
}

/** Updates Gazette asks Telegram for. */
export const allowedUpdates = ['message', 'channel_post', 'callback_query'] as const;

/**
 * Installs the handlers for messages, channel posts (which `bot.command` never sees) and pressed
 * keys. Work runs in per-chat queues; returns them so stopping can wait for what is under way.
 */
export function installHandlers(bot: Telegraf, deps: UpdateDeps): ChatQueues {
  const queues = createChatQueues((error) => {
    deps.log.error({ err: error }, 'telegram update failed');
  });

  const onMessage = (message: Message): void => {
    const chat = String(message.chat.id);
    if ('migrate_to_chat_id' in message) {
      const to = String(message.migrate_to_chat_id);
      queues.run(chat, () => deps.moveChat(chat, to));
      return;
    }
    if ('migrate_from_chat_id' in message) {
      const from = String(message.migrate_from_chat_id);
      queues.run(chat, () => deps.moveChat(from, chat));
      return;
    }
    // A channel's post that Telegram copied into its discussion group was answered in the channel.
    if ('is_automatic_forward' in message) return;
    const incoming = readCommand(message, deps.botUsername());
    if (incoming === null) return;
    queues.run(chat, async () => {
      try {
        await handleCommand(deps, incoming);
      } catch (error) {
        // Failures outside a command's run (Telegram unreachable while checking rights or
        // downloading a file): logged under a reference the user sees, as dispatch does.
        const reference = randomBytes(4).toString('hex');
        deps.log.error({ err: error, reference, command: incoming.name }, 'telegram command failed');
        await deps.sender.message(
          { chatId: chat, threadId: incoming.threadId },
          {
            text: `Something went wrong on our side (reference ${reference}). Nothing was changed; please try again.`,
            keyboard: [],
            preview: false,
          },
        );
      }
    });
  };

  bot.on('message', (ctx) => {
    onMessage(ctx.message);
  });
  bot.on('channel_post', (ctx) => {
    onMessage(ctx.channelPost);
  });
  bot.on('callback_query', (ctx) => {
    const query = ctx.callbackQuery;
    queues.run(String(query.message?.chat.id ?? 'callbacks'), () => handleCallback(deps, query));
  });
  // Without this, one failing handler would stop polling and set the process's exit code.
  bot.catch((error) => {
    deps.log.error({ err: error }, 'telegram update handler failed');
  });
  return queues;
}
