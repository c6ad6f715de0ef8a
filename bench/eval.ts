/**
 * `npm run eval`: every quality score of the condense steps on the shared corpus, with the baselines
 * measured in the same run beside Gazette's numbers and the published figures for reference.
 * Prints a table; never fails for a low score (the tests hold the floors).
 */

import { hasCorpus, CORPUS_DIR } from './lib/corpus.js';
import { evaluateExtraction } from './lib/eval-extraction.js';
import { evaluateClustering, evaluateMuting, evaluateOwnMuting } from './lib/eval-stories.js';
import { evaluateSummaries, type Rouge } from './lib/eval-summaries.js';
import { devDaysCheck } from './lib/topic-checks.js';
import { createTopicTagger } from '../src/condense/topics.js';
import { loadConfig } from '../src/config/load.js';
import path from 'node:path';

function topicsOf() {
  const config = loadConfig({ configDir: path.resolve(import.meta.dirname, '../config'), env: {} });
  if (!config.ok) throw new Error(config.error);
  return config.value.topics;
}

const pct = (x: number): string => (100 * x).toFixed(1).padStart(5);
const f3 = (x: number): string => x.toFixed(3);
const rouge = (r: Rouge): string => `${r.r1.toFixed(1)} / ${r.r2.toFixed(1)} / ${r.rl.toFixed(1)}`;

function table(title: string, header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(`\n${title}\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

if (!hasCorpus()) {
  console.log(`No corpus at ${CORPUS_DIR}: nothing to evaluate.`);
  process.exit(0);
}

const extraction = evaluateExtraction();
table(
  `Extraction: ${extraction.pages} pages, F1 of 4-gram shingles (goal ≥ 0.955, no empty page)`,
  ['system', 'precision', 'recall', 'F1', 'empty pages'],
  [
    ...extraction.results.map((r) => [r.system, f3(r.precision), f3(r.recall), f3(r.f1), String(r.empty)]),
    ['published, full 181 pages: trafilatura', '', '', '0.958', ''],
    ['published, full 181 pages: Readability.js', '', '', '0.947', ''],
  ],
);

for (const file of ['cnndm-dev.jsonl', 'bbc-100.jsonl']) {
  const { rows, results } = evaluateSummaries(file);
  const published =
    file === 'cnndm-dev.jsonl'
      ? [
          ['published Lead-3 (full test set)', '', '40.4 / 17.6 / –'],
          ['published TextRank', '', '≈33 / 12 / –'],
          ['published PacSum (best unsupervised)', '', '40.7 / 17.8 / –'],
        ]
      : [];
  table(
    `Summaries: ${file}, ${rows} articles, ROUGE-1 / ROUGE-2 / ROUGE-L F1 (L: LCS of the whole texts)`,
    ['system', 'chat budget: 3 sentences, 400 chars', '3 sentences, no char limit'],
    [...results.map((r) => [r.system, rouge(r.chat), rouge(r.threeSentences)]), ...published],
  );
}

const clustering = evaluateClustering();
table(
  `Clustering: labelled story set, ${clustering.items} items, ${clustering.pairs} same-story pairs (pairwise)`,
  ['system', 'precision', 'recall', 'F1'],
  clustering.results.map((r) => [r.system, f3(r.precision), f3(r.recall), f3(r.f1)]),
);

const muting = evaluateMuting();
table(
  'Muting BBC-100 labels through the trained topic model (held out: never trained or tuned on; goal ≤ 3% leaks, ≤ 3% wrongly removed)',
  [
    'label → muted topic',
    'removed (text only)',
    'wrongly removed',
    'removed (+ section feed prior)',
    'wrongly removed',
  ],
  muting.textOnly.map((o, i) => {
    const prior = muting.withFeedPrior[i];
    return [
      `${o.label} → ${o.term}`,
      `${pct(o.removal)}%`,
      `${pct(o.falseRemoval)}%`,
      prior === undefined ? '' : `${pct(prior.removal)}%`,
      prior === undefined ? '' : `${pct(prior.falseRemoval)}%`,
    ];
  }),
);
const own = evaluateOwnMuting();
table(
  'Muting on Gazette’s own labelled stories (test/fixtures/topics: 64 stories, 8 per topic, 2 of them border cases), text only',
  ['muted topic', 'removed', 'wrongly removed', 'kept', 'wrongly removed stories'],
  own.map((o) => [
    o.term,
    `${pct(o.removal)}%`,
    `${pct(o.falseRemoval)}%`,
    o.missed.join(', '),
    o.wronglyRemoved.join(', '),
  ]),
);
const days = devDaysCheck(createTopicTagger(topicsOf()));
console.log(
  `\nTopics on the cluster-development days: ${days.items} items, ${pct(days.untagged / days.items)}% untagged; ` +
    `${days.youtubeTechnology} of ${days.youtube} YouTube items tagged technology; ` +
    `${days.sportSectionTagged} of ${days.sportSection} items under /sport/ with sport as a main topic. ` +
    'Leaks and wrong removals on outlets and a year the model was not trained on: npm run bench -- topics',
);
const missed = muting.textOnly.flatMap((o) => o.missed.map((id) => `${id} (kept when muting ${o.term})`));
if (missed.length > 0) console.log(`\nKept although labelled: ${missed.join(', ')}`);
