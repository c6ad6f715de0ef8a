import { TelegramError } from 'telegraf';

/** What a failed Bot API call means for the message it carried. */
export type PlatformFailure =
  /** Send the same message again later; after `retryAfterMs` when Telegram said how long. */
  | { readonly kind: 'retry'; readonly retryAfterMs: number | null; readonly reason: string }
  /** The chat cannot receive messages from the bot any more: pause it. */
  | { readonly kind: 'gone'; readonly reason: string }
  /** The token was refused: nothing can be sent until it is fixed. */
  | { readonly kind: 'unauthorized'; readonly reason: string }
  /** The message itself was refused: sending it again cannot help. */
  | { readonly kind: 'rejected'; readonly reason: string }
  /** The group became a supergroup: the same message goes to the new chat id. */
  | { readonly kind: 'migrated'; readonly toChatId: string; readonly reason: string };

// 400s that describe the chat, not the message: the bot lost its place or its rights there.
const chatGone = [
  'chat not found',
  'have no rights to send',
  'not enough rights',
  'need administrator rights',
  'chat_write_forbidden',
  'chat_restricted',
  'topic_closed',
  'topic_deleted',
  'message thread not found',
  'group chat was deactivated',
  'user is deactivated',
  'peer_id_invalid',
];

/** Telegram's answer when it named no wait. */
const DEFAULT_RETRY_AFTER_S = 5;

/**
 * The one place Bot API failures are classified: 429 waits `retry_after`; 5xx and network failures
 * are retried; 401 and 404 mean the token is refused; 403 and 400s about the chat mean the chat is gone; a 400 that
 * names `migrate_to_chat_id` moves the chat; any other 4xx rejects the message.
 */
export function classifyPlatformError(error: unknown): PlatformFailure {
  if (!(error instanceof TelegramError)) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    // node-fetch's FetchError, an aborted call, a reset connection: the message may not have arrived.
    return { kind: 'retry', retryAfterMs: null, reason: `network: ${reason}`.slice(0, 300) };
  }
  const reason = `Telegram ${error.code}: ${error.description}`.slice(0, 300);
  const parameters = error.parameters;
  if (parameters?.migrate_to_chat_id !== undefined) {
    return { kind: 'migrated', toChatId: String(parameters.migrate_to_chat_id), reason };
  }
  if (error.code === 429) {
    const seconds = parameters?.retry_after ?? DEFAULT_RETRY_AFTER_S;
    return { kind: 'retry', retryAfterMs: seconds * 1000, reason };
  }
  // 401 and 404 mean a wrong token or API root: the operator's to fix, not the chat's fault.
  if (error.code === 401 || error.code === 404) return { kind: 'unauthorized', reason };
  if (error.code >= 500) return { kind: 'retry', retryAfterMs: null, reason };
  if (error.code === 403) return { kind: 'gone', reason };
  const description = error.description.toLowerCase();
  if (error.code === 400 && chatGone.some((phrase) => description.includes(phrase))) {
    return { kind: 'gone', reason };
  }
  return { kind: 'rejected', reason };
}
