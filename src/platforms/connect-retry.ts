import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import { CannotStartError } from '../core/errors.js';

/** A platform refused Gazette's credentials at start: the message names the setting to fix. */
export class PlatformRefusedError extends CannotStartError {
  override readonly name = 'PlatformRefusedError';
}

/** How a failed connection attempt reads: the credentials were refused, or the platform is away. */
export interface ConnectFailure {
  readonly refused: boolean;
  readonly reason: string;
}

/** What connecting with retries needs. */
export interface ConnectRetryDeps {
  /** The platform's name in log lines and messages ("Telegram"). */
  readonly name: string;
  /** The setting a refusal points at ("TELEGRAM_BOT_TOKEN"). */
  readonly setting: string;
  readonly log: Logger;
  /** Stops Gazette with one line: a refusal met later, or an outage past `maxOutageMs`. */
  readonly fatal: (message: string) => void;
  readonly classify: (error: unknown) => ConnectFailure;
  readonly maxOutageMs: number;
  /** Waits between attempts: 1 s, doubling to 30 s; tests pass shorter ones. */
  readonly firstWaitMs?: number;
  readonly maxWaitMs?: number;
}

/** A connection being retried in the background; stopping ends the retries. */
export interface PendingConnection {
  stop(): Promise<void>;
}

const FIRST_WAIT_MS = 1_000;
const MAX_WAIT_MS = 30_000;

/**
 * Connects with `attempt`. Refused credentials throw {@link PlatformRefusedError}, so that Gazette
 * does not start and says which setting to fix. A platform that is only away (a 5xx, a dropped
 * connection) must not keep Gazette from starting, nor crash it in a loop under a supervisor: the
 * attempt is repeated in the background, waiting 1 s and doubling to 30 s, until it connects, is
 * refused, or has failed for `maxOutageMs`, the last two stopping Gazette with one line. Answers
 * null when connected now, else the retries under way.
 */
export async function connectOrRetry(
  attempt: () => Promise<void>,
  deps: ConnectRetryDeps,
): Promise<PendingConnection | null> {
  const refusal = (reason: string): string =>
    `${deps.name} refused Gazette's credentials (${reason}); check ${deps.setting}`;
  try {
    await attempt();
    return null;
  } catch (error) {
    const failure = deps.classify(error);
    if (failure.refused) throw new PlatformRefusedError(refusal(failure.reason), { cause: error });
    deps.log.warn({ reason: failure.reason }, `${deps.name} cannot be reached; connecting in the background`);
  }
  const stopping = new AbortController();
  const started = Date.now();
  const retries = (async (): Promise<void> => {
    for (
      let wait = deps.firstWaitMs ?? FIRST_WAIT_MS;
      ;
      wait = Math.min(2 * wait, deps.maxWaitMs ?? MAX_WAIT_MS)
    ) {
      try {
        await delay(wait, undefined, { signal: stopping.signal });
      } catch {
        return;
      }
      try {
        await attempt();
        deps.log.info({ downMs: Date.now() - started }, `${deps.name} connected`);
        return;
      } catch (error) {
        if (stopping.signal.aborted) return;
        const failure = deps.classify(error);
        if (failure.refused) {
          deps.fatal(refusal(failure.reason));
          return;
        }
        if (Date.now() - started >= deps.maxOutageMs) {
          const minutes = Math.round((Date.now() - started) / 60_000);
          deps.fatal(`${deps.name} could not be reached for ${minutes} minutes (last: ${failure.reason})`);
          return;
        }
        deps.log.warn(
          { reason: failure.reason, waitMs: wait },
          `${deps.name} still cannot be reached; retrying`,
        );
      }
    }
  })();
  return {
    async stop() {
      stopping.abort();
      await retries;
    },
  };
}
