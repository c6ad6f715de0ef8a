import type { Reply } from './reply.js';
import type { GazetteServices } from './services.js';
import type { ChatAddress } from './types.js';

/** `manager` commands change a chat's settings; `member` commands only read. */
export type Permission = 'member' | 'manager';

/** Lists a platform can offer while the user types an option. */
export type CompletionSource =
  | 'subscribed-feeds'
  | 'active-feeds'
  | 'paused-feeds'
  | 'catalog'
  | 'topics'
  | 'muted'
  | 'timezones'
  | 'schedule-presets';

/** One option of a command; both platforms derive their syntax from it. */
export interface CommandOption {
  /** `^[a-z0-9_]{1,32}$`. */
  readonly name: string;
  /** At most 100 characters. */
  readonly description: string;
  /** A role is a platform's own id, typed as text where the platform has no picker. */
  readonly type: 'string' | 'attachment' | 'role';
  readonly required: boolean;
  readonly maxLength?: number;
  readonly autocomplete?: CompletionSource;
  readonly choices?: readonly { readonly name: string; readonly value: string }[];
  /** Takes the rest of a text command line (so it may contain spaces). */
  readonly rest?: boolean;
}

/** A file the user attached (Discord) or replied to (Telegram), already downloaded. */
export interface Attachment {
  readonly name: string;
  readonly content: string;
}

/** Values of a command's options, by option name. */
export type CommandArgs = Readonly<Record<string, string | Attachment | undefined>>;

/** Who ran a command and from where. */
export interface CommandContext {
  readonly chat: ChatAddress;
  readonly user: { readonly id: string; readonly name: string };
  readonly args: CommandArgs;
  readonly services: GazetteServices;
  readonly now: number;
  /** The commands of this bot, for `help`. */
  readonly commands: readonly CommandDefinition[];
}

/** A command, defined once for every platform. */
export interface CommandDefinition {
  readonly name: string;
  readonly description: string;
  readonly permission: Permission;
  readonly options: readonly CommandOption[];
  /** Worked examples shown by help and with usage errors. */
  readonly examples: readonly string[];
  run(ctx: CommandContext): Promise<Reply>;
}

/** Identity function that checks a command definition's shape at compile time. */
export function defineCommand(definition: CommandDefinition): CommandDefinition {
  return definition;
}

/** A string option's value, or undefined when absent or not a string. */
export function stringArg(args: CommandArgs, name: string): string | undefined {
  const value = args[name];
  return typeof value === 'string' ? value : undefined;
}

/** One-line usage, e.g. `/schedule <when> [timezone]`. */
export function usageOf(command: CommandDefinition): string {
  const parts = command.options.map((o) => (o.required ? `<${o.name}>` : `[${o.name}]`));
  return [`/${command.name}`, ...parts].join(' ');
}
