import type { Logger } from 'pino';
import type { PollCycleResult } from './poll-cycle.js';
import { describePollCycle } from './poll-status.js';

/** What the first minutes need: somewhere to say things in words, and the first digest. */
export interface FirstRunDeps {
  readonly log: Logger;
  /** Says a sentence to the person at the console; null when no one reads one. */
  readonly tell: ((text: string) => Promise<void>) | null;
  /** Posts the first digest; null when one was posted before. Says whether it had stories. */
  readonly firstDigest: (() => Promise<boolean>) | null;
  /** Words for when the first digest found nothing new, naming when the next one comes. */
  readonly nothingYet: () => string;
  /** How many feeds the reader follows; null when unknown. */
  readonly followed: number | null;
}

/** Follows poll cycles until the first one that read a feed. */
export interface FirstRun {
  afterCycle(result: PollCycleResult): Promise<void>;
  /** True once nothing more is to be said or posted: later cycles need not be condensed first. */
  settled(): boolean;
}

/**
 * Says in words how the first poll cycle went ("None of your 5 feeds could be reached: this machine
 * looks offline."), says so again when feeds answer after all failed, and posts the first digest
 * after the first cycle that read a feed, not merely after the first cycle.
 */
export function createFirstRun(deps: FirstRunDeps): FirstRun {
  let reported = false;
  let noneRead = false;
  let awaitingDigest = deps.firstDigest !== null;
  return {
    settled: () => reported && !noneRead && !awaitingDigest,
    async afterCycle(result) {
      const status = describePollCycle(result, deps.followed);
      if (status === null) return;
      const recovered = noneRead && status.read !== 'none';
      if (!reported || recovered) {
        reported = true;
        const text = recovered ? 'Feeds answer again.' : status.text;
        // Where a console says it in words, the log need not shout it too.
        const level = status.read === 'none' && deps.tell === null ? 'warn' : 'info';
        deps.log[level]({ polled: result.polled, failed: result.failed, failures: result.failures }, text);
        await deps.tell?.(text);
      }
      // Only a cycle that polled every feed can say none answers: one that polled a single dead
      // feed among healthy ones is no outage, and the next cycle no recovery.
      const wholeSet = deps.followed === null || result.polled >= deps.followed;
      if (status.read !== 'none') noneRead = false;
      else if (wholeSet) noneRead = true;
      if (awaitingDigest && status.read !== 'none' && deps.firstDigest !== null) {
        awaitingDigest = false;
        if (!(await deps.firstDigest())) await deps.tell?.(deps.nothingYet());
      }
    },
  };
}
