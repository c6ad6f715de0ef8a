/** Keeps requests under a rate: at most `limit` in any window of `windowMs`. */
export interface Pacer {
  /** Resolves when one more request may start; callers go in the order they asked. */
  wait(): Promise<void>;
}

/** Time and sleep, passed in so tests need no wall clock. */
export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: PacerClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * A sliding-window pacer. Discord's global limit is 50 requests a second; pacing below it means
 * a large delivery never meets a 429 at all, instead of meeting one and backing off.
 */
export function createPacer(limit: number, windowMs: number, clock: PacerClock = realClock): Pacer {
  // Start times of the last `limit` requests, oldest first.
  const starts: number[] = [];
  let chain: Promise<void> = Promise.resolve();
  const take = async (): Promise<void> => {
    if (starts.length >= limit) {
      const oldest = starts[starts.length - limit] ?? 0;
      const wait = oldest + windowMs - clock.now();
      if (wait > 0) await clock.sleep(wait);
    }
    starts.push(clock.now());
    if (starts.length > limit) starts.splice(0, starts.length - limit);
  };
  return {
    wait() {
      const turn = chain.then(take);
      chain = turn;
      return turn;
    },
  };
}
