import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractionScore, pageCounts } from '../../bench/lib/shingle-score.js';
import { decodeBody } from '../../src/ingest/decode.js';
import { extractArticle } from '../../src/extract/extract-article.js';
import { CORPUS_DIR, corpusAvailable } from '../condense/corpus.js';

const available = corpusAvailable('extraction corpus');

describe.skipIf(!available)('extraction on the article-extraction benchmark pages', () => {
  it('scores at least 0.955 F1 on 4-gram shingles and leaves no page empty', () => {
    const dir = path.join(CORPUS_DIR, 'extraction');
    const truth = JSON.parse(readFileSync(path.join(dir, 'ground-truth.json'), 'utf8')) as Record<
      string,
      { articleBody: string }
    >;
    const ids = Object.keys(truth);
    expect(ids.length).toBeGreaterThan(80);
    const counts = ids.map((id) => {
      const html = decodeBody(readFileSync(path.join(dir, 'html', `${id}.html.gz`)), null);
      const text = extractArticle(html)?.text ?? '';
      expect(text, id).not.toBe('');
      return pageCounts(truth[id]?.articleBody ?? '', text);
    });
    const score = extractionScore(counts);
    console.log(
      `extraction (${ids.length} pages): precision ${score.precision.toFixed(3)}, recall ${score.recall.toFixed(3)}, F1 ${score.f1.toFixed(3)}`,
    );
    expect(score.f1).toBeGreaterThanOrEqual(0.955);
  });
});

describe('the shingle measure', () => {
  it('matches the benchmark on small cases', () => {
    expect(pageCounts('a b c d e', 'a b c d e')).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(pageCounts('a b c d e', '')).toEqual({ tp: 0, fp: 0, fn: 1 });
    const half = pageCounts('a b c d e f', 'a b c d x y');
    expect(half.tp).toBeCloseTo(1 / 5);
    // Pages with nothing predicted count for recall only, as in the benchmark.
    const score = extractionScore([
      { tp: 1, fp: 0, fn: 0 },
      { tp: 0, fp: 0, fn: 1 },
    ]);
    expect(score.precision).toBe(1);
    expect(score.recall).toBe(0.5);
  });
});
