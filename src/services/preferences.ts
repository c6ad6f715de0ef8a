import { noFeedsText } from '../core/no-feeds.js';
import { UserError } from '../core/errors.js';
import { withoutInvisibles } from '../core/invisible.js';
import type { FeedChange, FilterListing, GazetteServices } from '../core/services.js';
import type { ChatAddress, StoryFilter, SubscribedFeed, Subscription } from '../core/types.js';
import { compileFilter, MAX_FILTER_PATTERN } from '../digest/story-filter.js';
import type { NewFilter } from '../store/store.js';
import { feedName, findFollowed, shownName } from './feed-refs.js';
import type { SubscriptionDeps } from './subscriptions.js';

/** Filters one chat may have: each is run over every candidate story of every digest. */
export const MAX_FILTERS = 20;
const MAX_NAME = 64;

type PreferenceServices = Pick<
  GazetteServices,
  'addFilter' | 'removeFilter' | 'filters' | 'renameFeed' | 'pauseFeed' | 'resumeFeed'
>;

const noFeeds = (chat: ChatAddress): UserError => new UserError('not_found', noFeedsText(chat));

/** `/pattern/` is a regular expression; anything else a word or phrase, matched as whole words. */
export function parseFilterPattern(typed: string): { readonly pattern: string; readonly regex: boolean } {
  // Control characters never come from typing; refusing them keeps lists and replies readable.
  if (/\p{Cc}/u.test(typed.replace(/\s/g, ' '))) {
    throw new UserError('bad_argument', 'A filter is text: letters, digits, spaces and punctuation.');
  }
  // Zero-width and direction characters are not what the user sees, and no reply shows them: a
  // term kept with one would match nothing while it reads as the word.
  const text = withoutInvisibles(typed).trim();
  if (text.length > MAX_FILTER_PATTERN + 2) {
    throw new UserError(
      'bad_argument',
      `A filter is at most ${MAX_FILTER_PATTERN} characters, ${MAX_FILTER_PATTERN + 2} with its quotes or slashes.`,
    );
  }
  if (text.length >= 3 && text.startsWith('/') && text.endsWith('/')) {
    return { pattern: text.slice(1, -1), regex: true };
  }
  const phrase = text
    .replace(/^["'“”]+|(?<!["'“”])["'“”]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
  if (phrase === '')
    throw new UserError('bad_argument', 'Name a word or phrase to filter on, or a /pattern/.');
  if (!/[\p{L}\p{N}]/u.test(phrase))
    throw new UserError(
      'bad_argument',
      'A filter word needs a letter or a digit; a /pattern/ takes symbols.',
    );
  return { pattern: phrase, regex: false };
}

const labelOf = (filter: { readonly pattern: string; readonly regex: boolean }): string =>
  filter.regex ? `/${filter.pattern}/` : filter.pattern;

/** Services for filters and for renaming, pausing and resuming one followed feed. */
export function createPreferenceServices(deps: SubscriptionDeps): PreferenceServices {
  const { store } = deps;
  const chatFeeds = async (chat: ChatAddress): Promise<{ sub: Subscription; followed: SubscribedFeed[] }> => {
    const sub = await store.subscriptions.find(chat);
    if (sub === null) throw noFeeds(chat);
    const followed = await store.subscriptions.feeds(sub.id);
    if (followed.length === 0) throw noFeeds(chat);
    return { sub, followed };
  };
  const listing = (filter: StoryFilter | NewFilter, followed: readonly SubscribedFeed[]): FilterListing => {
    const link = followed.find((l) => l.feed.id === filter.feedId);
    return { label: labelOf(filter), feed: link === undefined ? null : shownName(link, deps.catalog) };
  };
  const target = async (
    chat: ChatAddress,
    typed: string,
    feed: string | null,
  ): Promise<{ sub: Subscription; followed: SubscribedFeed[]; filter: NewFilter }> => {
    const { pattern, regex } = parseFilterPattern(typed);
    const { sub, followed } = await chatFeeds(chat);
    const link = feed === null || feed.trim() === '' ? null : findFollowed(followed, feed, deps.catalog);
    return { sub, followed, filter: { feedId: link?.feed.id ?? null, pattern, regex } };
  };

  return {
    async addFilter(chat, typed, feed, now) {
      const { sub, followed, filter } = await target(chat, typed, feed);
      const compiled = compileFilter(filter);
      if (!compiled.ok) throw new UserError('bad_argument', compiled.error);
      const existing = await store.preferences.filters(sub.id);
      if (existing.length >= MAX_FILTERS) {
        throw new UserError(
          'limit_reached',
          `A chat has at most ${MAX_FILTERS} filters; remove one first (/filter list shows them).`,
        );
      }
      const changed = await store.preferences.addFilter(sub.id, filter, now);
      return { filter: listing(filter, followed), changed, count: existing.length + (changed ? 1 : 0) };
    },
    async removeFilter(chat, typed, feed) {
      const { sub, followed, filter } = await target(chat, typed, feed);
      const changed = await store.preferences.removeFilter(sub.id, filter);
      if (!changed && filter.feedId === null) {
        // "emmy from Stuff" is listed, "/filter remove emmy" names the chat-wide one: say which to give.
        const forFeeds = (await store.preferences.filters(sub.id)).filter(
          (f) => f.feedId !== null && f.pattern === filter.pattern && f.regex === filter.regex,
        );
        const [first] = forFeeds.map((f) => listing(f, followed));
        if (first?.feed != null)
          throw new UserError(
            'not_found',
            `${first.label} filters only ${forFeeds.length === 1 ? 'one feed' : 'some feeds'}: /filter remove ${first.label} ${first.feed} removes it there.`,
          );
      }
      return { filter: listing(filter, followed), changed };
    },
    async filters(chat) {
      const sub = await store.subscriptions.find(chat);
      if (sub === null) return [];
      const [filters, followed] = await Promise.all([
        store.preferences.filters(sub.id),
        store.subscriptions.feeds(sub.id),
      ]);
      return filters.map((f) => listing(f, followed));
    },
    async renameFeed(chat, feed, typedName) {
      if (typedName === null) {
        const { followed } = await chatFeeds(chat);
        const current = shownName(findFollowed(followed, feed, deps.catalog), deps.catalog);
        return { name: current, previous: current, changed: false };
      }
      const name = typedName.replace(/\s+/g, ' ').trim();
      if (name === '')
        throw new UserError('bad_argument', 'Give the feed a name: /rename bbc-world BBC News.');
      if (name.length > MAX_NAME)
        throw new UserError('bad_argument', `A feed's name is at most ${MAX_NAME} characters.`);
      if (/\p{Cc}/u.test(name))
        throw new UserError('bad_argument', 'A feed name is text, without control characters.');
      const { sub, followed } = await chatFeeds(chat);
      const link = findFollowed(followed, feed, deps.catalog);
      const previous = shownName(link, deps.catalog);
      // Its own name given back clears the chat's, so a later change of the feed's title shows.
      const own = feedName(link.feed, deps.catalog);
      const stored = name === own ? null : name;
      const changed =
        stored !== link.name && (await store.preferences.renameFeed(sub.id, link.feed.id, stored));
      return { name, previous, changed };
    },
    async pauseFeed(chat, feed, now): Promise<FeedChange> {
      const { sub, followed } = await chatFeeds(chat);
      const link = findFollowed(followed, feed, deps.catalog);
      const changed = await store.preferences.pauseFeed(sub.id, link.feed.id, now);
      return { name: shownName(link, deps.catalog), changed };
    },
    async resumeFeed(chat, feed, now): Promise<FeedChange> {
      const { sub, followed } = await chatFeeds(chat);
      const link = findFollowed(followed, feed, deps.catalog);
      const changed = await store.preferences.resumeFeed(sub.id, link.feed.id, now);
      return { name: shownName(link, deps.catalog), changed };
    },
  };
}
