import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import { TelegramError, type Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';

/** Time for the poller: a clock and an abortable wait; tests pass a fake one. */
export interface PollTimer {
  now(): number;
  /** Resolves after `ms`, or at once when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

const realTimer: PollTimer = {
  now: () => Date.now(),
  sleep: (ms, signal) => delay(ms, undefined, { signal }).catch(() => undefined),
};

/** What long polling needs. */
export interface PollerDeps {
  readonly bot: Telegraf;
  readonly allowedUpdates: readonly string[];
  readonly log: Logger;
  /** Called once when polling cannot recover: the process should exit non-zero. */
  readonly fatal: (message: string) => void;
  readonly timer?: PollTimer;
  /** How long polling may keep failing before it gives up (and `fatal` is called). */
  readonly maxOutageMs?: number;
}

/** Long polling that survives conflicts, server errors and dropped connections. */
export interface Poller {
  start(): void;
  /** False while getUpdates keeps failing: no command reaches the bot then. */
  healthy(): boolean;
  /** Stops polling, confirming the updates already handled so Telegram does not send them again. */
  stop(): Promise<void>;
}

/** Seconds Telegram holds a getUpdates open when there is nothing to send. */
const LONG_POLL_S = 50;
/** A request that outlives its long poll by this much went dead without a reset. */
const DEAD_CONNECTION_MS = 20_000;
const FIRST_RETRY_MS = 1_000;
/** Longest wait between two attempts: polling resumes within this after Telegram does. */
export const MAX_RETRY_MS = 30_000;
export const DEFAULT_MAX_OUTAGE_MS = 15 * 60_000;
/** The same failure is logged at most once in this time. */
const LOG_EVERY_MS = 60_000;

type PollFailure =
  | { readonly kind: 'retry'; readonly waitMs: number | null; readonly reason: string }
  | { readonly kind: 'fatal'; readonly reason: string };

/** 401 and 404 mean the token (or API root) is wrong; everything else may pass with time. */
export function classifyPollError(error: unknown): PollFailure {
  if (error instanceof TelegramError) {
    const reason = `Telegram ${error.code}: ${error.description}`.slice(0, 300);
    if (error.code === 401 || error.code === 404) return { kind: 'fatal', reason };
    const after = error.parameters?.retry_after;
    return { kind: 'retry', waitMs: after === undefined ? null : after * 1000, reason };
  }
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { kind: 'retry', waitMs: null, reason: `network: ${reason}`.slice(0, 300) };
}

/** The signal type telegraf declares: the abort-controller polyfill's, not Node's own. */
type CallSignal = NonNullable<NonNullable<Parameters<Telegraf['telegram']['callApi']>[2]>['signal']>;

/**
 * Creates the poller. It asks for updates in a loop and hands each to telegraf's handlers; a 409
 * (another poller, or a webhook), a 429, a 5xx or a network failure waits 1 s, doubling to 30 s,
 * and tries again. A refused token, or failures lasting `maxOutageMs`, call `fatal` instead.
 */
export function createPoller(deps: PollerDeps): Poller {
  const timer = deps.timer ?? realTimer;
  const maxOutageMs = deps.maxOutageMs ?? DEFAULT_MAX_OUTAGE_MS;
  const stopping = new AbortController();
  let offset = 0;
  let running: Promise<void> | null = null;
  let failing = false;
  const stopped = (): boolean => stopping.signal.aborted;

  const getUpdates = (): Promise<Update[]> => {
    const signal = AbortSignal.any([
      stopping.signal,
      AbortSignal.timeout(LONG_POLL_S * 1000 + DEAD_CONNECTION_MS),
    ]);
    return deps.bot.telegram.callApi(
      'getUpdates',
      { timeout: LONG_POLL_S, offset, allowed_updates: [...deps.allowedUpdates] as never },
      { signal: signal as unknown as CallSignal },
    );
  };

  const loop = async (): Promise<void> => {
    let failures = 0;
    let outageSince: number | null = null;
    let loggedAt = Number.NEGATIVE_INFINITY;
    while (!stopped()) {
      let updates: Update[];
      try {
        updates = await getUpdates();
      } catch (error) {
        if (stopped()) return;
        const failure = classifyPollError(error);
        const now = timer.now();
        outageSince ??= now;
        failing = true;
        if (failure.kind === 'fatal') {
          deps.fatal(`Telegram refused the bot's long polling (${failure.reason}); check TELEGRAM_BOT_TOKEN`);
          return;
        }
        if (now - outageSince >= maxOutageMs) {
          const minutes = Math.round((now - outageSince) / 60_000);
          deps.fatal(`Telegram long polling failed for ${minutes} minutes (last: ${failure.reason})`);
          return;
        }
        const waitMs = Math.min(failure.waitMs ?? FIRST_RETRY_MS * 2 ** failures, MAX_RETRY_MS);
        failures++;
        if (now - loggedAt >= LOG_EVERY_MS) {
          loggedAt = now;
          deps.log.warn({ reason: failure.reason, waitMs }, 'telegram long polling failed; retrying');
        }
        await timer.sleep(waitMs, stopping.signal);
        continue;
      }
      if (outageSince !== null) {
        deps.log.info({ downMs: timer.now() - outageSince }, 'telegram long polling resumed');
        outageSince = null;
        loggedAt = Number.NEGATIVE_INFINITY;
      }
      failures = 0;
      failing = false;
      for (const update of updates) {
        offset = update.update_id + 1;
        // Handlers only queue the work, so one slow command never holds up the next getUpdates.
        await deps.bot.handleUpdate(update).catch((error: unknown) => {
          deps.log.error({ err: error, update: update.update_id }, 'telegram update failed');
        });
      }
    }
  };

  return {
    start() {
      running ??= loop();
    },
    healthy: () => running !== null && !failing && !stopped(),
    async stop() {
      stopping.abort();
      await running;
      if (offset === 0) return;
      // Confirms what was handled: without it the next poller would be sent the last updates again.
      await deps.bot.telegram.callApi('getUpdates', { offset, limit: 1, timeout: 0 }).catch(() => undefined);
    },
  };
}
