import type { CommandOption, CompletionSource } from '../src/core/command.js';

/** Longest feed argument: a URL, a catalog id or a name. */
const FEED_ARGUMENT_CHARS = 2048;

/** The `feed` option of the commands that act on one of a chat's feeds. */
export function feedOption(
  description: string,
  autocomplete: CompletionSource,
  required = true,
): CommandOption {
  return {
    name: 'feed',
    description,
    type: 'string',
    required,
    maxLength: FEED_ARGUMENT_CHARS,
    autocomplete,
  };
}
