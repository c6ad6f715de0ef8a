/**
 * Condense throughput on one core: summarise and tag every article of the summaries corpus (CNN/DM
 * and BBC), as the pipeline does for each item. Run: `npm run bench -- condense`. Prints numbers.
 */

import { condenseItem } from '../src/condense/condense.js';
import { createTopicTagger } from '../src/condense/topics.js';
import { configuredTopics } from './lib/taxonomy.js';
import { hasCorpus, readSummaryRows } from './lib/corpus.js';
import { median, rate, timedPasses } from './lib/timing.js';

if (!hasCorpus()) {
  console.log('condense: no corpus, skipped');
  process.exit(0);
}
const tagger = createTopicTagger(configuredTopics());
const articles = [...readSummaryRows('cnndm-dev.jsonl'), ...readSummaryRows('bbc-100.jsonl')];
const words = articles.reduce((sum, a) => sum + a.article.split(/\s+/u).length, 0);
const passes = timedPasses(7, () => {
  for (const a of articles) {
    condenseItem(
      { title: a.title ?? null, text: a.article, categories: [] },
      { tagger, feedTopics: [], maxSentences: 3, maxChars: 400, contentHash: '' },
    );
  }
});
const wall = median(passes.wallMs);
const cpu = median(passes.cpuMs);
console.log(
  `condense (summarise + tag + entities): ${articles.length} articles (${Math.round(words / articles.length)} words on average), median of ${passes.wallMs.length} passes: ` +
    `${rate(articles.length, wall)} articles/s by wall clock (${wall.toFixed(0)} ms), ${rate(articles.length, cpu)} articles/s by CPU time; goal ≥ 300 on one core`,
);
