/**
 * Sentence splitting in German, French and Spanish: Gazette's splitter beside Intl.Segmenter (ICU's
 * sentence rules, as Node ships them), on the labelled cases in test/fixtures/sentences. Prints
 * the share of cases split exactly right and the boundary F1 of each. Run: `npm run bench -- sentences`.
 */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { splitSentences } from '../src/condense/sentences.js';

interface Case {
  readonly language: string;
  readonly text: string;
  readonly expected: readonly string[];
}

const cases = JSON.parse(
  readFileSync(path.join(import.meta.dirname, '../test/fixtures/sentences/cases.json'), 'utf8'),
) as Case[];

function icu(text: string, language: string): string[] {
  const segmenter = new Intl.Segmenter(language, { granularity: 'sentence' });
  return [...segmenter.segment(text)].map((s) => s.segment.trim()).filter((s) => s !== '');
}

/** Character offsets where each sentence but the last ends, in the text. */
function boundaries(text: string, sentences: readonly string[]): Set<number> {
  const out = new Set<number>();
  let at = 0;
  for (const sentence of sentences.slice(0, -1)) {
    at = text.indexOf(sentence, at) + sentence.length;
    out.add(at);
  }
  return out;
}

for (const [name, split] of [
  ['Gazette', splitSentences],
  ['Intl.Segmenter', icu],
] as const) {
  const rows = new Map<string, { exact: number; total: number; tp: number; fp: number; fn: number }>();
  for (const c of cases) {
    const got = split(c.text, c.language);
    const row = rows.get(c.language) ?? { exact: 0, total: 0, tp: 0, fp: 0, fn: 0 };
    row.total++;
    if (JSON.stringify(got) === JSON.stringify(c.expected)) row.exact++;
    const want = boundaries(c.text, c.expected);
    const have = boundaries(c.text, got);
    for (const b of have)
      if (want.has(b)) row.tp++;
      else row.fp++;
    for (const b of want) if (!have.has(b)) row.fn++;
    rows.set(c.language, row);
  }
  for (const [language, r] of rows) {
    const f1 = (2 * r.tp) / Math.max(1, 2 * r.tp + r.fp + r.fn);
    console.log(
      `sentences ${name.padEnd(14)} ${language}: ${r.exact}/${r.total} cases exact, boundary F1 ${f1.toFixed(3)} (${r.fp} false, ${r.fn} missed)`,
    );
  }
}
