import type { Logger } from 'pino';
import type { StoreFault } from '../store/store.js';

/** Turns the store's faults into one clear line each and a back-off for the scheduled jobs. */
export interface FaultGate {
  report(fault: StoreFault): void;
  /** False while writes are known to fail: a scheduled job skips its run. */
  allows(now: number): boolean;
  /** A job that started at `startedAt` ran through with no new fault: the disk has room again. */
  succeeded(startedAt: number): void;
}

/** What the gate needs. */
export interface FaultGateDeps {
  readonly log: Logger;
  readonly now: () => number;
  /** An unusable database stops Gazette with this one line. */
  readonly fatal: (message: string) => void;
}

const FIRST_BACKOFF_MS = 60_000;
const MAX_BACKOFF_MS = 15 * 60_000;
/** The same fault is logged at most once in this time. */
const LOG_EVERY_MS = 60_000;

/**
 * Creates the gate. A full disk is logged once a minute at most, names the database, and pauses
 * polling and delivery for a minute, doubling up to 15 minutes while it lasts; commands still run
 * and each is told that nothing was changed. A database deleted, replaced or damaged stops Gazette.
 */
export function createFaultGate(deps: FaultGateDeps): FaultGate {
  let fullSince: number | null = null;
  let lastFaultAt = Number.NEGATIVE_INFINITY;
  let retryAt = Number.NEGATIVE_INFINITY;
  let backoffMs = FIRST_BACKOFF_MS;
  let loggedAt = Number.NEGATIVE_INFINITY;
  return {
    report(fault) {
      if (fault.kind === 'unusable') {
        deps.fatal(fault.message);
        return;
      }
      const now = deps.now();
      lastFaultAt = now;
      fullSince ??= now;
      if (now >= retryAt) {
        retryAt = now + backoffMs;
        backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
      }
      if (now - loggedAt < LOG_EVERY_MS) return;
      loggedAt = now;
      deps.log.error(
        { retryInMs: retryAt - now },
        `${fault.message}: nothing can be saved; polling and delivery pause and retry, and commands that change settings are refused until there is room`,
      );
    },
    allows: (now) => now >= retryAt,
    succeeded(startedAt) {
      if (fullSince === null || lastFaultAt >= startedAt) return;
      deps.log.info(
        { downMs: deps.now() - fullSince },
        'the database can be written again; polling and delivery resumed',
      );
      fullSince = null;
      backoffMs = FIRST_BACKOFF_MS;
      retryAt = Number.NEGATIVE_INFINITY;
      loggedAt = Number.NEGATIVE_INFINITY;
    },
  };
}
