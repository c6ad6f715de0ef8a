import { describe, expect, it } from 'vitest';
import { evaluateSummaries } from '../../bench/lib/eval-summaries.js';
import { corpusAvailable } from './corpus.js';

const available = corpusAvailable('Lead-3 comparison');

describe.skipIf(!available)('summaries against Lead-3, same data, same budgets', () => {
  for (const file of ['cnndm-dev.jsonl', 'bbc-100.jsonl']) {
    it(`beats Lead-3 on ROUGE-1 and ROUGE-2 on the reporting half of ${file}, with and without the chat budget`, () => {
      const halves = evaluateSummaries(file);
      const [gazette, lead3] = halves.find((h) => h.half === 'report')?.results ?? [];
      if (gazette === undefined || lead3 === undefined) throw new Error('two systems expected');
      const show = (r: typeof gazette): string =>
        `${r.system}: chat ${r.chat.r1.toFixed(2)}/${r.chat.r2.toFixed(2)}, 3 sentences ${r.threeSentences.r1.toFixed(2)}/${r.threeSentences.r2.toFixed(2)}`;
      console.log(`${file}\n  ${show(gazette)}\n  ${show(lead3)}`);
      for (const budget of ['chat', 'threeSentences'] as const) {
        expect(gazette[budget].r1, `${budget} ROUGE-1`).toBeGreaterThan(lead3[budget].r1);
        expect(gazette[budget].r2, `${budget} ROUGE-2`).toBeGreaterThan(lead3[budget].r2);
      }
    });
  }
});
