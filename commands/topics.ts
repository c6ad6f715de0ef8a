import { defineCommand } from '../src/core/command.js';
import { reply, type Line } from '../src/core/reply.js';
import { formatSlot } from '../src/core/time-format.js';

export default defineCommand({
  name: 'topics',
  description: 'List the topics stories are tagged with, marking the muted ones',
  permission: 'member',
  options: [],
  examples: ['/topics'],
  async run({ chat, services, now }) {
    const mutes = await services.mutes(chat);
    const { subscription } = await services.feeds(chat, now);
    const zone = subscription?.timezone ?? 'UTC';
    const active = (expiresAt: number | null): boolean => expiresAt === null || expiresAt > now;
    const expiry = (expiresAt: number | null): string =>
      expiresAt === null
        ? ''
        : active(expiresAt)
          ? ` until ${formatSlot(expiresAt, zone, now)}`
          : ` (ran out ${formatSlot(expiresAt, zone, now)})`;
    const byTerm = new Map(mutes.map((m) => [m.term, m]));
    const lines: Line[] = [[{ strong: 'Topics' }]];
    for (const topic of services.topics) {
      const mute = byTerm.get(topic.id);
      const mark =
        mute === undefined
          ? ''
          : active(mute.expiresAt)
            ? ` — 🔇 muted${expiry(mute.expiresAt)}`
            : expiry(mute.expiresAt);
      // The id is shown only when it is not simply the label in lower case: /mute takes either.
      const id = topic.id === topic.label.toLowerCase() ? [] : [' ', { code: topic.id }];
      lines.push([`${topic.emoji} `.trimStart(), { strong: topic.label }, ...id, mark]);
    }
    const keywords = mutes.filter((m) => !services.topics.some((t) => t.id === m.term));
    if (keywords.length > 0) {
      lines.push(
        `Muted names and keywords: ${keywords.map((m) => `${m.term}${expiry(m.expiresAt)}`).join(', ')}`,
      );
    }
    lines.push(
      'Mute a topic with /mute sport (or /mute sport 7d for a week), or a name or keyword with /mute bitcoin.',
    );
    return reply.info(lines);
  },
});
