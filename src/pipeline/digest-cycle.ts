import type { Logger } from 'pino';
import type { Subscription } from '../core/types.js';
import { nextSlots } from '../schedule/cron.js';
import { queueDigest, type QueueDeps } from './queue-digest.js';

/** What composing due digests needs. */
export interface DigestCycleDeps {
  readonly queue: QueueDeps;
  readonly log: Logger;
  /** Whether the subscription's platform is running in this process. */
  readonly isServed: (subscription: Subscription) => boolean;
}

/**
 * Composes the digest of every subscription whose slot is due. However many slots passed while
 * the process was down, one digest is composed (for the oldest missed slot) and the next slot is
 * the first one after `now`. Returns the number of digests queued.
 */
export async function runDueDigests(deps: DigestCycleDeps, now: number): Promise<number> {
  let queued = 0;
  for (const subscription of await deps.queue.store.subscriptions.list()) {
    if (subscription.pausedReason !== null || !deps.isServed(subscription)) continue;
    // A live chat gets each story as it comes (see live-stories.ts), not on a schedule.
    if (subscription.liveSince !== null) continue;
    const [next] = nextSlots(subscription.schedule, subscription.timezone, now, 1);
    if (subscription.nextDigestAt === null) {
      await deps.queue.store.subscriptions.setNextDigestAt(subscription.id, next ?? null);
      continue;
    }
    if (subscription.nextDigestAt > now) continue;
    const result = await queueDigest(
      deps.queue,
      { subscription, slot: subscription.nextDigestAt, onlyTopic: null, nextDigestAt: next ?? null },
      now,
    );
    if (result.digestId !== null) {
      queued++;
      deps.log.info({ subscription: subscription.id, stories: result.stories }, 'digest queued');
    }
  }
  return queued;
}
