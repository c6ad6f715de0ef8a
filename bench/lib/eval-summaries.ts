/**
 * ROUGE of Gazette's summaries and of Lead-3 on one corpus file, on each half of the fixed split,
 * under the chat budget and without it; how many summaries are the article's opening sentences; and
 * the furniture the independent check finds in them.
 */

import { splitSentences } from '../../src/condense/sentences.js';
import { summarize } from '../../src/condense/summarize.js';
import { readSummaryRows, type SummaryRow } from './corpus.js';
import { countFurniture, type Furniture } from './furniture.js';
import { rougeScores } from './rouge.js';
import { HALVES, inHalf, type Half } from './split.js';

/** ROUGE-1, -2 and -L F1 in percent. */
export interface Rouge {
  readonly r1: number;
  readonly r2: number;
  readonly rl: number;
}

/** One system's scores under both budgets. */
export interface SummaryResult {
  readonly system: string;
  readonly chat: Rouge;
  readonly threeSentences: Rouge;
}

/** Everything measured on one half of a file. */
export interface HalfResult {
  readonly half: Half;
  readonly rows: number;
  /** Gazette, then Lead-3. */
  readonly results: readonly SummaryResult[];
  /** Chat summaries that are exactly the article's first one, two or three sentences. */
  readonly leadCopies: number;
  readonly furniture: Record<Furniture, number>;
}

/** The chat budget of a digest entry: 3 sentences, 400 characters. */
export const CHAT = { maxSentences: 3, maxChars: 400 } as const;
const UNLIMITED = { maxSentences: 3, maxChars: 1_000_000 } as const;

/**
 * Lead-3 within a budget: the first sentences, whole, while they fit; the first one cut at a word
 * when even it does not fit (what Gazette does too).
 */
export function leadWithin(sentences: readonly string[], maxSentences: number, maxChars: number): string {
  const out: string[] = [];
  let length = -1;
  for (const sentence of sentences.slice(0, maxSentences)) {
    if (length + 1 + sentence.length > maxChars) break;
    out.push(sentence);
    length += 1 + sentence.length;
  }
  if (out.length > 0) return out.join(' ');
  const first = sentences[0] ?? '';
  return first.slice(0, maxChars);
}

/** True when the summary is the text's first one, two or three sentences, word for word. */
export function isLeadCopy(summary: string, sentences: readonly string[]): boolean {
  return [1, 2, 3].some((k) => sentences.slice(0, k).join(' ') === summary);
}

function evaluateHalf(rows: readonly SummaryRow[], half: Half): HalfResult {
  const score = (make: (row: SummaryRow) => string): Rouge =>
    rougeScores(rows.map((row) => ({ candidate: make(row), reference: row.reference })));
  const sentences = new Map(rows.map((row) => [row.id, splitSentences(row.article, 'en')]));
  const lead = (row: SummaryRow, budget: typeof CHAT | typeof UNLIMITED): string =>
    leadWithin(sentences.get(row.id) ?? [], budget.maxSentences, budget.maxChars);
  const summaries = new Map(
    rows.map((row) => [row.id, summarize({ title: row.title ?? null, text: row.article }, CHAT)]),
  );
  const chat = (row: SummaryRow): string => summaries.get(row.id)?.text ?? '';
  const long = (row: SummaryRow): string =>
    summarize({ title: row.title ?? null, text: row.article }, UNLIMITED).text;
  return {
    half,
    rows: rows.length,
    results: [
      { system: 'Gazette', chat: score(chat), threeSentences: score(long) },
      {
        system: 'Lead-3',
        chat: score((r) => lead(r, CHAT)),
        threeSentences: score((r) => lead(r, UNLIMITED)),
      },
    ],
    leadCopies: rows.filter((row) => isLeadCopy(chat(row), sentences.get(row.id) ?? [])).length,
    furniture: countFurniture([...summaries.values()]),
  };
}

/** Gazette and Lead-3 on both halves of a file under `summaries/`. */
export function evaluateSummaries(file: string): HalfResult[] {
  const rows = readSummaryRows(file);
  return HALVES.map((half) => evaluateHalf(inHalf(rows, half), half));
}
