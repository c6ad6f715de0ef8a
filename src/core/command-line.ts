import type { CommandArgs, CommandDefinition } from './command.js';
import { err, ok, type Result } from './result.js';

/** A `/command@bot args` line split into its parts. */
export interface CommandLine {
  readonly name: string;
  /** The bot the command was addressed to, if any (`/digest@gazette_bot`). */
  readonly target: string | null;
  readonly rest: string;
}

const commandPattern = /^\/([a-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?:\s([\s\S]*))?$/i;

/** Splits a text command; null when the text is not a command. */
export function parseCommandLine(text: string): CommandLine | null {
  const match = commandPattern.exec(text.trim());
  if (!match?.[1]) return null;
  return { name: match[1].toLowerCase(), target: match[2] ?? null, rest: (match[3] ?? '').trim() };
}

/** Splits arguments on whitespace, keeping "double" or 'single' quoted runs together. */
export function tokenize(rest: string): string[] {
  const tokens: string[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|“([^“”]*)”|(\S+)/g;
  for (const match of rest.matchAll(pattern)) {
    tokens.push(match[1] ?? match[2] ?? match[3] ?? match[4] ?? '');
  }
  return tokens;
}

/**
 * Binds text arguments to a command's string options in order. An option marked `rest`, or the
 * last string option, takes what is left; extra words elsewhere are an error.
 */
export function bindTextArgs(command: CommandDefinition, rest: string): Result<CommandArgs, string> {
  const options = command.options.filter((o) => o.type !== 'attachment');
  const tokens = tokenize(rest);
  const args: Record<string, string> = {};
  for (const [index, option] of options.entries()) {
    if (tokens.length === 0) break;
    const last = index === options.length - 1;
    if (option.rest === true || last) {
      args[option.name] = tokens.join(' ');
      tokens.length = 0;
    } else {
      args[option.name] = tokens.shift() ?? '';
    }
  }
  if (tokens.length > 0) return err(`Too many arguments for /${command.name}.`);
  return ok(args);
}
