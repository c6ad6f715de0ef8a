/**
 * Where a story's lead names its own field. Reporters refer back to what a story is about with
 * the field's name: "…cameras now read every number plate at the border. The technology has…",
 * "…banned for two years. The sport's rulers said…". Such a phrase classifies the subject in the
 * reporter's own words, however much of the article is spent on the setting it is used in.
 */

import type { Topic } from '../core/types.js';
import { escapeRegExp } from '../core/regexp.js';

/** Finds the topics a headline or lead names as its subject; taxonomy indexes. */
export type FieldNameFinder = (lead: string) => Set<number>;

// A determiner makes the noun point back at something the reader already met.
const DETERMINER = String.raw`(?:[Tt]his|[Tt]hese|[Tt]hat|[Tt]hose|[Ss]uch|[Tt]he)`;
// Lower-case only: "the Samsung Gear Sport" is a product, not the field.
const MODIFIER = String.raw`\p{Ll}[\p{Ll}\p{M}-]*`;
// The named field must be the subject of a clause ("this new technology is causing", "the sport
// has been hit") or own something ("the sport's rulers"). As an object or after a preposition the
// same words are mostly idiom: "we have the technology", "in this business", "the politics in it".
const AUXILIARY = String.raw`is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|shall|does|did`;
const AFTER = String.raw`(?:['’]s|\s+(?:${AUXILIARY}))(?![\p{L}\p{M}\p{N}-])`;

/** A finder for the taxonomy's `names` (lower-case words naming each field); compiled once. */
export function createFieldNameFinder(topics: readonly Topic[]): FieldNameFinder {
  const patterns = topics.flatMap((topic, index) => {
    const names = topic.names.map((n) => n.trim().toLowerCase()).filter((n) => n !== '');
    if (names.length === 0) return [];
    const alternatives = names.map((n) => escapeRegExp(n).replace(/\s+/gu, String.raw`\s+`)).join('|');
    const source = String.raw`(?<![\p{L}\p{M}\p{N}])${DETERMINER}\s+(?:${MODIFIER}\s+){0,2}(?:${alternatives})${AFTER}`;
    return [{ index, pattern: new RegExp(source, 'u') }];
  });
  return (lead) => new Set(patterns.filter(({ pattern }) => pattern.test(lead)).map(({ index }) => index));
}
