/** Keeps requests under a rate: at most `limit` in any window of `windowMs`, as the server sees them. */
export interface Pacer {
  /**
   * Resolves when one more request may start, with the function to call once its response (or
   * failure) came back. Callers are served in the order they asked.
   */
  acquire(): Promise<() => void>;
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
 * A pacer for Discord's global limit (50 requests a second). A slot is held from the start of a
 * request until `windowMs` after its response: the server received the request before it
 * answered, so the request that takes the slot next reaches the server at least `windowMs` later,
 * however the network or a busy event loop delayed either. Pacing this way means a large delivery
 * never meets a 429 at all, instead of meeting one and backing off.
 */
export function createPacer(limit: number, windowMs: number, clock: PacerClock = realClock): Pacer {
  let inFlight = 0;
  // When slots of finished requests free up, earliest first.
  const freeAt: number[] = [];
  let wake: (() => void) | null = null;
  let chain: Promise<unknown> = Promise.resolve();

  const release = (): void => {
    inFlight--;
    freeAt.push(clock.now() + windowMs);
    wake?.();
  };

  const take = async (): Promise<() => void> => {
    for (;;) {
      const now = clock.now();
      while (freeAt.length > 0 && (freeAt[0] ?? 0) <= now) freeAt.shift();
      if (inFlight + freeAt.length < limit) break;
      const next = freeAt[0];
      if (next === undefined) await new Promise<void>((resolve) => (wake = resolve));
      else await clock.sleep(next - now);
      wake = null;
    }
    inFlight++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      release();
    };
  };

  return {
    acquire() {
      const turn = chain.then(take);
      chain = turn.catch(() => undefined);
      return turn;
    },
  };
}
