import { createKeyedLimiter, type KeyedLimiter } from './limiter.js';

/**
 * The fetches under way in a process, shared by its poll passes: a pass that ends (its time is up,
 * or nothing more is due) leaves a slow feed to finish in the background, and the next pass keeps
 * the same overall and per-host limits around it.
 */
export interface PollPool {
  readonly limiter: KeyedLimiter;
  /** Polls started and not finished, claimed or waiting for their host. */
  readonly size: number;
  /** Tracks a started poll until it settles. */
  add(task: Promise<void>): void;
  /** Resolves when one poll settles, or after `ms`, whichever is first. */
  settled(ms: number): Promise<void>;
  /** Resolves when no poll is under way. */
  idle(): Promise<void>;
}

/** A pool allowing `concurrency` fetches at once, `perHost` to one host. */
export function createPollPool(concurrency: number, perHost: number): PollPool {
  const running = new Set<Promise<void>>();
  let waiters: (() => void)[] = [];
  const wake = (): void => {
    const woken = waiters;
    waiters = [];
    for (const resolve of woken) resolve();
  };
  return {
    limiter: createKeyedLimiter(concurrency, perHost),
    get size() {
      return running.size;
    },
    add(task) {
      const tracked = task.finally(() => {
        running.delete(tracked);
        wake();
      });
      running.add(tracked);
    },
    settled(ms) {
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
