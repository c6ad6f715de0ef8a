import type { Telegram } from 'telegraf';
import type { BotCommand } from 'telegraf/types';
import type { CommandDefinition } from '../../core/command.js';

const entry = (command: CommandDefinition): BotCommand => ({
  command: command.name,
  description: command.description.slice(0, 256),
});

/**
 * Registers the command menu: reading commands for everyone, every command in private chats
 * (where anyone may change settings) and for group administrators.
 */
export async function registerCommands(
  telegram: Telegram,
  commands: readonly CommandDefinition[],
): Promise<void> {
  const reading = commands.filter((c) => c.permission === 'member').map(entry);
  const all = commands.map(entry);
  await telegram.setMyCommands(reading, { scope: { type: 'default' } });
  await telegram.setMyCommands(reading, { scope: { type: 'all_group_chats' } });
  await telegram.setMyCommands(all, { scope: { type: 'all_private_chats' } });
  await telegram.setMyCommands(all, { scope: { type: 'all_chat_administrators' } });
}
