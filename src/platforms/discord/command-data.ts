import { createHash } from 'node:crypto';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandDefinition, CommandOption } from '../../core/command.js';

/** Discord's own cap on a string option, whatever a definition asks for. */
const MAX_STRING = 6000;

/** The permission that makes someone a manager of a channel's digests. */
export const managerPermission = PermissionFlagsBits.ManageChannels;

function optionData(option: CommandOption): APIApplicationCommandOption {
  const base = { name: option.name, description: option.description, required: option.required };
  if (option.type === 'attachment') return { ...base, type: ApplicationCommandOptionType.Attachment };
  if (option.type === 'role') return { ...base, type: ApplicationCommandOptionType.Role };
  const text = {
    ...base,
    type: ApplicationCommandOptionType.String as const,
    max_length: Math.min(option.maxLength ?? MAX_STRING, MAX_STRING),
  };
  if (option.autocomplete) return { ...text, autocomplete: true };
  const choices = option.choices?.map((c) => ({ name: c.name, value: c.value }));
  return choices ? { ...text, choices } : text;
}

/**
 * Every command as a guild slash command. Manager commands are hidden from members without
 * Manage Channels by default; the server checks again, since admins can change that default.
 */
export function applicationCommands(
  commands: readonly CommandDefinition[],
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.map((command) => ({
    type: ApplicationCommandType.ChatInput,
    name: command.name,
    description: command.description,
    options: command.options.map(optionData),
    default_member_permissions: command.permission === 'manager' ? String(managerPermission) : null,
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
  }));
}

/** Where commands are registered: one guild (development) or everywhere. */
export interface CommandScope {
  readonly applicationId: string;
  readonly guildId: string | null;
}

/** A fingerprint of the definitions and their scope: registration is needed when it changes. */
export function commandsHash(
  body: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[],
  scope: CommandScope,
): string {
  return createHash('sha256').update(JSON.stringify({ scope, body })).digest('hex');
}
