import { defineCommand } from '../src/core/command.js';
import { reply } from '../src/core/reply.js';

export default defineCommand({
  name: 'export',
  description: "Send this chat's feeds as an OPML file for other readers",
  permission: 'member',
  options: [],
  examples: ['/export'],
  async run({ chat, services }) {
    const opml = await services.exportOpml(chat);
    return reply.ok(['Feeds of this chat, as OPML.'], {
      file: { name: 'gazette-feeds.opml', mime: 'text/x-opml', content: opml },
    });
  },
});
