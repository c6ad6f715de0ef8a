import { defineCommand, stringArg } from '../src/core/command.js';
import { reply } from '../src/core/reply.js';
import { formatSlot } from '../src/core/time-format.js';

export default defineCommand({
  name: 'digest',
  description: 'Post a digest of the stories new since the last one, now',
  permission: 'member',
  options: [
    {
      name: 'topic',
      description: 'Only stories of this topic',
      type: 'string',
      required: false,
      maxLength: 64,
      autocomplete: 'topics',
    },
  ],
  examples: ['/digest', '/digest technology'],
  async run({ chat, args, services, now }) {
    const { digestId, stories, subscription } = await services.digestNow(
      chat,
      stringArg(args, 'topic') ?? null,
      now,
    );
    if (digestId === null) {
      const [next] = services.nextDigests(subscription, 1);
      const tail = next === undefined ? '' : ` Next digest ${formatSlot(next, subscription.timezone)}.`;
      return reply.info([`No new stories since the last digest.${tail}`]);
    }
    return reply.ok([`Here is your digest: ${stories} ${stories === 1 ? 'story' : 'stories'}.`], {
      digestId,
    });
  },
});
