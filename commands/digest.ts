import { defineCommand, stringArg } from '../src/core/command.js';
import { reply } from '../src/core/reply.js';
import type { GazetteServices } from '../src/core/services.js';
import type { ChatAddress, Subscription } from '../src/core/types.js';
import { formatSlot } from '../src/core/time-format.js';
import { describeLeftOut } from '../src/digest/left-out.js';

/** Why there is nothing to post, in words that do not pretend a digest happened when none did. */
async function nothingNew(
  services: GazetteServices,
  chat: ChatAddress,
  subscription: Subscription,
  now: number,
): Promise<string> {
  const { feeds } = await services.feeds(chat, now);
  const failing = feeds.filter((f) => f.health === 'failing' || f.health === 'disabled');
  if (feeds.length > 0 && failing.length === feeds.length) {
    const reasons = new Set(failing.map((f) => f.feed.lastError ?? f.feed.disabledReason));
    const [only] = reasons;
    const why = reasons.size === 1 && only ? ` (${only.replace(/\.$/, '')})` : '';
    const which =
      feeds.length === 1 ? 'This chat’s feed cannot' : `None of this chat’s ${feeds.length} feeds can`;
    return `${which} be read right now${why}. Gazette keeps trying; /feeds shows each one.`;
  }
  return subscription.lastDigestAt === null
    ? 'No stories yet: the feeds have not brought anything new.'
    : 'No new stories since the last digest.';
}

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
    const { digestId, stories, subscription, leftOut } = await services.digestNow(
      chat,
      stringArg(args, 'topic') ?? null,
      now,
    );
    if (digestId === null) {
      const [next] = services.nextDigests(subscription, 1);
      const tail = next === undefined ? '' : ` Next digest ${formatSlot(next, subscription.timezone)}.`;
      // Everything new was kept back by the chat's own choices: saying nothing came would mislead.
      const keptBack = describeLeftOut(leftOut);
      const why =
        keptBack === null
          ? await nothingNew(services, chat, subscription, now)
          : `Nothing to show: ${keptBack}. /topics lists your mutes, /filter list your filters.`;
      return reply.info([`${why}${tail}`]);
    }
    return reply.ok([`Here is your digest: ${stories} ${stories === 1 ? 'story' : 'stories'}.`], {
      digestId,
    });
  },
});
