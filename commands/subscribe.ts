import { defineCommand, stringArg } from '../src/core/command.js';
import { reply, type Line } from '../src/core/reply.js';
import { formatSlot } from '../src/core/time-format.js';
import { catalogReply } from './catalog.js';

export default defineCommand({
  name: 'subscribe',
  description: 'Follow a feed (URL), a catalog feed or a whole catalog topic in this chat',
  permission: 'manager',
  options: [
    {
      name: 'feed',
      description: 'Feed or site URL, catalog feed id (bbc-world) or topic (technology)',
      type: 'string',
      // Without it, the catalog is listed: what the command accepts by name.
      required: false,
      maxLength: 2048,
      autocomplete: 'catalog',
    },
  ],
  examples: [
    '/subscribe https://example.org/feed.xml',
    '/subscribe bbc-world',
    '/subscribe technology',
    '/subscribe (lists the catalog)',
  ],
  async run({ chat, args, services, now }) {
    const ref = stringArg(args, 'feed')?.trim() ?? '';
    if (ref === '') return catalogReply(services);
    const outcome = await services.subscribe(chat, ref, now);
    const lines: Line[] = [];
    for (const feed of outcome.added) {
      lines.push(['Now following ', { strong: feed.name }, ` (${feed.host}).`]);
      if (feed.latest.length > 0) lines.push(`Latest: ${feed.latest.map((t) => `• ${t}`).join(' ')}`);
      else if (feed.problem !== null)
        lines.push(`⚠️ Not readable just now: ${feed.problem} Gazette keeps trying.`);
      else lines.push('It lists no items yet: its stories come in the digest once it has some.');
    }
    if (outcome.already.length > 0) lines.push(`Already followed: ${outcome.already.join(', ')}.`);
    if (outcome.nextDigestAt !== null) {
      const when = formatSlot(outcome.nextDigestAt, outcome.subscription.timezone);
      lines.push(['Next digest ', { strong: when }, '. Change it with /schedule.']);
    }
    return outcome.added.length > 0 ? reply.ok(lines) : reply.info(lines);
  },
});
