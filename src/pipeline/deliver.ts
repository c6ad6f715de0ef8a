import type { Logger } from 'pino';
import { reply } from '../core/reply.js';
import type { OutboxPart, PlatformName } from '../core/types.js';
import type { Platform, SendOutcome } from '../platforms/platform.js';
import type { FailedParts, PartCursor, Store } from '../store/store.js';

/** What delivering the outbox needs. */
export interface DeliveryDeps {
  readonly store: Store;
  readonly log: Logger;
  /** Attempts after which a part that keeps failing transiently is given up. */
  readonly maxAttempts: number;
  /**
   * Parts of one platform under way at once. A part whose request reached the platform but whose
   * answer was not recorded is sent again after a crash, so on a platform without an idempotency
   * key (Telegram) this is also the most one crash can repeat.
   */
  readonly inFlight: (platform: PlatformName) => number;
  /** How long a platform that refused its credentials stays paused before one part probes it. */
  readonly unauthorizedPauseMs?: number;
}

/** One delivery run's platforms and its lease check. */
export interface DeliveryRun {
  readonly platforms: ReadonlyMap<PlatformName, Platform>;
  /** Asked before every batch after the first: false stops delivery (see `CondenseDeps.keepGoing`). */
  readonly keepGoing?: (() => Promise<boolean>) | undefined;
  /** Aborted when the process stops: no part is started after it, and the ones under way are recorded. */
  readonly signal?: AbortSignal | undefined;
  /**
   * Asked before each part is sent: false stops that platform's delivery. The lease is asked only
   * between batches; a process frozen meanwhile for longer than a lease must not send the rest of
   * its batch, which its successor is sending too.
   */
  readonly stillHolds?: ((platform: PlatformName) => boolean) | undefined;
}

/** Sends the outbox, remembering across runs which platforms refused their credentials. */
export interface Delivery {
  /** Sends the parts due now, each chat's in order; returns the parts sent. */
  run(run: DeliveryRun, now: () => number): Promise<number>;
  /** When these platforms next have a part due (or a paused one may be probed); null when never. */
  nextWakeAt(platforms: readonly PlatformName[], now: number): Promise<number | null>;
}

const BATCH = 100;
const DEFAULT_UNAUTHORIZED_PAUSE_MS = 5 * 60_000;

/** Wait before the next attempt when the platform named none: 5 s, doubling, at most 10 min. */
const retryDelay = (attempts: number): number => Math.min(5_000 * 2 ** attempts, 600_000);

const chatKey = (part: OutboxPart): string =>
  `${part.address.platform}:${part.address.chatId}:${part.address.threadId}`;

/** Sends a part, or rewrites the message it edits (the store hands out an edit only once that was sent). */
function sendOrEdit(platform: Platform, part: OutboxPart): Promise<SendOutcome> {
  if (part.editOf === null) return platform.send(part.address, { payload: part.payload });
  if (part.editMessageId === null) {
    return Promise.resolve({ ok: false, kind: 'rejected', reason: 'the message to edit was never sent' });
  }
  return platform.edit(part.address, part.editMessageId, { payload: part.payload });
}

/** Runs `work` on every item with at most `limit` at once; sums what each returns. */
async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<number>,
): Promise<number> {
  let next = 0;
  let total = 0;
  const worker = async (): Promise<void> => {
    for (let item = items[next++]; item !== undefined; item = items[next++]) {
      // Awaited first: `total += await …` would read `total` before the wait and lose other workers' counts.
      const done = await work(item);
      total += done;
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return total;
}

/**
 * Creates the delivery loop. Sent parts are marked with their message id only after the platform
 * confirmed them; a transient failure is retried at the time the platform asked for (or with
 * backoff); a part that finally fails gives its stories back to the chat's next digest and the chat
 * is told once why; a chat that is gone pauses its subscription; a platform that refuses its
 * credentials (401) is paused as a whole, loudly, without spending any part's attempts.
 */
export function createDelivery(deps: DeliveryDeps): Delivery {
  const pauseMs = deps.unauthorizedPauseMs ?? DEFAULT_UNAUTHORIZED_PAUSE_MS;
  const refused = new Map<PlatformName, number>();
  const isPaused = (name: PlatformName, now: number): boolean => (refused.get(name) ?? 0) > now;

  const giveUp = async (platform: Platform, part: OutboxPart, reason: string, now: number): Promise<void> => {
    const failed: FailedParts = await deps.store.outbox.markFailed(part.id, reason, now);
    deps.log.error(
      {
        part: part.id,
        digest: part.digestId,
        chat: part.address.chatId,
        reason,
        returned: failed.returnedStoryIds.length,
      },
      'digest part given up; its stories go to the next digest',
    );
    if (!failed.tellChat) return;
    const stories = failed.returnedStoryIds.length;
    const notice = reply.error([
      `A digest message could not be delivered here (${reason}).`,
      stories > 0
        ? `Its ${stories === 1 ? 'story comes' : `${stories} stories come`} again in the next digest.`
        : 'Nothing else was lost.',
    ]);
    // Not awaited: telling the chat keeps its pace (a 429 may ask for seconds), and the other
    // chats' digests must not wait for it.
    platform.notify(part.address, notice).then(
      (told) => {
        if (!told.ok)
          deps.log.warn({ chat: part.address.chatId, reason: told.reason }, 'could not tell the chat');
      },
      (error: unknown) => {
        deps.log.warn({ chat: part.address.chatId, err: error }, 'could not tell the chat');
      },
    );
  };

  const deliverChat = async (
    platform: Platform,
    parts: readonly OutboxPart[],
    now: () => number,
    run: DeliveryRun,
  ): Promise<number> => {
    let sent = 0;
    for (const part of parts) {
      if (isPaused(platform.name, now()) || run.signal?.aborted === true) return sent;
      if (run.stillHolds?.(platform.name) === false) return sent;
      const outcome = await sendOrEdit(platform, part);
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
      if (outcome.kind === 'unauthorized') {
        if (!isPaused(platform.name, now())) {
          refused.set(platform.name, now() + pauseMs);
          deps.log.error(
            { platform: platform.name, reason: outcome.reason, retryInMs: pauseMs },
            `${platform.name} refused Gazette's credentials: its delivery is paused and nothing is lost; fix the token`,
          );
        }
      } else if (outcome.kind === 'retry' && outcome.retryAfterMs !== null) {
        // The platform named its wait (a 429, or its pace for this chat): the part did not fail,
        // so it spends none of its attempts, and the chat's other parts wait with it.
        await deps.store.outbox.markRetry(part.id, outcome.reason, now() + outcome.retryAfterMs, false);
        deps.log.info({ ...context, wait: outcome.retryAfterMs }, 'digest part waits as the platform asked');
      } else if (outcome.kind === 'retry' && part.attempts + 1 < deps.maxAttempts) {
        const wait = retryDelay(part.attempts);
        await deps.store.outbox.markRetry(part.id, outcome.reason, now() + wait);
        deps.log.warn({ ...context, wait }, 'digest part will be retried');
      } else if (outcome.kind === 'gone') {
        await deps.store.subscriptions.setPaused(part.subscriptionId, outcome.reason);
        deps.log.warn(context, 'chat unreachable: subscription paused');
      } else if (part.editOf !== null) {
        // The message it rewrites is as the chat last saw it (or someone deleted it): nothing is
        // lost, so the chat is not told, and that message is not rewritten again.
        await deps.store.outbox.dropEdit(part.id, outcome.reason);
        deps.log.info(context, 'edit given up; the message stays as it was');
      } else {
        await giveUp(platform, part, outcome.reason, now());
      }
      return sent;
    }
    return sent;
  };

  return {
    async run(run, now) {
      let sent = 0;
      // Each platform pages through its queue by key. A lap that reached the end having sent
      // something starts over, for the parts those sends unblocked (a digest's next part); a lap
      // that sent nothing ends the platform's run.
      const laps = new Map<PlatformName, { after: PartCursor | null; sent: number; done: boolean }>();
      for (let first = true; ; first = false) {
        if (run.signal?.aborted === true) return sent;
        if (!first && run.keepGoing !== undefined && !(await run.keepGoing())) return sent;
        // One part in flight per chat; each platform has its own bound, and its adapter keeps its pace.
        const progress = await Promise.all(
          [...run.platforms].map(async ([name, platform]) => {
            const lap = laps.get(name) ?? { after: null, sent: 0, done: false };
            laps.set(name, lap);
            if (lap.done || isPaused(name, now())) {
              lap.done = true;
              return 0;
            }
            const parts = await deps.store.outbox.pending(now(), BATCH, name, lap.after);
            const byChat = new Map<string, OutboxPart[]>();
            for (const part of parts) {
              byChat.set(chatKey(part), [...(byChat.get(chatKey(part)) ?? []), part]);
            }
            const done = await inParallel([...byChat.values()], deps.inFlight(name), (chatParts) =>
              deliverChat(platform, chatParts, now, run),
            );
            lap.sent += done;
            const last = parts.at(-1);
            if (parts.length === BATCH && last !== undefined) {
              lap.after = { digestId: last.digestId, seq: last.seq };
            } else if (lap.sent > 0) {
              Object.assign(lap, { after: null, sent: 0 });
            } else {
              lap.done = true;
            }
            return done;
          }),
        );
        sent += progress.reduce((a, b) => a + b, 0);
        if ([...laps.values()].every((lap) => lap.done)) return sent;
      }
    },
    async nextWakeAt(platforms, now) {
      const open = platforms.filter((name) => !isPaused(name, now));
      const due = open.length > 0 ? await deps.store.outbox.nextDueAt(open) : null;
      const probes = platforms.filter((name) => isPaused(name, now)).map((name) => refused.get(name) ?? now);
      const times = [...probes, ...(due === null ? [] : [due])];
      return times.length > 0 ? Math.min(...times) : null;
    },
  };
}
