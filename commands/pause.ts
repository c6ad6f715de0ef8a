import { defineCommand, stringArg } from '../src/core/command.js';
import { reply } from '../src/core/reply.js';

export default defineCommand({
  name: 'pause',
  description: "Leave a followed feed out of this chat's digests until /resume",
  permission: 'manager',
  options: [
    {
      name: 'feed',
      description: 'A followed feed: its catalog id, URL or name',
      type: 'string',
      required: true,
      maxLength: 2048,
      autocomplete: 'active-feeds',
    },
  ],
  examples: ['/pause bbc-world'],
  async run({ chat, args, services, now }) {
    const { name, changed } = await services.pauseFeed(chat, stringArg(args, 'feed') ?? '', now);
    return changed
      ? reply.ok([['Paused ', { strong: name }, ': its stories stay out of this chat until /resume.']])
      : reply.info([[{ strong: name }, ' was already paused. /resume brings it back.']]);
  },
});
