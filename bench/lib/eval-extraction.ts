/** Extraction scores on the benchmark pages: Gazette's extractor and bare Readability.js on linkedom. */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { extractArticle } from '../../src/extract/extract-article.js';
import { decodeBody } from '../../src/ingest/decode.js';
import { CORPUS_DIR } from './corpus.js';
import { extractionScore, pageCounts } from './shingle-score.js';
import { HALVES, inHalf, type Half } from './split.js';

/** One extractor's scores. */
export interface ExtractionResult {
  readonly system: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly empty: number;
}

/** The benchmark pages, decoded, with their true article bodies. */
export function readPages(): { id: string; html: string; truth: string }[] {
  const dir = path.join(CORPUS_DIR, 'extraction');
  const truth = JSON.parse(readFileSync(path.join(dir, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { articleBody?: string }
  >;
  return Object.entries(truth).map(([id, page]) => ({
    id,
    html: decodeBody(readFileSync(path.join(dir, 'html', `${id}.html.gz`)), null),
    truth: page.articleBody ?? '',
  }));
}

/** Readability's own text of a page, as the benchmark's Readability.js runner takes it. */
export function bareReadability(html: string): string {
  const { document } = parseHTML(html) as unknown as { document: unknown };
  const article = new Readability(document).parse();
  return article?.textContent ?? '';
}

/** Gazette's extractor and bare Readability on each half of the fixed split of the pages. */
export function evaluateExtraction(): {
  pages: Record<Half, number>;
  results: (ExtractionResult & { half: Half })[];
} {
  const all = readPages();
  const systems: [string, (html: string) => string][] = [
    ['Gazette', (html) => extractArticle(html)?.text ?? ''],
    ['Readability.js 0.6 on linkedom', bareReadability],
  ];
  const results: (ExtractionResult & { half: Half })[] = [];
  const pages = { tune: 0, report: 0 };
  for (const half of HALVES) {
    const subset = inHalf(all, half);
    pages[half] = subset.length;
    for (const [system, extract] of systems) {
      const texts = subset.map((page) => extract(page.html));
      const score = extractionScore(subset.map((page, i) => pageCounts(page.truth, texts[i] ?? '')));
      results.push({ system, half, ...score, empty: texts.filter((t) => t.trim() === '').length });
    }
  }
  return { pages, results };
}
