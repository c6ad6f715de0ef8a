import { createHash } from 'node:crypto';
import type { ChatAddress } from '../core/types.js';

/** A cron minute field that is one plain number: the only kind a chat's own minute replaces. */
const PLAIN_MINUTE = /^\d{1,2}$/;

/**
 * The minute within the hour that a chat's default digests fall on: a stable hash of its platform
 * and chat id, so that a hundred thousand chats on the default schedule spread over the hour
 * instead of all asking the platform for 08:00:00 at once.
 */
export function chatMinute(chat: Pick<ChatAddress, 'platform' | 'chatId'>): number {
  const digest = createHash('sha256').update(`${chat.platform}:${chat.chatId}`).digest();
  return digest.readUInt32BE(0) % 60;
}

/**
 * The default schedule for a new chat: the configured expression with its minute replaced by the
 * chat's own, when that field is a single minute (`0 8,18 * * *` becomes `37 8,18 * * *`). An
 * expression that names several minutes or a step is the operator's choice and stays as it is.
 */
export function defaultScheduleFor(cron: string, chat: Pick<ChatAddress, 'platform' | 'chatId'>): string {
  const [minute, ...rest] = cron.trim().split(/\s+/);
  if (minute === undefined || !PLAIN_MINUTE.test(minute) || rest.length !== 4) return cron;
  return [String(chatMinute(chat)), ...rest].join(' ');
}
