import { defineCommand, stringArg } from '../src/core/command.js';
import { reply } from '../src/core/reply.js';
import { formatSlot } from '../src/core/time-format.js';

export default defineCommand({
  name: 'mute',
  description: 'Stop posting stories about a topic, name or keyword in this chat, for good or a while',
  permission: 'manager',
  options: [
    {
      name: 'topic',
      description: 'A topic (sport), a name ("Premier League") or a keyword (bitcoin), then 7d for a week',
      type: 'string',
      required: true,
      maxLength: 80,
      autocomplete: 'topics',
      rest: true,
    },
    {
      name: 'for',
      description: 'How long: 12h, 7d, 2w (up to a year); for good when left out',
      type: 'string',
      required: false,
      maxLength: 20,
    },
  ],
  examples: ['/mute sport', '/mute sport 7d', '/mute Premier League', '/mute bitcoin 2w'],
  async run({ chat, args, services, now }) {
    const outcome = await services.mute(
      chat,
      stringArg(args, 'topic') ?? '',
      stringArg(args, 'for') ?? null,
      now,
    );
    const { term, changed, expiresAt, timezone } = outcome;
    const until = expiresAt === null ? [] : [' until ', { strong: formatSlot(expiresAt, timezone, now) }];
    const near = term.nearTopic;
    const hint =
      near === null ? [] : [['For the ', { strong: near.label }, ' topic: ', { code: `/mute ${near.id}` }]];
    return changed
      ? reply.ok([['Muted ', { strong: term.label }, ...until, '. Use /unmute to undo.'], ...hint])
      : reply.info([[{ strong: term.label }, ' was already muted', ...until, '.'], ...hint]);
  },
});
