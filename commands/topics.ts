import { defineCommand } from '../src/core/command.js';
import { reply, type Line } from '../src/core/reply.js';

export default defineCommand({
  name: 'topics',
  description: 'List the topics stories are tagged with, marking the muted ones',
  permission: 'member',
  options: [],
  examples: ['/topics'],
  async run({ chat, services }) {
    const muted = new Set(await services.mutes(chat));
    const lines: Line[] = [[{ strong: 'Topics' }]];
    for (const topic of services.topics) {
      const mark = muted.has(topic.id) ? ' — 🔇 muted' : '';
      // The id is shown only when it is not simply the label in lower case: /mute takes either.
      const id = topic.id === topic.label.toLowerCase() ? [] : [' ', { code: topic.id }];
      lines.push([`${topic.emoji} `.trimStart(), { strong: topic.label }, ...id, mark]);
    }
    const keywords = [...muted].filter((term) => !services.topics.some((t) => t.id === term));
    if (keywords.length > 0) lines.push(`Muted names and keywords: ${keywords.join(', ')}`);
    lines.push('Mute a topic with /mute sport, or a name or keyword with /mute bitcoin.');
    return reply.info(lines);
  },
});
