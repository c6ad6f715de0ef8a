import { createTask, type Logger as CronLogger, type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import { isStoreFault } from '../store/store.js';
import { serial } from './serial.js';

/** What the scheduler drives; each job is safe to run at any time and re-runs from the store. */
export interface SchedulerDeps {
  readonly log: Logger;
  /** node-cron expression of the poll tick. */
  readonly pollTick: string;
  /** Polls due feeds; `signal` aborts when the scheduler stops. */
  readonly pollDueFeeds: (signal: AbortSignal) => Promise<void>;
  /** Condenses new items and files them into stories; woken by {@link Scheduler.wakeCondense} and every poll tick. */
  readonly condense?: (signal: AbortSignal) => Promise<void>;
  /**
   * Composes due digests and delivers the outbox; `signal` aborts when the scheduler stops, and the
   * pass then ends once the part under way is recorded.
   */
  readonly deliverDueDigests: (signal: AbortSignal) => Promise<void>;
  /** When delivery next has work (a retry falls due); the digest job runs again then. */
  readonly nextDeliveryAt?: () => Promise<number | null>;
  /** The earliest next digest time of the subscriptions this process serves (an indexed read). */
  readonly nextDigestAt?: () => Promise<number | null>;
  /** The clock both answer in. */
  readonly now?: () => number;
}

/** Starts and stops the poll tick and the digest timer. */
export interface Scheduler {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** A subscription's schedule changed: the timer is set again for the earliest slot. */
  refresh(): void;
  /** Runs the digest job now (e.g. after `/digest` queued one). */
  deliverNow(): Promise<void>;
  /** Starts the condense job unless it runs; if it does, it runs once more after. */
  wakeCondense(): void;
}

/** A part due now, or overdue, is tried again this long after a pass that left it: no busy loop. */
const MIN_WAKE_MS = 250;
/**
 * The timer never sleeps longer than this, so that a digest another process composed (a /digest
 * answered there, while this one holds the platform's delivery lease), a subscription it changed,
 * or a clock that jumped, is seen within 15 s; each wake is a few indexed reads, not a listing.
 */
const MAX_WAKE_MS = 15_000;

/**
 * One node-cron task polls due feeds. Digests run on one timer, set after every pass for the
 * earliest of the next due subscription slot and the next outbox retry: however many
 * subscriptions exist, one timer waits, and each wake reads only what is due.
 */
export function createScheduler(deps: SchedulerDeps): Scheduler {
  const onError = (job: string) => (error: unknown) => {
    // The store reports its own faults, once a minute at most.
    if (!isStoreFault(error)) deps.log.error({ err: error, job }, 'scheduled job failed');
  };
  const cronLog = cronLogger(deps.log);
  // Wake-ups are armed from the first pass (a `/digest` may come before start) until stop.
  let stopped = false;
  // Aborted at stop: passes under way end between two feeds or two items, and stop waits for them.
  let running = new AbortController();
  const poll = serial(() => deps.pollDueFeeds(running.signal), onError('poll'));
  const condenseJob = deps.condense;
  const condense =
    condenseJob === undefined ? null : serial(() => condenseJob(running.signal), onError('condense'));
  let polling: Promise<void> = Promise.resolve();
  let condensing: Promise<void> = Promise.resolve();
  const runPoll = (): Promise<void> => {
    if (stopped) return polling;
    polling = poll();
    return polling;
  };
  const runCondense = (): Promise<void> => {
    if (stopped || condense === null) return condensing;
    condensing = condense();
    return condensing;
  };
  let wake: NodeJS.Timeout | null = null;
  const isStopped = (): boolean => stopped;
  const now = deps.now ?? Date.now;

  /** When the digest job has work next; a slot still due after a pass is retried in a minute. */
  const nextWorkAt = async (): Promise<number | null> => {
    const [delivery, digest] = await Promise.all([
      deps.nextDeliveryAt?.() ?? null,
      deps.nextDigestAt?.() ?? null,
    ]);
    // A slot the pass just left due failed to compose: retrying it at once would spin.
    const slot = digest === null ? null : digest <= now() ? now() + MAX_WAKE_MS : digest;
    const times = [delivery, slot].filter((at): at is number => at !== null);
    return times.length > 0 ? Math.min(...times) : null;
  };
  const armWake = async (): Promise<void> => {
    if (stopped) return;
    const at = await nextWorkAt();
    if (wake !== null) clearTimeout(wake);
    wake = null;
    // Stopped while the query ran: no timer may outlive the scheduler.
    if (isStopped()) return;
    const delay = Math.min(Math.max((at ?? Infinity) - now(), MIN_WAKE_MS), MAX_WAKE_MS);
    wake = setTimeout(() => {
      wake = null;
      void deliver();
    }, delay);
  };
  const deliverJob = serial(async () => {
    try {
      await deps.deliverDueDigests(running.signal);
    } finally {
      await armWake();
    }
  }, onError('digests'));
  // A send under way at stop is waited for: cut off, it would reach the chat unrecorded and go
  // out again after the restart.
  let delivering: Promise<void> = Promise.resolve();
  const deliver = (): Promise<void> => {
    if (stopped) return delivering;
    delivering = deliverJob();
    return delivering;
  };
  let pollTask: ScheduledTask | null = null;

  return {
    start() {
      stopped = false;
      if (running.signal.aborted) running = new AbortController();
      // The tick also wakes condensing: items another process stored are condensed here too.
      pollTask = createTask(
        deps.pollTick,
        // Not awaited: a pass outlasting the tick is folded into one more run, not warned about.
        () => {
          void runCondense();
          void runPoll();
        },
        { name: 'poll', noOverlap: true, logger: cronLog },
      );
      void pollTask.start();
      // A slot missed while the process was down is delivered now, once.
      void deliver();
      void runPoll();
      void runCondense();
      return Promise.resolve();
    },
    async stop() {
      stopped = true;
      running.abort();
      if (wake !== null) clearTimeout(wake);
      wake = null;
      await pollTask?.destroy();
      pollTask = null;
      // Nothing may touch the store after this resolves: the caller closes it next.
      await Promise.all([polling, condensing, delivering]);
    },
    refresh() {
      armWake().catch(onError('digests'));
    },
    deliverNow: () => deliver(),
    wakeCondense() {
      void runCondense();
    },
  };
}

/**
 * node-cron writes its own plain-text lines to the console (a "missed execution" when the process
 * was busy); routed through the app's logger they stay one JSON object per line.
 */
function cronLogger(log: Logger): CronLogger {
  const child = log.child({ component: 'cron' });
  return {
    info: (message) => {
      child.info(message);
    },
    warn: (message) => {
      child.warn(message);
    },
    error: (message, err) => {
      child.error({ err: err ?? message }, typeof message === 'string' ? message : 'cron task failed');
    },
    debug: (message, err) => {
      child.debug({ err }, String(message));
    },
  };
}
