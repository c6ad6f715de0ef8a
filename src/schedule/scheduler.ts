import { createTask, type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { Subscription } from '../core/types.js';
import { isStoreFault, type Store } from '../store/store.js';
import { serial } from './serial.js';

/** What the scheduler drives; each job is safe to run at any time and re-runs from the store. */
export interface SchedulerDeps {
  readonly store: Store;
  readonly log: Logger;
  /** node-cron expression of the poll tick. */
  readonly pollTick: string;
  /** Polls due feeds; `signal` aborts when the scheduler stops. */
  readonly pollDueFeeds: (signal: AbortSignal) => Promise<void>;
  /** Condenses new items and files them into stories; woken by {@link Scheduler.wakeCondense} and every poll tick. */
  readonly condense?: (signal: AbortSignal) => Promise<void>;
  /** Composes due digests and delivers the outbox. */
  readonly deliverDueDigests: () => Promise<void>;
  /** When delivery next has work (a retry falls due); the digest job runs again then. */
  readonly nextDeliveryAt?: () => Promise<number | null>;
  /** The clock `nextDeliveryAt` answers in. */
  readonly now?: () => number;
  readonly isServed: (subscription: Subscription) => boolean;
}

/** Starts and stops the node-cron tasks. */
export interface Scheduler {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Re-reads a subscription's schedule after it changed. */
  refresh(subscription: Subscription): void;
  /** Runs the digest job now (e.g. after `/digest` queued one). */
  deliverNow(): Promise<void>;
  /** Starts the condense job unless it runs; if it does, it runs once more after. */
  wakeCondense(): void;
}

/** A part due now, or overdue, is tried again this long after a pass that left it: no busy loop. */
const MIN_WAKE_MS = 250;
/** The minute tick comes sooner than any longer timer. */
const MAX_WAKE_MS = 60_000;

/**
 * One node-cron task polls due feeds; one task per subscription fires at its cron slots in its
 * time zone; a minute tick re-checks every subscription (a slot missed while down, retries due in
 * the outbox) and keeps the per-subscription tasks in line with the store.
 */
export function createScheduler(deps: SchedulerDeps): Scheduler {
  const onError = (job: string) => (error: unknown) => {
    // The store reports its own faults, once a minute at most.
    if (!isStoreFault(error)) deps.log.error({ err: error, job }, 'scheduled job failed');
  };
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
  // A retry fires at the time it asked for, not at the next minute tick: after every pass a timer
  // is set for the earliest part that will fall due.
  const armWake = async (): Promise<void> => {
    if (stopped || deps.nextDeliveryAt === undefined) return;
    const at = await deps.nextDeliveryAt();
    if (wake !== null) clearTimeout(wake);
    wake = null;
    // Stopped while the query ran: no timer may outlive the scheduler.
    if (at === null || isStopped()) return;
    const delay = Math.min(Math.max(at - now(), MIN_WAKE_MS), MAX_WAKE_MS);
    wake = setTimeout(() => {
      wake = null;
      void deliver();
    }, delay);
  };
  const deliver = serial(async () => {
    try {
      await deps.deliverDueDigests();
    } finally {
      await armWake();
    }
  }, onError('digests'));
  const tasks = new Map<number, { task: ScheduledTask; key: string }>();
  const fixed: ScheduledTask[] = [];

  const schedule = (subscription: Subscription): void => {
    const key = `${subscription.schedule}|${subscription.timezone}`;
    const current = tasks.get(subscription.id);
    if (current?.key === key) return;
    void current?.task.destroy();
    const task = createTask(subscription.schedule, () => deliver(), {
      timezone: subscription.timezone,
      name: `digest-${subscription.id}`,
      noOverlap: true,
    });
    void task.start();
    tasks.set(subscription.id, { task, key });
  };

  const reconcile = async (): Promise<void> => {
    const live = (await deps.store.subscriptions.list()).filter(deps.isServed);
    const ids = new Set(live.map((s) => s.id));
    for (const [id, entry] of tasks) {
      if (!ids.has(id)) {
        void entry.task.destroy();
        tasks.delete(id);
      }
    }
    live.forEach(schedule);
  };

  return {
    async start() {
      stopped = false;
      if (running.signal.aborted) running = new AbortController();
      await reconcile();
      const minute = createTask(
        '* * * * *',
        async () => {
          await reconcile().catch(onError('reconcile'));
          await deliver();
        },
        { name: 'minute', noOverlap: true },
      );
      // The tick also wakes condensing: items another process stored are condensed here too.
      const pollTask = createTask(
        deps.pollTick,
        // Not awaited: a pass outlasting the tick is folded into one more run, not warned about.
        () => {
          void runCondense();
          void runPoll();
        },
        { name: 'poll', noOverlap: true },
      );
      fixed.push(minute, pollTask);
      for (const task of fixed) void task.start();
      // A slot missed while the process was down is delivered now, once.
      void deliver();
      void runPoll();
      void runCondense();
    },
    async stop() {
      stopped = true;
      running.abort();
      if (wake !== null) clearTimeout(wake);
      wake = null;
      for (const task of [...fixed, ...[...tasks.values()].map((e) => e.task)]) await task.destroy();
      fixed.length = 0;
      tasks.clear();
      // Nothing may touch the store after this resolves: the caller closes it next.
      await Promise.all([polling, condensing]);
    },
    refresh(subscription) {
      if (deps.isServed(subscription)) schedule(subscription);
    },
    deliverNow: () => deliver(),
    wakeCondense() {
      void runCondense();
    },
  };
}
