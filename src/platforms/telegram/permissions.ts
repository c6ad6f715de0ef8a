import { TelegramError, type Telegram } from 'telegraf';
import type { ChatMember } from 'telegraf/types';
import { chatTitle } from './incoming.js';

const ADMIN_STATUSES = new Set(['creator', 'administrator']);

/** A user's membership, or null when Telegram will not tell (not a member, bot not in the chat). */
async function memberOf(telegram: Telegram, chatId: number, userId: number): Promise<ChatMember | null> {
  try {
    return await telegram.getChatMember(chatId, userId);
  } catch (error) {
    // 400/403 say the user or the bot is not there; anything else is worth a retry by the user.
    if (error instanceof TelegramError && (error.code === 400 || error.code === 403)) return null;
    throw error;
  }
}

/** Whether a user administers a group or channel, as Telegram says now. */
export async function isChatAdmin(telegram: Telegram, chatId: number, userId: number): Promise<boolean> {
  const member = await memberOf(telegram, chatId, userId);
  return member !== null && ADMIN_STATUSES.has(member.status);
}

function canPost(type: string, bot: ChatMember | null): boolean {
  if (bot === null) return false;
  if (type === 'channel')
    return bot.status === 'creator' || (bot.status === 'administrator' && bot.can_post_messages === true);
  if (bot.status === 'restricted') return bot.can_send_messages;
  return bot.status === 'member' || ADMIN_STATUSES.has(bot.status);
}

/** A group or channel a private chat may manage, or why it may not. */
export type ManagedChat =
  | { readonly ok: true; readonly chatId: string; readonly title: string }
  | { readonly ok: false; readonly message: string };

/**
 * Checks that `userId` may manage the chat named by `ref` (`@channel` or its id) from a private
 * chat: the user must administer it and the bot must be able to post there.
 */
export async function resolveManagedChat(
  telegram: Telegram,
  ref: string,
  userId: number,
  botId: number,
): Promise<ManagedChat> {
  let chat;
  try {
    chat = await telegram.getChat(/^-?\d+$/.test(ref) ? Number(ref) : ref);
  } catch (error) {
    if (!(error instanceof TelegramError)) throw error;
    return {
      ok: false,
      message: `❌ I cannot find ${ref}. Add me to that channel or group as an administrator, then try again.`,
    };
  }
  const title = chatTitle(chat);
  if (chat.type === 'private') {
    return { ok: false, message: `❌ ${ref} is a person, not a channel or group.` };
  }
  const [user, bot] = await Promise.all([
    memberOf(telegram, chat.id, userId),
    memberOf(telegram, chat.id, botId),
  ]);
  if (bot === null && user === null) {
    return {
      ok: false,
      message: `❌ I cannot see who administers ${title}: add me to it as an administrator that can post messages.`,
    };
  }
  if (user === null || !ADMIN_STATUSES.has(user.status)) {
    return { ok: false, message: `🔒 Only an administrator of ${title} can manage its feeds.` };
  }
  if (!canPost(chat.type, bot)) {
    return {
      ok: false,
      message: `❌ I cannot post in ${title}: make me an administrator allowed to post messages there.`,
    };
  }
  return { ok: true, chatId: String(chat.id), title };
}
