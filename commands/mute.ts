import { defineCommand, stringArg } from '../src/core/command.js';
import { reply } from '../src/core/reply.js';

export default defineCommand({
  name: 'mute',
  description: 'Stop posting stories about a topic, name or keyword in this chat',
  permission: 'manager',
  options: [
    {
      name: 'topic',
      description: 'A topic (sport), a name ("Premier League") or a keyword (bitcoin)',
      type: 'string',
      required: true,
      maxLength: 64,
      autocomplete: 'topics',
      rest: true,
    },
  ],
  examples: ['/mute sport', '/mute Premier League', '/mute bitcoin'],
  async run({ chat, args, services, now }) {
    const { term, changed } = await services.mute(chat, stringArg(args, 'topic') ?? '', now);
    return changed
      ? reply.ok([['Muted ', { strong: term.label }, '. Use /unmute to undo.']])
      : reply.info([[{ strong: term.label }, ' was already muted.']]);
  },
});
