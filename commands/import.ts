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
    for (const failure of outcome.failed.slice(0, 10)) lines.push(`✗ ${failure.url}: ${failure.reason}`);
    if (outcome.failed.length > 10)
      lines.push(`… and ${outcome.failed.length - 10} more that could not be added.`);
    return outcome.added.length > 0 ? reply.ok(lines) : reply.info(lines);
  },
});
