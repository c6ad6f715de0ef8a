import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/condense/sentences.js';
import { summarize } from '../../src/condense/summarize.js';
import { corpusAvailable, readSummaries, type SummaryRow } from './corpus.js';
import { danglingOpener } from './dangling.js';
import { mean, rougeN } from '../../bench/lib/rouge.js';

const available = corpusAvailable('summary corpus');

function checkContract(rows: readonly SummaryRow[], maxSentences: number, maxChars: number): void {
  for (const row of rows) {
    const summary = summarize({ title: row.title ?? null, text: row.article }, { maxSentences, maxChars });
    const where = `${row.id} at ${maxSentences}/${maxChars}`;
    expect(summary.text.length, where).toBeLessThanOrEqual(maxChars);
    expect(summary.sentences.length, where).toBeLessThanOrEqual(maxSentences);
    if (row.article.trim() !== '') expect(summary.text, where).not.toBe('');
    expect(danglingOpener(summary.text, summary.language), `${where}: ${summary.text}`).toBeNull();
    expect(summary.text, where).toBe(summary.sentences.join(' '));
  }
}

function rouge(rows: readonly SummaryRow[], make: (row: SummaryRow) => string): { r1: number; r2: number } {
  const pairs = rows.map((row) => ({ candidate: make(row), reference: row.reference }));
  return {
    r1: 100 * mean(pairs.map((p) => rougeN(p.candidate, p.reference, 1))),
    r2: 100 * mean(pairs.map((p) => rougeN(p.candidate, p.reference, 2))),
  };
}

const show = (name: string, score: { r1: number; r2: number }): string =>
  `${name}: ROUGE-1 ${score.r1.toFixed(1)}, ROUGE-2 ${score.r2.toFixed(1)}`;

describe.skipIf(!available)('summaries on the corpus', () => {
  const cnndm = available ? readSummaries('cnndm-dev.jsonl') : [];
  const bbc = available ? readSummaries('bbc-100.jsonl') : [];

  it('keeps the contract on CNN/DailyMail at several limits', () => {
    expect(cnndm.length).toBeGreaterThan(100);
    for (const [sentences, chars] of [
      [3, 400],
      [2, 250],
      [1, 200],
      [5, 800],
    ] as const) {
      checkContract(cnndm, sentences, chars);
    }
  });

  it('keeps the contract on BBC at several limits', () => {
    expect(bbc.length).toBe(100);
    for (const [sentences, chars] of [
      [3, 400],
      [2, 250],
      [1, 200],
      [5, 800],
    ] as const) {
      checkContract(bbc, sentences, chars);
    }
  });

  it('reports ROUGE against Lead-3 on CNN/DailyMail', () => {
    const ours = rouge(cnndm, (row) => summarize({ title: null, text: row.article }).text);
    const lead3 = rouge(cnndm, (row) => splitSentences(row.article, 'en').slice(0, 3).join(' '));
    const long = rouge(
      cnndm,
      (row) => summarize({ title: null, text: row.article }, { maxChars: 10_000 }).text,
    );
    console.log(
      [
        `CNN/DailyMail (${cnndm.length} articles)`,
        show('  gazette, 3 sentences / 400 chars', ours),
        show('  gazette, 3 sentences / no char limit', long),
        show('  Lead-3', lead3),
      ].join('\n'),
    );
    // A floor against regressions, well below the published Lead-3 figures.
    expect(ours.r1).toBeGreaterThan(30);
    expect(ours.r2).toBeGreaterThan(12);
  });

  it('reports ROUGE on BBC', () => {
    const ours = rouge(bbc, (row) => summarize({ title: row.title ?? null, text: row.article }).text);
    const lead3 = rouge(bbc, (row) => splitSentences(row.article, 'en').slice(0, 3).join(' '));
    console.log(
      [`BBC (${bbc.length} articles)`, show('  gazette', ours), show('  Lead-3', lead3)].join('\n'),
    );
    expect(ours.r1).toBeGreaterThan(20);
  });
});
