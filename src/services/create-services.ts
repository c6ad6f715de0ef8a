import { noFeedsText } from '../core/no-feeds.js';
import type { Clock } from '../core/clock.js';
import { isUserError, UserError } from '../core/errors.js';
import { parseLiveRequest } from '../schedule/live-options.js';
import type { FeedStatus, GazetteServices, MuteTerm } from '../core/services.js';
import type { ChatAddress, Subscription, Topic } from '../core/types.js';
import { buildOpml } from '../ingest/opml.js';
import { queueDigest, type QueueDeps } from '../pipeline/queue-digest.js';
import { canonicalTimeZone } from '../core/time-zone.js';
import { nextSlots, resolveSchedule, splitScheduleArgs, UTC_OFFSET } from '../schedule/cron.js';
import { createChatDisplay } from './chat-display.js';
import { completions } from './completions.js';
import { hostOf, shownName } from './feed-refs.js';
import { splitMuteExpiry } from './mute-expiry.js';
import { editDistance, typoTolerance } from './suggest.js';
import { lightStem } from '../condense/tokens.js';
import { createPreferenceServices } from './preferences.js';
import { importOpml } from './import-opml.js';
import { subscribe, unsubscribe, type SubscriptionDeps } from './subscriptions.js';

/** Everything the services need, wired in `src/app.ts`. */
export interface ServiceDeps extends SubscriptionDeps {
  readonly queue: QueueDeps;
  readonly clock: Clock;
  /** Called after a digest was put in the outbox, so delivery starts at once. */
  readonly onDigestQueued: () => void;
  /** Called after a subscription's schedule changed. */
  readonly onScheduleChanged: (subscription: Subscription) => void;
  /** Condenses what is pending and files it into stories; never rejects. */
  readonly condenseNow: () => Promise<void>;
}

const MAX_TERM = 64;
/**
 * Mutes in force a chat may hold: /topics lists them in one message, and filters are bounded
 * alike; past this a chat is better served by filters or fewer feeds.
 */
export const MAX_MUTES = 25;

/** Resolves a mute term: a taxonomy topic by id or label, else a lower-cased keyword or name. */
/** The id of the topic `text` names, as /mute reads a topic; undefined for anything else. */
function topicNamed(text: string, topics: readonly Topic[]): string | undefined {
  try {
    return resolveMuteTerm(text, topics).topic?.id;
  } catch (error) {
    // Not even a term /mute would take ("@everyone"): no topic either.
    if (isUserError(error)) return undefined;
    throw error;
  }
}

export function resolveMuteTerm(text: string, topics: readonly Topic[]): MuteTerm {
  const label = text
    // "Müller" typed with a combining mark is the "Müller" headlines write.
    .normalize('NFC')
    .trim()
    // Phones type curly apostrophes: "O’Brien" is "O'Brien".
    .replace(/[‘’ʼ]/gu, "'")
    .replace(/^["'“”]+|(?<!["'“”])["'“”]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (label.length === 0) throw new UserError('bad_argument', 'Name a topic, a name or a keyword to mute.');
  if (label.length > MAX_TERM)
    throw new UserError('bad_argument', `A muted term is at most ${MAX_TERM} characters.`);
  // Marks belong to their letters: Hindi and Thai write vowels as combining marks ("मोदी").
  if (!/^[\p{L}\p{N}][\p{L}\p{M}\p{N} .&'+#-]*$/u.test(label)) {
    throw new UserError(
      'bad_argument',
      "A muted term starts with a letter or digit and uses letters, digits, spaces and . & ' + # - only.",
    );
  }
  const key = label.toLowerCase();
  const names = (t: Topic): string[] => [t.id, t.label.toLowerCase()];
  // "sports" is the Sport topic: a plural of a topic's name is the topic.
  const topic =
    topics.find((t) => names(t).includes(key)) ??
    topics.find((t) => names(t).some((name) => lightStem(name) === lightStem(key))) ??
    null;
  if (topic) return { term: topic.id, label: topic.label, topic, nearTopic: null };
  // "tech" and "spotr" stay keywords, but the reply names the topic they may have meant.
  const near = (name: string): boolean =>
    name.startsWith(key) || editDistance(key, name, typoTolerance(name)) <= typoTolerance(name);
  const nearTopic = key.length >= 3 ? (topics.find((t) => names(t).some(near)) ?? null) : null;
  return { term: key, label, topic: null, nearTopic };
}

/** Why a typed zone was refused; an offset is told how to become a zone. */
function unknownZone(named: string): string {
  const shown = named.slice(0, 64);
  if (UTC_OFFSET.test(named.trim())) {
    // Etc zones exist for whole hours only, and count the other way ("Etc/GMT-2" is UTC+2).
    const whole = /([+\-−])\s*(\d{1,2})(?::?00)?$/u.exec(named.trim());
    const hours = Number(whole?.[2] ?? NaN);
    const etc =
      whole !== null && hours <= (whole[1] === '+' ? 14 : 12)
        ? `, or Etc/GMT${whole[1] === '+' ? '-' : '+'}${hours} for a fixed offset (its sign is reversed)`
        : '';
    return `"${shown}" is an offset, not a time zone: name the place (Europe/Berlin), which also follows its summer time${etc}.`;
  }
  return `Unknown time zone "${shown}". Use an IANA name such as Europe/Berlin.`;
}

/** Builds the services commands run against. */
export function createServices(deps: ServiceDeps): GazetteServices {
  const { store } = deps;
  const requireSubscription = async (chat: ChatAddress): Promise<Subscription> => {
    const sub = await store.subscriptions.find(chat);
    if (!sub) throw new UserError('not_found', noFeedsText(chat));
    return sub;
  };
  const services: GazetteServices = {
    ...createChatDisplay(store, deps.topics, requireSubscription),
    topics: deps.topics,
    catalog: deps.catalog,
    subscribe: async (chat, ref, now) => {
      const outcome = await subscribe(deps, chat, ref, now);
      deps.onScheduleChanged(outcome.subscription);
      // The new feeds' items become stories now, so a /digest right after shows them.
      void deps.condenseNow();
      return outcome;
    },
    unsubscribe: (chat, ref) => unsubscribe(deps, chat, ref),
    async feeds(chat) {
      const subscription = await store.subscriptions.find(chat);
      if (!subscription) return { feeds: [], subscription: null };
      const followed = await store.subscriptions.feeds(subscription.id);
      const feeds: FeedStatus[] = followed.map((link) => ({
        feed: link.feed,
        name: shownName(link, deps.catalog),
        pausedAt: link.pausedAt,
        host: hostOf(link.feed.url),
        health:
          link.feed.disabledReason !== null
            ? 'disabled'
            : link.feed.consecutiveFailures > 0
              ? 'failing'
              : link.feed.lastPolledAt === null
                ? 'pending'
                : 'ok',
      }));
      return { feeds, subscription };
    },
    async resumeDelivery(chat) {
      const subscription = await store.subscriptions.find(chat);
      if (subscription !== null && subscription.pausedReason !== null)
        await store.subscriptions.setPaused(subscription.id, null);
    },
    async digestNow(chat, topic, now) {
      let subscription = await requireSubscription(chat);
      const onlyTopic = topic === null ? null : topicNamed(topic, deps.topics);
      if (onlyTopic === undefined)
        throw new UserError(
          'bad_argument',
          `Unknown topic "${(topic ?? '').slice(0, 80)}". /topics lists them.`,
        );
      if (subscription.pausedReason !== null) {
        // Asking for a digest is asking for delivery here: it is tried again.
        await store.subscriptions.setPaused(subscription.id, null);
        subscription = { ...subscription, pausedReason: null };
      }
      // What came in since the last poll cycle is condensed first, not left for the next tick.
      await deps.condenseNow();
      const queued = await queueDigest(
        deps.queue,
        { subscription, slot: now, onlyTopic, nextDigestAt: subscription.nextDigestAt },
        now,
      );
      if (queued.digestId !== null) deps.onDigestQueued();
      return { ...queued, subscription };
    },
    resolveMute: (term) => resolveMuteTerm(term, deps.topics),
    async mute(chat, text, expiry, now) {
      const split = splitMuteExpiry(text, expiry);
      const term = resolveMuteTerm(split.term, deps.topics);
      const subscription = await requireSubscription(chat);
      const inForce = (await store.subscriptions.mutes(subscription.id)).filter(
        (m) => m.expiresAt === null || m.expiresAt > now,
      );
      if (inForce.length >= MAX_MUTES && !inForce.some((m) => m.term === term.term))
        throw new UserError(
          'limit_reached',
          `A chat mutes at most ${MAX_MUTES} topics, names and keywords at once; /unmute one first (/topics lists them).`,
        );
      const expiresAt = split.durationMs === null ? null : now + split.durationMs;
      const changed = await store.subscriptions.mute(subscription.id, term.term, now, expiresAt);
      return { term, changed, expiresAt, timezone: subscription.timezone };
    },
    async unmute(chat, text) {
      const term = resolveMuteTerm(text, deps.topics);
      const subscription = await requireSubscription(chat);
      return { term, changed: await store.subscriptions.unmute(subscription.id, term.term) };
    },
    async mutes(chat) {
      const subscription = await store.subscriptions.find(chat);
      const mutes = subscription ? await store.subscriptions.mutes(subscription.id) : [];
      return mutes.map((m) => ({
        term: m.term,
        label: deps.topics.find((t) => t.id === m.term)?.label ?? m.term,
        expiresAt: m.expiresAt,
      }));
    },
    ...createPreferenceServices(deps),
    async setSchedule(chat, typed, timezone, now) {
      const subscription = await requireSubscription(chat);
      const { when, zone: named } = splitScheduleArgs(typed, timezone);
      const zone = named === null ? subscription.timezone : canonicalTimeZone(named);
      if (zone === null) throw new UserError('bad_argument', unknownZone(named ?? ''));
      const spec = resolveSchedule(when, zone);
      if (!spec.ok) throw new UserError('bad_argument', spec.error);
      const next = nextSlots(spec.value.cron, zone, now, 3);
      const updated = await store.subscriptions.setSchedule(
        subscription.id,
        spec.value.cron,
        zone,
        next[0] ?? null,
      );
      // A schedule means digests: a live chat goes back to them.
      const digests =
        updated.liveSince === null ? updated : await store.subscriptions.setLive(updated.id, null);
      deps.onScheduleChanged(digests);
      return { schedule: spec.value.cron, description: spec.value.description, timezone: zone, next };
    },
    async setLiveMode(chat, when, now) {
      const request = parseLiveRequest(when);
      if (request === null) return null;
      if (!request.ok) throw new UserError('bad_argument', request.error);
      const subscription = await requireSubscription(chat);
      if (request.value.kind === 'live') {
        // Switching on again keeps the first moment: what came since is already posted.
        if (subscription.liveSince === null) await store.subscriptions.setLive(subscription.id, now);
        return { kind: 'live' };
      }
      await store.subscriptions.setBreaking(subscription.id, request.value.lane);
      return { kind: 'breaking', lane: request.value.lane, whileLive: subscription.liveSince !== null };
    },
    nextDigests: (subscription, count) => {
      const now = deps.clock.now();
      const pending =
        subscription.nextDigestAt !== null && subscription.nextDigestAt > now
          ? [subscription.nextDigestAt]
          : [];
      const from = pending[0] ?? now;
      return [
        ...pending,
        ...nextSlots(subscription.schedule, subscription.timezone, from, count - pending.length),
      ];
    },
    importOpml: (chat, text, now) => importOpml(deps, chat, text, now),
    async exportOpml(chat) {
      const subscription = await store.subscriptions.find(chat);
      const followed = subscription ? await store.subscriptions.feeds(subscription.id) : [];
      return buildOpml(
        'Gazette feeds',
        // Under the names this chat gave them: an import elsewhere shows what the chat saw.
        followed.map((link) => ({
          title: shownName(link, deps.catalog),
          url: link.feed.url,
          siteUrl: link.feed.siteUrl,
        })),
      );
    },
    complete: (source, chat, typed) => completions(deps, source, chat, typed),
    moveChat: (platform, from, to) => store.subscriptions.moveChat(platform, from, to),
  };
  return services;
}
