import { createHash } from 'node:crypto';
import type { Choice } from '../../core/reply.js';
import type { Topic } from '../../core/types.js';
import { clip } from './html.js';

/** One inline keyboard key that sends a callback query. */
export interface Button {
  readonly text: string;
  readonly callback_data: string;
}

/** Rows of keys, as `reply_markup.inline_keyboard` takes them. */
export type Keyboard = readonly (readonly Button[])[];

/** What a pressed key asks for. */
export type CallbackAction =
  /** Run the command with this value. */
  | { readonly kind: 'run'; readonly command: string; readonly value: string }
  /** Run the command with the offered value whose hash this is (the value was too long to carry). */
  | { readonly kind: 'run-hashed'; readonly command: string; readonly hash: string }
  /** Offer the values of the command's option as keys. */
  | { readonly kind: 'choose'; readonly command: string };

/** Telegram refuses callback data over 64 bytes. */
export const MAX_CALLBACK_BYTES = 64;

/** A short, stable hash of an offered value, for values too long to fit in callback data. */
export function hashValue(value: string): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, 16);
}

/** Callback data that runs `command` with `value`; always within 64 bytes. */
export function runData(command: string, value: string): string {
  const direct = `v:${command}:${value}`;
  return Buffer.byteLength(direct, 'utf8') <= MAX_CALLBACK_BYTES
    ? direct
    : `h:${command}:${hashValue(value)}`;
}

/** Callback data that asks for the full list of values of `command`. */
export const chooseData = (command: string): string => `k:${command}`;

/** Reads callback data written by this module; null for anything else. */
export function decodeCallback(data: string): CallbackAction | null {
  const match = /^([vhk]):([a-z0-9_]{1,32})(?::([\s\S]*))?$/.exec(data);
  if (!match?.[2]) return null;
  const [, kind, command, rest] = match;
  if (kind === 'k') return { kind: 'choose', command };
  if (rest === undefined || rest === '') return null;
  return kind === 'v' ? { kind: 'run', command, value: rest } : { kind: 'run-hashed', command, hash: rest };
}

/** Lays keys out two to a row when their labels are short, one to a row otherwise. */
export function layoutButtons(buttons: readonly Button[]): Button[][] {
  const perRow = buttons.every((b) => b.text.length <= 18) ? 2 : 1;
  const out: Button[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) out.push(buttons.slice(i, i + perRow));
  return out;
}

/** Keys for a reply's choices. */
export function choiceKeyboard(choices: readonly Choice[]): Keyboard {
  return layoutButtons(
    choices.map((c) => ({ text: clip(c.label, 64), callback_data: runData(c.command, c.value) })),
  );
}

/** Topic keys shown under a digest before "More…" takes over. */
const SHOWN_TOPICS = 3;

/** Mute keys for a digest's topics, most frequent first, with "More…" when they do not all fit. */
export function muteKeyboard(topics: readonly Topic[]): Keyboard {
  const buttons: Button[] = topics
    .slice(0, SHOWN_TOPICS)
    .map((t) => ({ text: clip(`Mute ${t.label}`, 64), callback_data: runData('mute', t.id) }));
  if (topics.length > SHOWN_TOPICS) buttons.push({ text: 'More…', callback_data: chooseData('mute') });
  return layoutButtons(buttons);
}
