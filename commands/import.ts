import { defineCommand } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { reply, type Line } from '../src/core/reply.js';

export default defineCommand({
  name: 'import',
  description: 'Follow every feed of an OPML file (attach it, or reply to it on Telegram)',
  permission: 'manager',
  options: [
    {
      name: 'file',
      description: 'An OPML file exported from another reader',
      type: 'attachment',
      required: true,
    },
  ],
  examples: ['/import (with feeds.opml attached)'],
  async run({ chat, args, services, now }) {
    const file = args.file;
    if (file === undefined || typeof file === 'string') {
      throw new UserError(
        'bad_argument',
        'Attach an OPML file to /import (on Telegram, reply to the file with /import).',
      );
    }
    const outcome = await services.importOpml(chat, file.content, now);
    const lines: Line[] = [
      [
        { strong: `Imported ${outcome.added.length} feed${outcome.added.length === 1 ? '' : 's'}` },
        ` from ${file.name}.`,
      ],
    ];
    if (outcome.already.length > 0) lines.push(`Already followed: ${outcome.already.length}.`);
    const { unreachable, leftOut } = outcome;
    if (unreachable.length > 0) {
      const some = unreachable
        .slice(0, 5)
        .map((u) => u.name)
        .join(', ');
      const more = unreachable.length > 5 ? ` and ${unreachable.length - 5} more` : '';
      lines.push(`⚠️ Followed but not reachable just now, retried by polling: ${some}${more}.`);
    }
    for (const failure of outcome.failed.slice(0, 10)) lines.push(`✗ ${failure.url}: ${failure.reason}`);
    if (outcome.failed.length > 10)
      lines.push(`… and ${outcome.failed.length - 10} more that could not be added.`);
    if (leftOut.count > 0) {
      const more = leftOut.count > leftOut.names.length ? ', …' : '';
      lines.push(`Left out ${leftOut.count} (${leftOut.names.join(', ')}${more}): ${leftOut.reason}`);
    }
    return outcome.added.length > 0 ? reply.ok(lines) : reply.info(lines);
  },
});
