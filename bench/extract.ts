/**
 * Extraction throughput: pages of the extraction corpus through Gazette's extractor (clean, parse
 * with linkedom, Readability, junk rules), decoding not timed. Run: `npm run bench -- extract`.
 */

import { extractArticle } from '../src/extract/extract-article.js';
import { hasCorpus } from './lib/corpus.js';
import { readPages } from './lib/eval-extraction.js';
import { median, rate, timedPasses } from './lib/timing.js';

if (!hasCorpus()) {
  console.log('extract: no corpus, skipped');
  process.exit(0);
}
const pages = readPages();
const bytes = pages.reduce((sum, p) => sum + p.html.length, 0);
const passes = timedPasses(
  7,
  () => {
    for (const page of pages) extractArticle(page.html);
  },
  2,
);
const wall = median(passes.wallMs);
const cpu = median(passes.cpuMs);
// On a shared machine the median moves with the neighbours; the fastest pass shows the work itself.
const bestWall = Math.min(...passes.wallMs);
const bestCpu = Math.min(...passes.cpuMs);
console.log(
  `extract: ${pages.length} pages (${Math.round(bytes / pages.length / 1024)} KiB of HTML on average), median of ${passes.wallMs.length} passes: ` +
    `${rate(pages.length, wall)} pages/s by wall clock (${wall.toFixed(0)} ms), ${rate(pages.length, cpu)} pages/s by CPU time; ` +
    `fastest pass ${rate(pages.length, bestWall)} by wall clock, ${rate(pages.length, bestCpu)} by CPU time; goal ≥ 40 on one core`,
);
