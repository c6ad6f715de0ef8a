import type { Logger } from 'pino';
import type { OutboxPart, PlatformName } from '../core/types.js';
import type { Platform } from '../platforms/platform.js';
import type { Store } from '../store/store.js';

/** What delivering the outbox needs. */
export interface DeliverDeps {
  readonly store: Store;
  readonly platforms: ReadonlyMap<PlatformName, Platform>;
  readonly log: Logger;
  /** Attempts after which a part that keeps failing transiently is given up. */
  readonly maxAttempts: number;
  /** Asked before every batch after the first: false stops delivery (see `CondenseDeps.keepGoing`). */
  readonly keepGoing?: (() => Promise<boolean>) | undefined;
}

const BATCH = 100;

/** Wait before the next attempt when the platform named none: 5 s, doubling, at most 10 min. */
const retryDelay = (attempts: number): number => Math.min(5_000 * 2 ** attempts, 600_000);

/**
 * Sends the parts that are due, each chat's in order, and records every outcome: sent parts are
 * marked with their message id only after the platform confirmed them, transient failures are
 * retried later, and a chat that is gone pauses its subscription. Returns the parts sent.
 */
export async function deliverPending(deps: DeliverDeps, now: () => number): Promise<number> {
  let sent = 0;
  for (let first = true; ; first = false) {
    if (!first && deps.keepGoing !== undefined && !(await deps.keepGoing())) return sent;
    const parts = (await deps.store.outbox.pending(now(), BATCH)).filter((p) =>
      deps.platforms.has(p.address.platform),
    );
    if (parts.length === 0) return sent;
    const byChat = new Map<string, OutboxPart[]>();
    for (const part of parts) {
      const key = `${part.address.platform}:${part.address.chatId}:${part.address.threadId}`;
      byChat.set(key, [...(byChat.get(key) ?? []), part]);
    }
    // Chats proceed side by side; each adapter's limiter keeps the platform's pace.
    const results = await Promise.all(
      [...byChat.values()].map((chatParts) => deliverChat(deps, chatParts, now)),
    );
    const progress = results.reduce((a, b) => a + b, 0);
    sent += progress;
    if (progress === 0) return sent;
  }
}

async function deliverChat(
  deps: DeliverDeps,
  parts: readonly OutboxPart[],
  now: () => number,
): Promise<number> {
  let sent = 0;
  for (const part of parts) {
    const platform = deps.platforms.get(part.address.platform);
    if (!platform) return sent;
    const outcome = await platform.send(part.address, { payload: part.payload });
    if (outcome.ok) {
      await deps.store.outbox.markSent(part.id, outcome.messageId, now());
      sent++;
      continue;
    }
    const context = {
      part: part.id,
      digest: part.digestId,
      chat: part.address.chatId,
      reason: outcome.reason,
    };
    if (outcome.kind === 'retry' && part.attempts + 1 < deps.maxAttempts) {
      const wait = outcome.retryAfterMs ?? retryDelay(part.attempts);
      await deps.store.outbox.markRetry(part.id, outcome.reason, now() + wait);
      deps.log.warn({ ...context, wait }, 'digest part will be retried');
    } else if (outcome.kind === 'gone') {
      await deps.store.subscriptions.setPaused(part.subscriptionId, outcome.reason);
      deps.log.warn(context, 'chat unreachable: subscription paused');
    } else {
      await deps.store.outbox.markFailed(part.id, outcome.reason);
      deps.log.error(context, 'digest part given up');
    }
    return sent;
  }
  return sent;
}
