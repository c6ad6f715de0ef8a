import type { CompletionSource } from '../core/command.js';
import type { Completion } from '../core/services.js';
import type { ChatAddress } from '../core/types.js';
import { schedulePresetNames } from '../schedule/cron.js';
import { feedRefOf, shownName } from './feed-refs.js';
import type { SubscriptionDeps } from './subscriptions.js';

/** What `/schedule` offers beside digest presets. */
const liveChoices = ['live', 'breaking 5 30m', 'breaking off'];

/** Discord shows at most 25 suggestions; Telegram keyboards fit fewer. */
const MAX = 25;
/** Discord caps a suggestion's name and value at 100 characters. */
const clip = (text: string): string => (text.length > 100 ? `${text.slice(0, 99)}…` : text);

let zones: readonly string[] | null = null;
const timeZones = (): readonly string[] => (zones ??= Intl.supportedValuesOf('timeZone'));

function rank(items: readonly Completion[], typed: string): Completion[] {
  const needle = typed.trim().toLowerCase();
  const scored = items.flatMap((item) => {
    const name = item.name.toLowerCase();
    const value = item.value.toLowerCase();
    if (needle === '') return [{ item, score: 2 }];
    if (value.startsWith(needle) || name.startsWith(needle)) return [{ item, score: 0 }];
    if (value.includes(needle) || name.includes(needle)) return [{ item, score: 1 }];
    return [];
  });
  return scored
    .sort((a, b) => a.score - b.score)
    .slice(0, MAX)
    .map(({ item }) => ({ name: clip(item.name), value: clip(item.value) }));
}

/** Suggestions for an option as the user types it. */
export async function completions(
  deps: SubscriptionDeps,
  source: CompletionSource,
  chat: ChatAddress,
  typed: string,
): Promise<Completion[]> {
  switch (source) {
    case 'catalog': {
      const topics = deps.topics.map((t) => {
        const names = deps.catalog
          .filter((c) => c.topics.includes(t.id))
          .map((c) => c.name.split(' — ')[0] ?? c.name);
        return { name: `${t.id} — ${[...new Set(names)].join(', ')}`, value: t.id };
      });
      const feeds = deps.catalog.map((c) => ({ name: `${c.name} (${c.id})`, value: c.id }));
      return rank([...topics, ...feeds], typed);
    }
    case 'subscribed-feeds':
    case 'active-feeds':
    case 'paused-feeds': {
      const sub = await deps.store.subscriptions.find(chat);
      const followed = sub ? await deps.store.subscriptions.feeds(sub.id) : [];
      const offered = followed.filter((link) =>
        source === 'subscribed-feeds' ? true : (link.pausedAt === null) === (source === 'active-feeds'),
      );
      return rank(
        offered.map((link) => ({
          name: shownName(link, deps.catalog),
          value: feedRefOf(link.feed),
        })),
        typed,
      );
    }
    case 'topics':
      return rank(
        deps.topics.map((t) => ({ name: `${t.emoji} ${t.label}`.trim(), value: t.id })),
        typed,
      );
    case 'muted': {
      const sub = await deps.store.subscriptions.find(chat);
      const mutes = sub ? await deps.store.subscriptions.mutes(sub.id) : [];
      return rank(
        mutes.map((m) => ({
          name: deps.topics.find((t) => t.id === m.term)?.label ?? m.term,
          value: m.term,
        })),
        typed,
      );
    }
    case 'timezones':
      return rank(
        timeZones().map((z) => ({ name: z, value: z })),
        typed,
      );
    case 'schedule-presets':
      return rank(
        [...schedulePresetNames, ...liveChoices].map((p) => ({ name: p, value: p })),
        typed,
      );
  }
}
