import { setTimeout as delay } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';

/** The pace Telegram asks bots to keep. */
export interface FloodLimits {
  /** Least time between two messages to one chat. */
  readonly perChatMs: number;
  /** Messages one group or channel may receive in a minute. */
  readonly groupPerMinute: number;
  /** Messages per second over all chats. */
  readonly perSecond: number;
}

/** Telegram's published limits: about 1 message/s per chat, 20/min per group, 30/s overall. */
export const telegramLimits: FloodLimits = { perChatMs: 1000, groupPerMinute: 20, perSecond: 30 };

/** A monotonic clock and a way to wait on it; tests pass a fake one. */
export interface Timer {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realTimer: Timer = { now: () => performance.now(), sleep: (ms) => delay(ms) };

/** Hands out send slots so that no limit is ever crossed. */
export interface FloodLimiter {
  /** Waits until one more message may go to the chat, and takes that slot. */
  acquire(chatId: string): Promise<void>;
  /** Keeps the chat quiet for `ms` after Telegram asked to wait. */
  hold(chatId: string, ms: number): void;
  /** How long the chat must wait for its next message by its own limits, reserving nothing. */
  waitOf(chatId: string): number;
}

/** A limiter that never waits, for a Bot API without limits (tests). */
export const noFloodLimit: FloodLimiter = {
  acquire: () => Promise.resolve(),
  hold: () => undefined,
  waitOf: () => 0,
};

// The server sees our messages a little later than we time them, and not all equally late: a few
// percent of headroom keeps that jitter from ever adding up to a 429.
const HEADROOM = 1.04;
const MINUTE = 60_000;

/** Group, supergroup and channel ids are negative; private chats' are positive. */
const isGroupLike = (chatId: string): boolean => chatId.startsWith('-');

/**
 * Creates a limiter. Overall pace uses a grid of slots `1/perSecond` apart, so any second holds at
 * most `perSecond` messages; each chat keeps its own spacing, and each group its minute window.
 * Slots are reserved at once, in call order, so concurrent senders never take the same one.
 */
export function createFloodLimiter(limits: FloodLimits, timer: Timer = realTimer): FloodLimiter {
  const slotMs = (1000 / limits.perSecond) * HEADROOM;
  const chatGap = limits.perChatMs * HEADROOM;
  const groupWindow = MINUTE * HEADROOM;
  const taken = new Set<number>();
  const chatNext = new Map<string, number>();
  const groupRecent = new Map<string, number[]>();
  let sincePrune = 0;

  const prune = (now: number): void => {
    const current = Math.floor(now / slotMs);
    for (const slot of taken) if (slot < current) taken.delete(slot);
    for (const [chat, next] of chatNext) if (next < now) chatNext.delete(chat);
    for (const [chat, recent] of groupRecent) {
      if ((recent[recent.length - 1] ?? 0) < now - groupWindow) groupRecent.delete(chat);
    }
  };

  /** The chat's earliest send by its own spacing and its group's minute window. */
  const chatEarliest = (chatId: string, now: number): number => {
    const earliest = Math.max(now, chatNext.get(chatId) ?? 0);
    const recent = isGroupLike(chatId) ? groupRecent.get(chatId) : undefined;
    if (recent === undefined || recent.length < limits.groupPerMinute) return earliest;
    const oldest = recent[recent.length - limits.groupPerMinute] ?? 0;
    return Math.max(earliest, oldest + groupWindow);
  };

  const reserve = (chatId: string, now: number): number => {
    const earliest = chatEarliest(chatId, now);
    const recent = isGroupLike(chatId) ? (groupRecent.get(chatId) ?? []) : null;
    let slot = Math.ceil(earliest / slotMs);
    while (taken.has(slot)) slot++;
    taken.add(slot);
    const at = slot * slotMs;
    chatNext.set(chatId, at + chatGap);
    if (recent) {
      recent.push(at);
      if (recent.length > limits.groupPerMinute) recent.splice(0, recent.length - limits.groupPerMinute);
      groupRecent.set(chatId, recent);
    }
    return at;
  };

  return {
    async acquire(chatId) {
      const now = timer.now();
      if (++sincePrune >= 256) {
        sincePrune = 0;
        prune(now);
      }
      const at = reserve(chatId, now);
      if (at > now) await timer.sleep(at - now);
    },
    waitOf(chatId) {
      const now = timer.now();
      return chatEarliest(chatId, now) - now;
    },
    hold(chatId, ms) {
      const until = timer.now() + ms;
      chatNext.set(chatId, Math.max(chatNext.get(chatId) ?? 0, until));
    },
  };
}
