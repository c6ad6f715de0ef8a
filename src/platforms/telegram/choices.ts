import type { CommandDefinition, CompletionSource } from '../../core/command.js';
import type { GazetteServices } from '../../core/services.js';
import type { ChatAddress } from '../../core/types.js';
import { clip } from './html.js';
import { hashValue, layoutButtons, runData, type Button, type Keyboard } from './keyboard.js';

/** Keys offered at once: more would bury the chat. */
const MAX_OFFERED = 10;

/** Where the values of a command's first suggestible option come from, if it has one. */
export function choiceSource(command: CommandDefinition): CompletionSource | null {
  return command.options.find((o) => o.autocomplete !== undefined)?.autocomplete ?? null;
}

/** Keys that run `command` with each value it would suggest in this chat; empty when none. */
export async function offerChoices(
  services: GazetteServices,
  command: CommandDefinition,
  chat: ChatAddress,
): Promise<Keyboard> {
  const source = choiceSource(command);
  if (source === null) return [];
  const offered = (await services.complete(source, chat, '')).slice(0, MAX_OFFERED);
  const buttons: Button[] = offered.map((c) => ({
    text: clip(c.name, 64),
    callback_data: runData(command.name, c.value),
  }));
  return layoutButtons(buttons);
}

/** The offered value whose hash a key carried; null when it is no longer offered. */
export async function findOffered(
  services: GazetteServices,
  command: CommandDefinition,
  chat: ChatAddress,
  hash: string,
): Promise<string | null> {
  const source = choiceSource(command);
  if (source === null) return null;
  const offered = await services.complete(source, chat, '');
  return offered.find((c) => hashValue(c.value) === hash)?.value ?? null;
}
