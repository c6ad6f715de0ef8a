/**
 * `npm run eval`: every quality score of the condense steps on the shared corpus, with the baselines
 * measured in the same run beside Gazette's numbers and the published figures for reference.
 * Prints a table; never fails for a low score (the tests hold the floors).
 */

import { hasCorpus, CORPUS_DIR } from './lib/corpus.js';
import { evaluateExtraction } from './lib/eval-extraction.js';
import {
  evaluateClustering,
  evaluateInventedSet,
  evaluateMuting,
  evaluateOwnMuting,
} from './lib/eval-stories.js';
import { FITTED_DAYS, formatPrf } from './lib/story-days.js';
import { evaluateSummaries, type Rouge } from './lib/eval-summaries.js';
import type { Half } from './lib/split.js';
import { devDaysCheck } from './lib/topic-checks.js';
import { createTopicTagger } from '../src/condense/topics.js';
import { configuredTopics } from './lib/taxonomy.js';

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

const half = (h: Half): string => (h === 'tune' ? 'tuning' : 'reporting');
console.log(
  '\nEvery development set is split in two by a fixed rule (bench/lib/split.ts); rules and weights are\n' +
    'tuned on the tuning half only, and the reporting half is the figure for data Gazette has not seen.',
);

const extraction = evaluateExtraction();
table(
  `Extraction: ${extraction.pages.tune} tuning + ${extraction.pages.report} reporting pages, F1 of 4-gram shingles (goal ≥ 0.965 on the reporting half, no empty page)`,
  ['system', 'half', 'precision', 'recall', 'F1', 'empty pages'],
  [
    ...extraction.results.map((r) => [
      r.system,
      half(r.half),
      f3(r.precision),
      f3(r.recall),
      f3(r.f1),
      String(r.empty),
    ]),
    ['published, full 181 pages: trafilatura', '', '', '', '0.958', ''],
    ['published, full 181 pages: Readability.js', '', '', '', '0.947', ''],
  ],
);

for (const file of ['cnndm-dev.jsonl', 'bbc-100.jsonl']) {
  const halves = evaluateSummaries(file);
  const published =
    file === 'cnndm-dev.jsonl'
      ? [
          ['published Lead-3 (full test set)', '', '', '40.4 / 17.6 / –'],
          ['published TextRank', '', '', '≈33 / 12 / –'],
          ['published PacSum (best unsupervised)', '', '', '40.7 / 17.8 / –'],
        ]
      : [];
  table(
    `Summaries: ${file}, ${halves.map((h) => `${h.rows} ${half(h.half)}`).join(' + ')} articles, ROUGE-1 / ROUGE-2 / ROUGE-L F1 (goal: Gazette ≥ Lead-3 + 0.5 on the reporting half)`,
    ['system', 'half', 'chat budget: 3 sentences, 400 chars', '3 sentences, no char limit'],
    [
      ...halves.flatMap((h) =>
        h.results.map((r) => [r.system, half(h.half), rouge(r.chat), rouge(r.threeSentences)]),
      ),
      ...published,
    ],
  );
  table(
    `Summaries: ${file}, what the chat summaries hold (goal: no furniture)`,
    ['half', 'summaries that are the opening sentences', ...Object.keys(halves[0]?.furniture ?? {})],
    halves.map((h) => [
      half(h.half),
      `${h.leadCopies} of ${h.rows}`,
      ...Object.values(h.furniture).map(String),
    ]),
  );
}

const clustering = evaluateClustering();
table(
  `Stories on real news days (test/fixtures/stories/days): weights fitted on ${FITTED_DAYS.join(', ')}; the other labelled days are held out of all fitting and tuning (goals on a held-out day: pairwise F1 ≥ 0.80, B-cubed F1 ≥ 0.95, no near-miss pair merged)`,
  [
    'day',
    'system',
    'pairwise P / R / F1',
    'cross-outlet P / R / F1',
    'B-cubed P / R / F1',
    'near misses merged',
  ],
  clustering.map((r) => [
    `${r.day} (${r.held ? 'held out' : 'fitted on'})`,
    r.system,
    formatPrf(r.pairwise),
    formatPrf(r.crossSource),
    formatPrf(r.bcubed),
    String(r.nearMissesMerged),
  ]),
);
const invented = evaluateInventedSet();
console.log(
  `\nInvented story set (${invented.items} items, ${invented.pairs} pairs): pairwise ${f3(invented.precision)} / ${f3(invented.recall)} / ${f3(invented.f1)}`,
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
const days = devDaysCheck(createTopicTagger(configuredTopics()));
console.log(
  `\nTopics on the cluster-development days: ${days.items} items, ${pct(days.untagged / days.items)}% untagged; ` +
    `${days.youtubeTechnology} of ${days.youtube} YouTube items tagged technology; ` +
    `${days.sportSectionTagged} of ${days.sportSection} items under /sport/ with sport as a main topic. ` +
    'Leaks and wrong removals on outlets and a year the model was not trained on: npm run bench -- topics',
);
const missed = muting.textOnly.flatMap((o) => o.missed.map((id) => `${id} (kept when muting ${o.term})`));
if (missed.length > 0) console.log(`\nKept although labelled: ${missed.join(', ')}`);
