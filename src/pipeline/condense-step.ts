import type { StoryClusterer } from './cluster-pending.js';
import { condensePending, type CondenseDeps } from './condense-pending.js';

/** What the condense step needs: condensing, the story step after it, and the lease stories run under. */
export interface CondenseStepDeps {
  readonly condense: CondenseDeps;
  readonly stories: StoryClusterer;
  /**
   * Whether this process files items into stories now: matching must see every item in order, so
   * one process at a time does it. Condensing needs no lease; items are claimed one batch at a time.
   */
  readonly mayCluster: () => Promise<boolean>;
  readonly now: () => number;
  /** Hears of each batch condensed, as it is written. */
  readonly onCondensed?: (items: number) => void;
  /** Hears of every story run: the items it filed, its duration and the process's CPU time meanwhile. */
  readonly onStoryRun?: (items: number, ms: number, cpuMs: number) => void;
  /** Shortest time between two story runs while a backlog is condensed (default 10 s). */
  readonly storyEveryMs?: number;
}

/** How a condense run ends. */
export interface CondenseStepOptions {
  /**
   * Caught up, files the items left unfiled only once the spacing is over: for the scheduled job,
   * whose next tick comes back for them. Without it a run always ends with every item filed.
   */
  readonly patient?: boolean;
}

/**
 * A story run that meets an item placed before the window's newest replays the window after it,
 * however few items it files: one run per condensed batch would replay a busy window a hundred
 * times over. Spaced runs file more items each, and an item still waits seconds, not minutes.
 */
const STORY_EVERY_MS = 10_000;

/**
 * Condenses what is pending a batch at a time and files what was condensed into stories every few
 * seconds and once caught up, so a story grows while a long backlog is worked through. One run at a time in a process: the
 * condense job, a new subscription and a `/digest` may all ask at once, and they wait for one
 * another. Aborting `signal` stops a run between two items. Resolves to the items condensed.
 */
export function createCondenseStep(
  deps: CondenseStepDeps,
): (signal?: AbortSignal, options?: CondenseStepOptions) => Promise<number> {
  let chain: Promise<unknown> = Promise.resolve();
  let lastStories = -Infinity;
  // Whether this process held the story job when a run was last due: only then is the backlog
  // worth a look, since only the holder files it.
  let filing = false;
  // Items this process condensed since its last story run.
  let ownSince = 0;
  const run = async (signal: AbortSignal | undefined, patient: boolean): Promise<number> => {
    let total = 0;
    for (;;) {
      const condensed = await condensePending({ ...deps.condense, maxBatches: 1, signal }, deps.now());
      total += condensed;
      if (condensed > 0) deps.onCondensed?.(condensed);
      if (signal?.aborted === true) break;
      // Caught up, someone waiting for stories gets them filed now; a patient run leaves them to
      // the next one after the spacing, as a trickle of new items would otherwise replay each time.
      const spaced = deps.now() - lastStories >= (deps.storyEveryMs ?? STORY_EVERY_MS);
      ownSince += condensed;
      // While other processes condense too, the process filing stories files whenever a full
      // batch waits and condenses only meanwhile: the serial step keeps pace, and no process idles
      // at the end while it files a long tail alone. Alone, it keeps the spacing, which replays
      // less; a quarter of a batch condensed by others says it is not alone.
      const full = deps.stories.batchSize;
      const waiting =
        filing && condensed > 0 && !spaced ? await deps.stories.waiting(deps.now(), full + ownSince) : 0;
      const backlog = waiting >= full && waiting - ownSince >= full / 4;
      const due = spaced || backlog || (condensed === 0 && !patient);
      if (due) filing = await deps.mayCluster();
      if (due && filing) {
        const started = performance.now();
        const cpu = process.cpuUsage();
        const filed = await deps.stories.run(deps.now(), signal);
        const used = process.cpuUsage(cpu);
        deps.onStoryRun?.(filed, performance.now() - started, (used.user + used.system) / 1_000);
        lastStories = deps.now();
        ownSince = 0;
      }
      if (condensed === 0) break;
    }
    return total;
  };
  return (signal, options) => {
    const next = chain.then(() => run(signal, options?.patient === true));
    chain = next.catch(() => undefined);
    return next;
  };
}
