import type { Logger } from 'pino';
import type { PlatformName, Subscription } from '../core/types.js';
import { nextSlots } from '../schedule/cron.js';
import type { DueCursor } from '../store/store.js';
import { queueDigest, type QueueDeps } from './queue-digest.js';

/** What composing due digests needs. */
export interface DigestCycleDeps {
  readonly queue: QueueDeps;
  readonly log: Logger;
  /** The platforms running in this process: only their subscriptions are composed here. */
  readonly served: () => readonly PlatformName[];
}

/** Subscriptions read at once. */
const PAGE = 200;

/**
 * Composes the digest of every subscription whose slot is due, reading only those (by their
 * indexed next digest time). However many slots passed while the process was down, one digest is
 * composed (for the oldest missed slot) and the next slot is the first one after `now`. Returns
 * the number of digests queued.
 */
export async function runDueDigests(deps: DigestCycleDeps, now: number): Promise<number> {
  const { subscriptions } = deps.queue.store;
  let queued = 0;
  for (const platform of deps.served()) {
    // A subscription made without a time gets its first one (a page a pass: they are rare).
    for (const subscription of await subscriptions.unscheduled(platform, PAGE)) {
      const [next] = nextSlots(subscription.schedule, subscription.timezone, now, 1);
      await subscriptions.setNextDigestAt(subscription.id, next ?? null);
    }
    // Keyset pages: a subscription whose digest failed to compose is passed over, not re-read.
    let after: DueCursor | null = null;
    for (;;) {
      const page: Subscription[] = await subscriptions.due(platform, now, PAGE, after);
      for (const subscription of page) {
        if (await composeDue(deps, subscription, now)) queued++;
      }
      const last = page.at(-1);
      if (last === undefined || last.nextDigestAt === null || page.length < PAGE) break;
      after = { nextDigestAt: last.nextDigestAt, id: last.id };
    }
  }
  return queued;
}

async function composeDue(deps: DigestCycleDeps, subscription: Subscription, now: number): Promise<boolean> {
  if (subscription.nextDigestAt === null) return false;
  const [next] = nextSlots(subscription.schedule, subscription.timezone, now, 1);
  // A live chat gets each story as it comes (see live-stories.ts), not on a schedule: its slot
  // moves on, so it is not read again until then.
  if (subscription.liveSince !== null) {
    await deps.queue.store.subscriptions.setNextDigestAt(subscription.id, next ?? null);
    return false;
  }
  const result = await queueDigest(
    deps.queue,
    { subscription, slot: subscription.nextDigestAt, onlyTopic: null, nextDigestAt: next ?? null },
    now,
  );
  if (result.digestId === null) return false;
  deps.log.info({ subscription: subscription.id, stories: result.stories }, 'digest queued');
  return true;
}
