import { defineCommand, usageOf } from '../src/core/command.js';
import { reply, type Line } from '../src/core/reply.js';

export default defineCommand({
  name: 'help',
  description: 'What Gazette does and how to use its commands',
  permission: 'member',
  options: [],
  examples: ['/help'],
  async run({ commands }) {
    const lines: Line[] = [
      [
        { strong: 'Gazette' },
        ' posts digests of the news this chat follows: each story condensed, with links to every outlet.',
      ],
    ];
    for (const command of commands) {
      const lock = command.permission === 'manager' ? ' 🔒' : '';
      lines.push([{ code: usageOf(command) }, ` — ${command.description}${lock}`]);
    }
    lines.push('🔒 needs a chat manager (Manage Channels on Discord, an administrator on Telegram).');
    return Promise.resolve(reply.info(lines, { ephemeral: true }));
  },
});
