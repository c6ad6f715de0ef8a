/** ROUGE of Gazette's summaries and of Lead-3 on one corpus file, under the chat budget and without it. */

import { splitSentences } from '../../src/condense/sentences.js';
import { summarize } from '../../src/condense/summarize.js';
import { readSummaryRows } from './corpus.js';
import { rougeScores } from './rouge.js';

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

/** Gazette and Lead-3 on a file under `summaries/`, each under the chat budget and with 3 sentences unlimited. */
export function evaluateSummaries(file: string): { rows: number; results: SummaryResult[] } {
  const rows = readSummaryRows(file);
  const score = (make: (row: (typeof rows)[number]) => string): Rouge =>
    rougeScores(rows.map((row) => ({ candidate: make(row), reference: row.reference })));
  const sentences = new Map(rows.map((row) => [row.id, splitSentences(row.article, 'en')]));
  const lead = (row: (typeof rows)[number], budget: { maxSentences: number; maxChars: number }): string =>
    leadWithin(sentences.get(row.id) ?? [], budget.maxSentences, budget.maxChars);
  const gazette = (row: (typeof rows)[number], budget: { maxSentences: number; maxChars: number }): string =>
    summarize({ title: row.title ?? null, text: row.article }, budget).text;
  return {
    rows: rows.length,
    results: [
      {
        system: 'Gazette',
        chat: score((r) => gazette(r, CHAT)),
        threeSentences: score((r) => gazette(r, UNLIMITED)),
      },
      {
        system: 'Lead-3',
        chat: score((r) => lead(r, CHAT)),
        threeSentences: score((r) => lead(r, UNLIMITED)),
      },
    ],
  };
}
