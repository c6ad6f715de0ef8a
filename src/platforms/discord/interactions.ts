import {
  ChannelType,
  Routes,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type MessageComponentInteraction,
} from 'discord.js';
import type { CommandArgs, CommandDefinition } from '../../core/command.js';
import { dispatch, type DispatchDeps, type Invocation } from '../../core/dispatch.js';
import { reply, type Reply } from '../../core/reply.js';
import type { ChatAddress } from '../../core/types.js';
import { downloadAttachment, type DownloadPolicy } from './attachments.js';
import { managerPermission } from './command-data.js';
import { parseCustomId } from './components.js';
import { answer } from './respond.js';

/** What handling interactions needs. */
export interface InteractionDeps {
  readonly dispatch: DispatchDeps;
  readonly now: () => number;
  readonly downloads: DownloadPolicy;
  readonly deferAfterMs: number;
  /** Remembers which guild a channel is in, to tell the guild if the channel is lost later. */
  readonly seen: (channelId: string, guildId: string | null) => void;
}

type Acting = ChatInputCommandInteraction | AutocompleteInteraction | MessageComponentInteraction;

/**
 * Where a command's settings belong: the channel or thread it was typed in, except in a forum post,
 * where they belong to the whole forum, so that each digest opens a post of its own.
 */
function chatOf(interaction: Acting): ChatAddress {
  const channel = interaction.channel;
  const parent = channel?.isThread() === true ? channel.parent : null;
  const inForum = parent?.type === ChannelType.GuildForum || parent?.type === ChannelType.GuildMedia;
  return { platform: 'discord', chatId: inForum ? parent.id : interaction.channelId, threadId: '' };
}

function invocation(
  interaction: Acting,
  command: CommandDefinition,
  args: CommandArgs,
  now: number,
): Invocation {
  return {
    command,
    chat: chatOf(interaction),
    user: { id: interaction.user.id, name: interaction.user.username },
    args,
    // Discord computes these for the member in this channel, overwrites included.
    isManager: interaction.memberPermissions?.has(managerPermission) ?? false,
    now,
  };
}

/**
 * True when `roleId` names a role of the interaction's own server, other than @everyone (whose id is
 * the server's). The server's roles are asked over REST: discord.js adds the roles an interaction's
 * payload resolves to the server's cache, so the cache would take the payload's word for it.
 */
async function isGuildRole(interaction: ChatInputCommandInteraction, roleId: string): Promise<boolean> {
  const guildId = interaction.guildId;
  if (guildId === null || roleId === guildId || !/^\d{17,20}$/.test(roleId)) return false;
  const roles: unknown = await interaction.client.rest.get(Routes.guildRoles(guildId)).catch(() => []);
  return (
    Array.isArray(roles) &&
    roles.some((r: unknown) => typeof r === 'object' && r !== null && 'id' in r && r.id === roleId)
  );
}

async function runChatInput(
  interaction: ChatInputCommandInteraction,
  command: CommandDefinition,
  deps: InteractionDeps,
): Promise<Reply> {
  const args: Record<string, string | { name: string; content: string }> = {};
  const isManager = interaction.memberPermissions?.has(managerPermission) ?? false;
  // A file is fetched only for someone allowed to run the command; dispatch says no to the others.
  const mayRun = command.permission === 'member' || isManager;
  for (const option of command.options) {
    if (option.type === 'string') {
      const value = interaction.options.getString(option.name);
      if (value !== null) args[option.name] = value;
      continue;
    }
    if (option.type === 'role') {
      const value = interaction.options.get(option.name)?.value;
      if (value === undefined) continue;
      if (!(await isGuildRole(interaction, String(value)))) {
        return reply.error(['❌ That role is not a role of this server.']);
      }
      args[option.name] = String(value);
      continue;
    }
    const file = interaction.options.getAttachment(option.name);
    if (file === null || !mayRun) continue;
    const downloaded = await downloadAttachment(file, deps.downloads);
    if (!downloaded.ok) return reply.error([`❌ ${downloaded.error}`]);
    args[option.name] = downloaded.value;
  }
  return dispatch(invocation(interaction, command, args, deps.now()), deps.dispatch);
}

async function autocomplete(interaction: AutocompleteInteraction, deps: InteractionDeps): Promise<void> {
  try {
    const command = deps.dispatch.commands.find((c) => c.name === interaction.commandName);
    const focused = interaction.options.getFocused(true);
    const source = command?.options.find((o) => o.name === focused.name)?.autocomplete;
    const choices =
      source === undefined
        ? []
        : await deps.dispatch.services.complete(source, chatOf(interaction), focused.value);
    await interaction.respond(choices.slice(0, 25).map((c) => ({ name: c.name, value: c.value })));
  } catch (error) {
    // An empty list beats Discord's "loading options failed"; the caller logs the error.
    if (!interaction.responded) await interaction.respond([]);
    throw error;
  }
}

function componentReply(interaction: MessageComponentInteraction, deps: InteractionDeps): Promise<Reply> {
  const values = interaction.isStringSelectMenu() ? interaction.values : [];
  const parsed = parseCustomId(interaction.customId, values);
  const command = parsed && deps.dispatch.commands.find((c) => c.name === parsed.command);
  const option = command?.options.find((o) => o.type === 'string');
  if (!parsed || !command || !option) {
    return Promise.resolve(reply.error(['❌ This button no longer does anything.']));
  }
  const args = { [option.name]: parsed.value };
  return dispatch(invocation(interaction, command, args, deps.now()), deps.dispatch);
}

/** Routes one interaction: slash command, autocomplete, or a button or menu under a message. */
export async function handleInteraction(interaction: Interaction, deps: InteractionDeps): Promise<void> {
  if (interaction.channelId !== null) deps.seen(interaction.channelId, interaction.guildId);
  if (interaction.isAutocomplete()) {
    await autocomplete(interaction, deps);
  } else if (interaction.isChatInputCommand()) {
    const command = deps.dispatch.commands.find((c) => c.name === interaction.commandName);
    const work = command
      ? runChatInput(interaction, command, deps)
      : Promise.resolve(reply.error(['❌ Gazette does not know that command any more.']));
    await answer(interaction, work, deps.deferAfterMs);
  } else if (interaction.isMessageComponent()) {
    await answer(interaction, componentReply(interaction, deps), deps.deferAfterMs);
  }
}
