import { defineCommand, stringArg } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { reply, type Line } from '../src/core/reply.js';
import type { FilterListing } from '../src/core/services.js';
import { feedOption } from './feed-option.js';

/**
 * A /pattern/ typed with spaces in it arrives split: its first word as the term, the rest as the
 * feed. The pattern runs to the first slash after it that ends a word; what follows, if anything,
 * is the feed.
 */
function rejoinPattern(term: string, feed: string | null): { term: string; feed: string | null } {
  const start = term.trim();
  if (feed === null || !start.startsWith('/') || (start.length > 1 && start.endsWith('/')))
    return { term, feed };
  const typed = `${start} ${feed.trim()}`;
  const close = typed.slice(1).search(/\/(?=\s|$)/u) + 1;
  if (close <= 0) return { term, feed };
  const rest = typed.slice(close + 1).trim();
  return { term: typed.slice(0, close + 1), feed: rest === '' ? null : rest };
}

const where = (filter: FilterListing): string =>
  filter.feed === null ? 'in this chat' : `from ${filter.feed}`;

export default defineCommand({
  name: 'filter',
  description: 'Post only stories that mention a word, a phrase or a /pattern/, in the chat or one feed',
  permission: 'manager',
  options: [
    {
      name: 'action',
      description: 'add, remove or list',
      type: 'string',
      required: false,
      choices: [
        { name: 'add', value: 'add' },
        { name: 'remove', value: 'remove' },
        { name: 'list', value: 'list' },
      ],
    },
    {
      name: 'term',
      description: 'A word, a "quoted phrase", or a /regular expression/ (RE2 syntax, any case)',
      type: 'string',
      required: false,
      maxLength: 202,
    },
    feedOption('Only for this followed feed (its catalog id, URL or name)', 'subscribed-feeds', false),
  ],
  examples: [
    '/filter add bitcoin',
    '/filter add "climate change" bbc-world',
    '/filter add /\\bAI\\b|OpenAI/',
    '/filter list',
  ],
  async run({ chat, args, services, now }) {
    const action = stringArg(args, 'action') ?? 'list';
    const { term, feed } = rejoinPattern(stringArg(args, 'term') ?? '', stringArg(args, 'feed') ?? null);
    if (action === 'list') {
      const filters = await services.filters(chat);
      if (filters.length === 0) {
        return reply.info([
          'This chat has no filters: every story not muted is posted.',
          'Add one with /filter add bitcoin.',
        ]);
      }
      const lines: Line[] = [[{ strong: `${filters.length} filter${filters.length === 1 ? '' : 's'}` }]];
      for (const filter of filters) lines.push(['• ', { code: filter.label }, ` ${where(filter)}`]);
      lines.push('A story is posted when it mentions one of them in its headline, summary or names.');
      return reply.info(lines);
    }
    if (term.trim() === '')
      throw new UserError(
        'bad_argument',
        `Name what to ${action === 'add' ? 'filter on' : 'stop filtering on'}.`,
      );
    if (action === 'add') {
      const { filter, changed } = await services.addFilter(chat, term, feed, now).catch((error: unknown) => {
        // "/filter add Boris Johnson" reads Johnson as the feed: the phrase wanted its quotes.
        if (feed === null || !(error instanceof UserError) || error.code !== 'not_found') throw error;
        if (term.trim().startsWith('/')) throw error;
        const phrase = `${term} ${feed}`.replace(/["“”]/gu, '').slice(0, 80);
        // '/filter add "Boris Johnson' opened the quotes and never closed them.
        const advice = /^["“]/u.test(term.trim())
          ? 'The quote was not closed'
          : 'To filter on a phrase, put it in quotes';
        throw new UserError('not_found', `${error.message} ${advice}: /filter add "${phrase}".`);
      });
      return changed
        ? reply.ok([
            [
              'Only stories that mention ',
              { code: filter.label },
              ` are posted ${where(filter)}. /filter remove undoes it.`,
            ],
          ])
        : reply.info([[{ code: filter.label }, ` was already a filter ${where(filter)}.`]]);
    }
    const { filter, changed } = await services.removeFilter(chat, term, feed);
    return changed
      ? reply.ok([['Removed the filter ', { code: filter.label }, ` ${where(filter)}.`]])
      : reply.info([[{ code: filter.label }, ` is not a filter ${where(filter)}. /filter list shows them.`]]);
  },
});
