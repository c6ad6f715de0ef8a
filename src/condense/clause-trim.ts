/** Cutting a sentence after one of its clauses, so that a summary can use its budget without a fragment. */

import { isAttributed } from './openers.js';
import { countWords } from './scoring.js';

// A trimmed sentence keeps at least this many words: less is a fragment, not a statement.
const MIN_TRIMMED_WORDS = 8;
// Where a sentence may be cut: after a clause that ends in a comma, semicolon or dash.
const CLAUSE_END = /[,;]\s|\s[–—]\s|\s--\s/gu;

/**
 * The sentence cut after its last clause that ends within `maxChars` (with the "…" that marks the
 * cut), or null when no such clause is long enough, a quotation or bracket would be left open, or
 * the cut would drop who says it (unless `keepSpeaker` is false: the rest was lost anyway).
 */
export function trimClause(text: string, maxChars: number, keepSpeaker = true): string | null {
  let best: string | null = null;
  for (const match of text.matchAll(CLAUSE_END)) {
    if (match.index + 1 > maxChars) break;
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
