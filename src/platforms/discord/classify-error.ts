import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import type { SendOutcome } from '../platform.js';

/** A send that did not succeed. */
export type SendFailure = Exclude<SendOutcome, { ok: true }>;

/** Discord's JSON error codes that mean the bot cannot post in the channel. */
const goneCodes: Readonly<Record<number, string>> = {
  10003: 'the channel was deleted (Unknown Channel)',
  50001: 'Gazette cannot see the channel (Missing Access)',
  50013: 'Gazette may not post there (Missing Permissions)',
};

/**
 * The one place that turns a failed Discord call into what delivery does next: wait and retry
 * (429, 5xx, network), pause the channel (403, 404), or give up on the part (other 4xx).
 */
export function classifyPlatformError(error: unknown): SendFailure {
  if (error instanceof RateLimitError) {
    return {
      ok: false,
      kind: 'retry',
      retryAfterMs: Math.max(error.retryAfter, error.timeToReset, 0),
      reason: `rate limited on ${error.route}${error.global ? ' (global)' : ''}`,
    };
  }
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : 0;
    const known = goneCodes[code];
    if (known !== undefined) return { ok: false, kind: 'gone', reason: known };
    if (error.status === 403 || error.status === 404) {
      return { ok: false, kind: 'gone', reason: `Discord refused access (${error.status} ${code})` };
    }
    if (error.status === 429) return { ok: false, kind: 'retry', retryAfterMs: null, reason: 'rate limited' };
    // A bad token fails every send: the platform pauses, no channel's settings change.
    if (error.status === 401) return { ok: false, kind: 'unauthorized', reason: 'Discord 401: Unauthorized' };
    return {
      ok: false,
      kind: 'rejected',
      reason: `Discord rejected the message (${code}: ${error.message})`,
    };
  }
  if (error instanceof HTTPError) {
    return { ok: false, kind: 'retry', retryAfterMs: null, reason: `Discord answered ${error.status}` };
  }
  const name = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { ok: false, kind: 'retry', retryAfterMs: null, reason: `network: ${name.slice(0, 200)}` };
}

/** discord.js's codes for a login the credentials or the application's settings doom. */
const refusedLogins = new Set(['TokenInvalid', 'TokenMissing', 'DisallowedIntents']);

/** Whether a failed login was refused (a bad token) or Discord was only away (5xx, network). */
export function classifyLoginError(error: unknown): { refused: boolean; reason: string } {
  const reason = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 300);
  if (error instanceof DiscordAPIError || error instanceof HTTPError)
    return { refused: error.status === 401 || error.status === 403, reason };
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  return { refused: refusedLogins.has(code), reason };
}
