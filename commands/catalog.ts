import { defineCommand } from '../src/core/command.js';
import { reply, type Line, type Reply } from '../src/core/reply.js';
import type { GazetteServices } from '../src/core/services.js';

/** The catalog by topic, with the ids /subscribe takes and a key per topic. */
export function catalogReply(services: GazetteServices): Reply {
  const { catalog, topics } = services;
  if (catalog.length === 0)
    return reply.info(['The catalog is empty here. Follow a feed by its URL: /subscribe <feed URL>.']);
  const lines: Line[] = [
    [
      { strong: `Catalog: ${catalog.length} feeds` },
      '. Follow one with /subscribe <id>, a whole topic with /subscribe <topic>, or any feed by its URL.',
    ],
  ];
  const listed = new Set<string>();
  for (const topic of topics) {
    // A feed is listed under its first topic; its others are named beside it.
    const entries = catalog.filter((c) => c.topics[0] === topic.id);
    if (entries.length === 0) continue;
    lines.push([`${topic.emoji} `, { strong: topic.label }, ' — ', { code: `/subscribe ${topic.id}` }]);
    for (const entry of entries) {
      listed.add(entry.id);
      const also = entry.topics.slice(1);
      lines.push([
        '  • ',
        { code: entry.id },
        `: ${entry.name}${also.length > 0 ? ` (also ${also.join(', ')})` : ''}`,
      ]);
    }
  }
  const rest = catalog.filter((c) => !listed.has(c.id));
  for (const entry of rest) lines.push(['  • ', { code: entry.id }, `: ${entry.name}`]);
  const choices = topics
    .filter((t) => catalog.some((c) => c.topics.includes(t.id)))
    .map((t) => ({ label: `Follow ${t.label}`, command: 'subscribe', value: t.id }));
  return reply.info(lines, { choices });
}

export default defineCommand({
  name: 'catalog',
  description: 'List the catalog: feeds and topics /subscribe accepts by name',
  permission: 'member',
  options: [],
  examples: ['/catalog'],
  run: ({ services }) => Promise.resolve(catalogReply(services)),
});
