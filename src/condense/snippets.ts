/**
 * What feed descriptions need beyond article text: a last sentence the publisher cut off ("…Colonel
 * Donald Jones confirmed ..."), and a headline that names the subject a description refers to with
 * a pronoun ("Debenhams cuts staff" / "It is the latest round of redundancies …").
 */

import { trimClause } from './clause-trim.js';
import { opensWithConnective, withoutConnective } from './openers.js';
import { countWords, type ScoredSentence } from './scoring.js';
import { contentWords } from './tokens.js';

// Three dots or an ellipsis at the very end, after a word or a comma, maybe in brackets: where a
// publisher cut the description, not where a sentence ended.
const CUT_OFF = /(?<=[\p{L}\p{N},;:'’"”])\s*(?:\[\s*(?:\.{3}|…)\s*\]|\.{3,}|…)$/u;

/** True when the text ends where its publisher cut it off, mid-sentence. */
export function isCutOff(sentence: string): boolean {
  return CUT_OFF.test(sentence);
}

/**
 * The sentences with a cut-off last one dropped, or, when it is the only one, cut after its last
 * whole clause (or dropped too when it has none).
 */
export function withoutCutOff(sentences: readonly string[], maxChars: number, language = 'en'): string[] {
  const last = sentences.at(-1);
  if (last === undefined || !isCutOff(last)) return [...sentences];
  if (sentences.length > 1) return sentences.slice(0, -1);
  const bare = last.replace(CUT_OFF, '');
  // The publisher cut off whatever the rest said, the speaker's name included; a sentence with no
  // whole clause to keep says nothing whole, and the card shows its headline or another summary.
  const kept = trimClause(bare, Math.min(maxChars, bare.length), false, language);
  return kept === null ? [] : [kept];
}

// A sentence left with fewer words says nothing alone.
const MIN_WORDS = 5;
// A headline needs this many content words to name what a description's pronoun stands for.
const MIN_HEADLINE_TERMS = 2;

/**
 * The sentences with pronoun openers made acceptable, when the headline names a subject: the reader
 * sees the headline right above the summary. A connective ("But", "However") that joins a
 * description to nothing is left out. Unchanged when the headline names nothing. Only the
 * description's opening sentence (`opening`) leans on the headline: a later one ("1945 called. It
 * wants to know…") leans on the sentence before it, which the summary does not carry.
 */
export function withHeadlineReferent(
  scored: readonly ScoredSentence[],
  title: string | null,
  language: string,
  opening: string | undefined,
): ScoredSentence[] {
  if (title === null || contentWords(title, language).length < MIN_HEADLINE_TERMS) return [...scored];
  return scored.map((s) => {
    if (!s.dangling || s.text !== opening) return s;
    if (!opensWithConnective(s.text, language)) return { ...s, dangling: false };
    // "But there's a warning …" under its headline reads as "There's a warning …".
    const text = withoutConnective(s.text, language);
    return text === s.text || countWords(text) < MIN_WORDS ? s : { ...s, text, dangling: false };
  });
}
