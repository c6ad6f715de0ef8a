/**
 * An independent check of summaries for page furniture a reader should never see: photo captions
 * glued to a sentence, pointers into photos, "read also" link lines, and openers that lean on a
 * sentence the summary does not carry. Written apart from the summariser's own rules, so that a
 * rule it drops shows here.
 */

import { isDangling } from '../../src/condense/openers.js';

/** What the check found in one summary sentence, or null. */
export type Furniture = 'caption' | 'photo pointer' | 'read also' | 'dangling opener';

// A lower-case word or number, no stop, then a capitalised article or pronoun going on in lower
// case: a caption or heading joined to the next paragraph.
const GLUED =
  /[\p{Ll}\p{N}]\s+(?:The|A|An|It|He|She|They|His|Her|Their|This|These|Those|In|On|At|But|And|When|After|As)\s+\p{Ll}/u;
// A caption's label: "Tragic: The man …", "All hands on deck: Footage shows …".
const LABEL = /^\p{Lu}[\p{L}'’-]*(?:\s+(?!(?:the|a|an)\s)[\p{L}'’-]+){0,3}:\s+\p{Lu}/u;
const POINTER =
  /\((?:pictured|left|right|centre|center|above|below|inset|circled)\b[^()]*\)|,\s(?:pictured|left|right|centre|circled),/iu;
const READ_ALSO =
  /^(?:read more|read also|also read|see also|related|lire aussi|à lire aussi|voir aussi|lesen sie auch|mehr zum thema|leer más|lee también|ver también)\b/iu;

/** The kind of furniture in one sentence of a summary, or null for a clean sentence. */
export function furnitureIn(sentence: string, language: string): Furniture | null {
  if (READ_ALSO.test(sentence)) return 'read also';
  if (POINTER.test(sentence)) return 'photo pointer';
  if (GLUED.test(sentence) || LABEL.test(sentence)) return 'caption';
  if (isDangling(sentence, language)) return 'dangling opener';
  return null;
}

/** Counts of each kind of furniture over the sentences of many summaries. */
export function countFurniture(
  summaries: readonly { readonly sentences: readonly string[]; readonly language: string }[],
): Record<Furniture, number> {
  const counts: Record<Furniture, number> = {
    caption: 0,
    'photo pointer': 0,
    'read also': 0,
    'dangling opener': 0,
  };
  for (const summary of summaries) {
    summary.sentences.forEach((sentence, i) => {
      const kind = furnitureIn(sentence, summary.language);
      // A dangling opener after the sentence it leans on is no fault.
      if (kind !== null && !(kind === 'dangling opener' && i > 0)) counts[kind]++;
    });
  }
  return counts;
}
