import { defineCommand, stringArg } from '../src/core/command.js';
import { reply } from '../src/core/reply.js';

export default defineCommand({
  name: 'unmute',
  description: 'Post stories about a muted topic, name or keyword again',
  permission: 'manager',
  options: [
    {
      name: 'topic',
      description: 'A muted topic, name or keyword',
      type: 'string',
      required: true,
      maxLength: 64,
      autocomplete: 'muted',
      rest: true,
    },
  ],
  examples: ['/unmute sport'],
  async run({ chat, args, services }) {
    const { term, changed } = await services.unmute(chat, stringArg(args, 'topic') ?? '');
    return changed
      ? reply.ok([['Unmuted ', { strong: term.label }, '.']])
      : reply.info([[{ strong: term.label }, ' was not muted.']]);
  },
});
