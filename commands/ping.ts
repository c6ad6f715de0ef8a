import { defineCommand, stringArg } from '../src/core/command.js';
import { reply } from '../src/core/reply.js';

/** `off sport` as typed in the topic option (Discord) or after the command (text). */
const OFF = /^off\s+(\S.*)$/isu;

export default defineCommand({
  name: 'ping',
  description: 'Mention a role when a digest has a story about a topic (Discord)',
  permission: 'manager',
  options: [
    {
      name: 'topic',
      description: 'A topic (sport), or "off sport" to stop mentioning its role',
      type: 'string',
      required: true,
      maxLength: 80,
      autocomplete: 'topics',
    },
    {
      name: 'role',
      description: 'The role to mention',
      type: 'role',
      required: false,
    },
  ],
  examples: ['/ping sport @Sport fans', '/ping off sport'],
  async run({ chat, args, services, now }) {
    if (chat.platform !== 'discord') {
      return reply.info([
        `Role pings are a Discord feature: ${chat.platform === 'telegram' ? 'Telegram has' : 'this console has'} no roles to mention. Mute the topics you do not want with /mute instead.`,
      ]);
    }
    const typed = stringArg(args, 'topic') ?? '';
    const off = OFF.exec(typed.trim());
    if (off?.[1] !== undefined) {
      const { topic, changed } = await services.removePing(chat, off[1]);
      return changed
        ? reply.ok([['Stories about ', { strong: topic.label }, ' no longer mention a role.']])
        : reply.info([['No role was mentioned for ', { strong: topic.label }, '.']]);
    }
    const roleId = stringArg(args, 'role');
    if (roleId === undefined) {
      const pings = await services.pings(chat);
      const lines = pings.map((p) => `• ${p.topic}: role ${p.roleId}`);
      return reply.info([
        pings.length === 0 ? 'No topic mentions a role here.' : 'Topics that mention a role:',
        ...lines,
        [
          'Set one with ',
          { code: '/ping sport @role' },
          ', remove it with ',
          { code: '/ping off sport' },
          '.',
        ],
      ]);
    }
    const topic = await services.setPing(chat, typed, roleId, now);
    return reply.ok([
      [
        'Digests now mention that role when they have a story about ',
        { strong: topic.label },
        '; ',
        { code: `/ping off ${topic.id}` },
        ' stops it.',
      ],
    ]);
  },
});
