import type { Story } from '../core/types.js';
import { escapeRegExp } from '../core/regexp.js';
import { lightStem, words } from '../condense/tokens.js';

/** How many of a story's entities count as what it is mainly about. */
const MAIN_ENTITIES = 3;

function mentionsInHeadline(headline: string, term: string): boolean {
  const pattern = new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(term)}($|[^\\p{L}\\p{N}])`, 'iu');
  return pattern.test(headline);
}

// A term with symbols ("c++", "at&t") is matched as written: its words alone would be too loose.
const SYMBOLS = /[^\p{L}\p{N}\s'’-]/u;

// Only plural and possessive endings: a user's word must not meet another word of the same
// Snowball stem ("universe" is not "university").
function stemsOf(text: string): string[] {
  return words(text).map(lightStem);
}

/** Whether `needle` occurs as consecutive words of `hay`. */
function containsRun(hay: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0) return false;
  for (let i = 0; i + needle.length <= hay.length; i++) {
    if (needle.every((word, j) => hay[i + j] === word)) return true;
  }
  return false;
}

/**
 * The muted term that removes a story, or null when it stays. A term that is one of `topicIds`
 * removes a story only when it is one of the story's main topics: "World Cup final" is no world
 * news and "Sport minister resigns" no sport. Any other term removes a story when it is one of its
 * main entities or named in its headline, in any of its word forms; a story that merely mentions
 * it in the body stays.
 */
export function mutedBy(
  story: Story,
  muted: readonly string[],
  topicIds: Pick<ReadonlySet<string>, 'has'>,
): string | null {
  const main = story.topics.slice(0, story.mainTopics);
  const entities = story.entities.slice(0, MAIN_ENTITIES).map((e) => e.toLowerCase());
  let headline: string[] | null = null;
  let entityStems: string[][] | null = null;
  for (const term of muted) {
    if (main.includes(term)) return term;
    if (topicIds.has(term)) continue;
    if (entities.includes(term)) return term;
    if (SYMBOLS.test(term)) {
      if (mentionsInHeadline(story.headline, term)) return term;
      continue;
    }
    // "Emmys" mutes "Emmy Awards return", "election" mutes "Elections": plurals meet singulars.
    const stems = stemsOf(term);
    headline ??= stemsOf(story.headline);
    if (containsRun(headline, stems)) return term;
    entityStems ??= entities.map((entity) => stemsOf(entity));
    if (entityStems.some((entity) => entity.join(' ') === stems.join(' '))) return term;
  }
  return null;
}
