import { defineCommand, stringArg } from '../src/core/command.js';
import { reply } from '../src/core/reply.js';
import { feedOption } from './feed-option.js';

export default defineCommand({
  name: 'resume',
  description: "Bring a paused feed back into this chat's digests, from now on",
  permission: 'manager',
  options: [feedOption('A paused feed: its catalog id, URL or name', 'paused-feeds')],
  examples: ['/resume bbc-world'],
  async run({ chat, args, services, now }) {
    const { name, changed } = await services.resumeFeed(chat, stringArg(args, 'feed') ?? '', now);
    return changed
      ? reply.ok([['Resumed ', { strong: name }, ': its new stories come with the next digest.']])
      : reply.info([[{ strong: name }, ' was not paused.']]);
  },
});
