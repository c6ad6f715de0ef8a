import type { Logger } from 'pino';
import type { GazetteServices } from '../core/services.js';
import { reply } from '../core/reply.js';
import { formatSlot } from '../core/time-format.js';
import type { PlatformName } from '../core/types.js';
import { createFirstRun, type FirstRun } from '../pipeline/first-run.js';
import type { PollCycleResult } from '../pipeline/poll-cycle.js';
import { consoleChat } from '../platforms/console/console-platform.js';
import type { Platform } from '../platforms/platform.js';
import type { Store } from '../store/store.js';

/** What the first minutes of a run need. */
export interface ConsoleFirstRunDeps {
  readonly store: Store;
  readonly services: GazetteServices;
  readonly platforms: ReadonlyMap<PlatformName, Platform>;
  readonly log: Logger;
  readonly now: () => number;
}

/** The first run, decided at start: whether a console reads along and still waits for a first digest. */
export interface StartedFirstRun {
  begin(): Promise<void>;
  afterCycle(result: PollCycleResult): Promise<void>;
  /** True once the first run said and posted what it had to. */
  settled(): boolean;
}

/**
 * Status in words after the first poll cycle, and, on the console of a chat that never had a
 * digest, the first digest as soon as a poll has read something.
 */
export function createConsoleFirstRun(deps: ConsoleFirstRunDeps): StartedFirstRun {
  let run: FirstRun | null = null;
  return {
    async begin() {
      const console = deps.platforms.get('console') ?? null;
      const subscription = console === null ? null : await deps.store.subscriptions.find(consoleChat);
      const nothingYet = (): string => {
        const next = subscription === null ? [] : deps.services.nextDigests(subscription, 1);
        const when =
          next[0] === undefined
            ? ''
            : ` The next digest is ${formatSlot(next[0], subscription?.timezone ?? 'UTC')}.`;
        return `Your feeds have nothing new yet.${when}`;
      };
      run = createFirstRun({
        log: deps.log,
        tell:
          console === null
            ? null
            : async (text) => {
                await console.notify(consoleChat, reply.info([text]));
              },
        firstDigest:
          subscription?.lastDigestAt === null
            ? async () => (await deps.services.digestNow(consoleChat, null, deps.now())).digestId !== null
            : null,
        nothingYet,
        followed:
          subscription === null ? null : (await deps.store.subscriptions.feeds(subscription.id)).length,
      });
    },
    async afterCycle(result) {
      await run?.afterCycle(result);
    },
    settled: () => run?.settled() ?? true,
  };
}
