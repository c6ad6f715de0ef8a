import { defineCommand, stringArg } from '../src/core/command.js';
import { reply } from '../src/core/reply.js';
import { feedOption } from './feed-option.js';

export default defineCommand({
  name: 'rename',
  description: 'Give a followed feed the name this chat sees in digests and lists',
  permission: 'manager',
  options: [
    feedOption('A followed feed: its catalog id, URL or name', 'subscribed-feeds'),
    {
      name: 'name',
      description: 'The new name (its own name again undoes a rename)',
      type: 'string',
      // Left out (a Telegram key names only the feed), the reply says how to give one.
      required: false,
      maxLength: 64,
      rest: true,
    },
  ],
  examples: ['/rename bbc-world BBC', '/rename "Example World News" Example'],
  async run({ chat, args, services }) {
    const feed = stringArg(args, 'feed') ?? '';
    const name = stringArg(args, 'name')?.trim() ?? '';
    if (name === '') {
      const current = await services.renameFeed(chat, feed, null);
      return reply.info([
        [
          { strong: current.name },
          ' keeps its name. To change it, send ',
          { code: `/rename ${feed} <new name>` },
          '.',
        ],
      ]);
    }
    const outcome = await services.renameFeed(chat, feed, name);
    return outcome.changed
      ? reply.ok([
          [{ strong: outcome.previous }, ' is now called ', { strong: outcome.name }, ' in this chat.'],
        ])
      : reply.info([['That feed is already called ', { strong: outcome.name }, '.']]);
  },
});
