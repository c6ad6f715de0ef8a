import { defineCommand, stringArg } from '../src/core/command.js';
import { reply } from '../src/core/reply.js';

export default defineCommand({
  name: 'rename',
  description: 'Give a followed feed the name this chat sees in digests and lists',
  permission: 'manager',
  options: [
    {
      name: 'feed',
      description: 'A followed feed: its catalog id, URL or name',
      type: 'string',
      required: true,
      maxLength: 2048,
      autocomplete: 'subscribed-feeds',
    },
    {
      name: 'name',
      description: 'The new name (its own name again undoes a rename)',
      type: 'string',
      required: true,
      maxLength: 64,
      rest: true,
    },
  ],
  examples: ['/rename bbc-world BBC', '/rename "Example World News" Example'],
  async run({ chat, args, services }) {
    const outcome = await services.renameFeed(
      chat,
      stringArg(args, 'feed') ?? '',
      stringArg(args, 'name') ?? '',
    );
    return outcome.changed
      ? reply.ok([
          [{ strong: outcome.previous }, ' is now called ', { strong: outcome.name }, ' in this chat.'],
        ])
      : reply.info([['That feed is already called ', { strong: outcome.name }, '.']]);
  },
});
