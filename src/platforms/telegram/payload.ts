import type { Keyboard } from './keyboard.js';

/** One Telegram message as the outbox stores it: HTML text, keys under it, link previews. */
export interface MessagePayload {
  readonly text: string;
  readonly keyboard: Keyboard;
  readonly preview: boolean;
  /**
   * A checked picture shown as the message's link preview, above the text. Telegram fetches it by
   * URL; a picture it cannot fetch costs the preview, never the message.
   */
  readonly picture?: string;
}

/** The outbox form of a message. */
export function encodePayload(message: MessagePayload): string {
  return JSON.stringify(message);
}

/** Reads a stored message; null when the payload is not one (a bug, or another platform's). */
export function decodePayload(payload: string): MessagePayload | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { text, keyboard, preview, picture } = value as Record<string, unknown>;
  if (typeof text !== 'string' || !Array.isArray(keyboard)) return null;
  const message = { text, keyboard: keyboard as Keyboard, preview: preview === true };
  return typeof picture === 'string' && /^https?:\/\//iu.test(picture) ? { ...message, picture } : message;
}
