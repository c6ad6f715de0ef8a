import { defineCommand, stringArg } from '../src/core/command.js';
import { reply } from '../src/core/reply.js';
import { feedOption } from './feed-option.js';

export default defineCommand({
  name: 'pause',
  description: "Leave a followed feed out of this chat's digests until /resume",
  permission: 'manager',
  options: [feedOption('A followed feed: its catalog id, URL or name', 'active-feeds')],
  examples: ['/pause bbc-world'],
  async run({ chat, args, services, now }) {
    const { name, changed } = await services.pauseFeed(chat, stringArg(args, 'feed') ?? '', now);
    return changed
      ? reply.ok([['Paused ', { strong: name }, ': its stories stay out of this chat until /resume.']])
      : reply.info([[{ strong: name }, ' was already paused. /resume brings it back.']]);
  },
});
