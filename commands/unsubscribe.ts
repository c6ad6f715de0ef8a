import { defineCommand, stringArg } from '../src/core/command.js';
import { reply } from '../src/core/reply.js';
import { feedOption } from './feed-option.js';

export default defineCommand({
  name: 'unsubscribe',
  description: 'Stop following a feed, or the feeds a topic added, in this chat',
  permission: 'manager',
  options: [feedOption('A followed feed: its URL, catalog id, or a catalog topic', 'subscribed-feeds')],
  examples: ['/unsubscribe bbc-world', '/unsubscribe https://example.org/feed.xml'],
  async run({ chat, args, services }) {
    const { removed, kept } = await services.unsubscribe(chat, stringArg(args, 'feed') ?? '');
    const lines = [`No longer following ${removed.join(', ')}.`];
    if (kept.length > 0)
      lines.push(`Still following ${kept.join(', ')}, which this chat followed on its own.`);
    return reply.ok(lines);
  },
});
