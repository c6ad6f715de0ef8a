import type { Telegram } from 'telegraf';
import type { CallbackQuery } from 'telegraf/types';
import { deniedLine, dispatch, type DispatchDeps } from '../../core/dispatch.js';
import { lineText } from '../../core/reply.js';
import type { ChatAddress } from '../../core/types.js';
import { findOffered, offerChoices } from './choices.js';
import { clip } from './html.js';
import { topicOf } from './incoming.js';
import { decodeCallback } from './keyboard.js';
import { isChatAdmin } from './permissions.js';
import { renderTelegramReply } from './render-reply.js';
import type { Sender } from './sender.js';

/** What answering a pressed key needs. */
export interface CallbackDeps {
  readonly telegram: Telegram;
  readonly dispatch: DispatchDeps;
  readonly sender: Sender;
  readonly now: () => number;
}

/** Telegram shows at most 200 characters of a callback answer. */
const MAX_ANSWER = 200;

/**
 * Answers a pressed key: runs the command it carries (checking the presser's rights, since in a
 * group or channel anyone can press), answers the callback query, and says in the chat (not in a
 * channel) what was done. A "More…" key offers every value instead.
 */
export async function handleCallback(deps: CallbackDeps, query: CallbackQuery): Promise<void> {
  const answer = async (text: string, alert = false): Promise<void> => {
    await deps.telegram.answerCbQuery(query.id, clip(text, MAX_ANSWER), { show_alert: alert });
  };
  const action = 'data' in query ? decodeCallback(query.data) : null;
  const command = action && deps.dispatch.commands.find((c) => c.name === action.command);
  const message = query.message;
  if (!action || !command || !message) {
    await answer('This button no longer works; type the command instead.', true);
    return;
  }
  const threadId = 'is_topic_message' in message ? topicOf(message) : '';
  const chat: ChatAddress = { platform: 'telegram', chatId: String(message.chat.id), threadId };
  const target = { chatId: chat.chatId, threadId };
  const { services } = deps.dispatch;
  const isManager =
    message.chat.type === 'private' ||
    (command.permission === 'manager' && (await isChatAdmin(deps.telegram, message.chat.id, query.from.id)));
  if (action.kind === 'choose') {
    // Offering choices posts to the chat: only for those who may then press them.
    if (command.permission === 'manager' && !isManager) {
      await answer(deniedLine(command, deps.dispatch.managerRequirement), true);
      return;
    }
    const keyboard = await offerChoices(services, command, chat);
    if (keyboard.length === 0) {
      await answer('Nothing to choose from; type the command instead.', true);
      return;
    }
    await answer('');
    await deps.sender.message(target, { text: `Choose what to /${command.name}:`, keyboard, preview: false });
    return;
  }
  const value =
    action.kind === 'run' ? action.value : await findOffered(services, command, chat, action.hash);
  const option = command.options.find((o) => o.type === 'string');
  if (value === null || option === undefined) {
    await answer('That choice is no longer offered; type the command instead.', true);
    return;
  }
  const user = {
    id: String(query.from.id),
    name: query.from.username !== undefined ? `@${query.from.username}` : query.from.first_name,
  };
  const reply = await dispatch(
    { command, chat, user, args: { [option.name]: value }, isManager, now: deps.now() },
    deps.dispatch,
  );
  const summary = lineText(reply.lines[0] ?? '');
  if (reply.tone === 'denied') {
    await answer(summary, true);
    return;
  }
  await answer(summary);
  // The pop-up tells the presser; a channel is not told as well, or its every subscriber would
  // read "Muted Sport".
  if (message.chat.type === 'channel') return;
  if (reply.digestId !== null && reply.tone === 'ok') return;
  await deps.sender.reply(target, renderTelegramReply(reply));
}
