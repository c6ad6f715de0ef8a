import { randomBytes } from 'node:crypto';
import { usageOf, type CommandArgs, type CommandDefinition } from './command.js';
import { isUserError } from './errors.js';
import { reply, type Reply } from './reply.js';
import type { GazetteServices } from './services.js';
import type { ChatAddress } from './types.js';

/** One run of a command, as a platform adapter received it. */
export interface Invocation {
  readonly command: CommandDefinition;
  readonly chat: ChatAddress;
  readonly user: { readonly id: string; readonly name: string };
  readonly args: CommandArgs;
  /** Whether the platform says this user may change the chat's settings. */
  readonly isManager: boolean;
  readonly now: number;
}

/** What dispatching needs; `onInternalError` is the one error sink of an adapter. */
export interface DispatchDeps {
  readonly services: GazetteServices;
  readonly commands: readonly CommandDefinition[];
  /** How this platform names the permission managers have, e.g. "the Manage Channels permission". */
  readonly managerRequirement: string;
  onInternalError(reference: string, error: unknown, invocation: Invocation): void;
}

/** The arguments with each choice typed in any case ("ON", "Add") read as the choice itself. */
function withChoicesRead(invocation: Invocation): Invocation {
  let args: Invocation['args'] | null = null;
  for (const option of invocation.command.options) {
    const value = invocation.args[option.name];
    if (option.choices === undefined || typeof value !== 'string') continue;
    const typed = value.trim().toLowerCase();
    const choice = option.choices.find((c) => c.value.toLowerCase() === typed);
    if (choice !== undefined && choice.value !== value)
      args = { ...(args ?? invocation.args), [option.name]: choice.value };
  }
  return args === null ? invocation : { ...invocation, args };
}

function checkArgs(invocation: Invocation): string | null {
  for (const option of invocation.command.options) {
    const value = invocation.args[option.name];
    if (value === undefined || (typeof value === 'string' && value.trim() === '')) {
      if (option.required) return `Missing ${option.name}.`;
      continue;
    }
    if (typeof value === 'string') {
      if (option.type === 'attachment') return `${option.name} must be a file.`;
      if (option.maxLength !== undefined && value.length > option.maxLength) {
        return `${option.name} is too long (at most ${option.maxLength} characters).`;
      }
      if (option.choices && !option.choices.some((c) => c.value === value)) {
        return `${option.name} must be one of: ${option.choices.map((c) => c.value).join(', ')}.`;
      }
    } else if (option.type !== 'attachment') {
      return `${option.name} must be text, not a file.`;
    }
  }
  return null;
}

/** Why a user who may not change the chat's settings cannot run `command`. */
export function deniedLine(command: CommandDefinition, managerRequirement: string): string {
  return `🔒 /${command.name} changes this chat's settings: it needs ${managerRequirement}.`;
}

/**
 * Runs a command: checks permission and arguments, runs it, and turns every error into a reply.
 * A user error is shown as it is; anything else is logged under a short reference that the user
 * sees instead of the details.
 */
export async function dispatch(typed: Invocation, deps: DispatchDeps): Promise<Reply> {
  const invocation = withChoicesRead(typed);
  const { command } = invocation;
  if (command.permission === 'manager' && !invocation.isManager) {
    return reply.denied([deniedLine(command, deps.managerRequirement)]);
  }
  const problem = checkArgs(invocation);
  if (problem !== null) return reply.error([`❌ ${problem}`, ['Usage: ', { code: usageOf(command) }]]);
  try {
    if (command.permission === 'manager') await deps.services.resumeDelivery(invocation.chat);
    return await command.run({
      chat: invocation.chat,
      user: invocation.user,
      args: invocation.args,
      services: deps.services,
      now: invocation.now,
      commands: deps.commands,
    });
  } catch (error) {
    if (isUserError(error)) {
      const lines = [`❌ ${error.message}`];
      return error.code === 'bad_argument'
        ? reply.error([...lines, ['Usage: ', { code: usageOf(command) }]])
        : reply.error(lines);
    }
    const reference = randomBytes(4).toString('hex');
    deps.onInternalError(reference, error, invocation);
    return reply.error([
      `Something went wrong on our side (reference ${reference}). Nothing was changed; please try again.`,
    ]);
  }
}
