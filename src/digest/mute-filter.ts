import type { Story } from '../core/types.js';
import { escapeRegExp } from '../core/regexp.js';

/** How many of a story's entities count as what it is mainly about. */
const MAIN_ENTITIES = 3;

function mentionsInHeadline(headline: string, term: string): boolean {
  const pattern = new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(term)}($|[^\\p{L}\\p{N}])`, 'iu');
  return pattern.test(headline);
}

/**
 * The muted term that removes a story, or null when it stays. A term removes a story when it is
 * one of the story's main topics, one of its main entities, or named in its headline; a story that
 * merely mentions it in the body stays.
 */
export function mutedBy(story: Story, muted: readonly string[]): string | null {
  const main = story.topics.slice(0, story.mainTopics);
  const entities = story.entities.slice(0, MAIN_ENTITIES).map((e) => e.toLowerCase());
  for (const term of muted) {
    if (main.includes(term)) return term;
    if (entities.includes(term)) return term;
    if (mentionsInHeadline(story.headline, term)) return term;
  }
  return null;
}
