import type { StoryClusterer } from './cluster-pending.js';
import { condensePending, type CondenseDeps } from './condense-pending.js';

/** What the condense step needs: condensing, the story step after it, and the lease both run under. */
export interface CondenseStepDeps {
  readonly condense: CondenseDeps;
  readonly stories: StoryClusterer;
  /** Whether this process condenses now (one process at a time does); renewed between batches. */
  readonly mayCondense: () => Promise<boolean>;
  readonly now: () => number;
}

/**
 * Condenses what is pending and files it into stories, one run at a time: the poll cycle, a new
 * subscription and a `/digest` may all ask at once, and they wait for one another rather than
 * condense the same items twice. Resolves to the number of items condensed.
 */
export function createCondenseStep(deps: CondenseStepDeps): () => Promise<number> {
  let chain: Promise<unknown> = Promise.resolve();
  const run = async (): Promise<number> => {
    if (!(await deps.mayCondense())) return 0;
    const condensed = await condensePending({ ...deps.condense, keepGoing: deps.mayCondense }, deps.now());
    await deps.stories.run(deps.now());
    return condensed;
  };
  return () => {
    const next = chain.then(run);
    chain = next.catch(() => undefined);
    return next;
  };
}
