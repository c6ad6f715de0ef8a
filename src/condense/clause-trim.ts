/** Cutting a sentence after one of its clauses, so that a summary can use its budget without a fragment. */

import { isAttributed, opensWithConnective, opensWithContrast } from './openers.js';
import { countWords } from './scoring.js';

// A trimmed sentence keeps at least this many words: less is a fragment, not a statement.
const MIN_TRIMMED_WORDS = 8;
// Where a sentence may be cut: after a clause that ends in a comma, semicolon or dash.
const CLAUSE_END = /[,;]\s|\s[–—]\s|\s--\s/gu;
// After a comma, what follows must open a clause of its own: then what comes before is one too.
// "Canada, the UK…" or "In one of the more bizarre developments, the…" cut inside a list or
// before the subject, and leave a fragment. English subordinators and relatives; in every
// language its coordinating connectives.
const CLAUSE_OPENER_EN =
  /^(?:and|but|or|so|yet|while|whereas|which|who|whom|whose|where|when|as|after|before|because|although|though|since|until|unless|if|saying|adding|according|including|with)\b/iu;

// A participle after a comma opens a clause of its own: ", citing concerns", ", killing three";
// a noun in a list (", parking, street lighting and …") is followed by a comma or a conjunction.
const PARTICIPLE_EN = /^\p{Ll}{2,}ing\s+(?!(?:and|or|nor)\b)[\p{L}\p{N}'"‘“]/u;

function opensClause(rest: string, language: string): boolean {
  return (
    (language === 'en' && (CLAUSE_OPENER_EN.test(rest) || PARTICIPLE_EN.test(rest))) ||
    opensWithConnective(rest, language)
  );
}

/**
 * The sentence cut after its last clause that ends within `maxChars` (with the "…" that marks the
 * cut), or null when no such clause is long enough, a quotation or bracket would be left open, or
 * the cut would drop who says it (unless `keepSpeaker` is false: the rest was lost anyway). A
 * comma is a clause's end only before a word that opens another clause in `language`, and no
 * clause ends before a "but" or "however" that qualifies it.
 */
export function trimClause(
  text: string,
  maxChars: number,
  keepSpeaker = true,
  language = 'en',
): string | null {
  let best: string | null = null;
  for (const match of text.matchAll(CLAUSE_END)) {
    if (match.index + 1 > maxChars) break;
    const rest = text.slice(match.index + match[0].length);
    if ((match[0].startsWith(',') && !opensClause(rest, language)) || opensWithContrast(rest, language))
      continue;
    const head = text.slice(0, match.index).trimEnd();
    if (countWords(head) >= MIN_TRIMMED_WORDS && balanced(head)) best = head;
  }
  if (best === null || (keepSpeaker && isAttributed(text) && !isAttributed(best))) return null;
  return `${best}…`;
}

// Straight double quotes pair up; curly and angled ones and brackets open and close.
function balanced(text: string): boolean {
  let depth = 0;
  let straight = 0;
  for (const c of text) {
    if (c === '“' || c === '«' || c === '(' || c === '[') depth++;
    else if (c === '”' || c === '»' || c === ')' || c === ']') depth--;
    else if (c === '"') straight++;
  }
  return depth === 0 && straight % 2 === 0;
}
