/**
 * `npm run bench -- topics`: how the topic model's mute rule holds on news it was not fitted on.
 * First the training procedure rerun by outlet (train on some outlets, test on the others), by
 * country (American outlets against the others, both ways) and by time (2020 → 2021), each with
 * thresholds chosen on its own training part; then the committed model on held-out sets it never
 * saw. Takes several minutes: each split trains a model.
 */

import path from 'node:path';
import { configuredTopics } from './lib/taxonomy.js';
import { createTopicTagger } from '../src/condense/topics.js';
import { prepareItems } from '../src/training/build-model.js';
import { trainingChoice } from '../src/training/options.js';
import { defaultWordVectors } from '../src/text/word-vectors.js';
import type { MuteRates } from '../src/training/mute-rates.js';
import { topicCorpusItems } from '../src/training/weak-labels.js';
import { CORPUS_DIR, hasCorpus } from './lib/corpus.js';
import type { MuteOutcome } from './lib/mute-score.js';
import { bbcCheck, cnndmCheck, devDaysCheck, ownStoriesCheck } from './lib/topic-checks.js';
import { outletSplits, pooled, styleSplits, timeSplit, type SplitScores } from './lib/topic-splits.js';

const repo = path.resolve(import.meta.dirname, '..');
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

function rates(title: string, rows: readonly MuteRates[]): void {
  console.log(`\n${title}\n| muted for | items | leaks | wrongly removed |\n|---|---|---|---|`);
  for (const r of rows)
    console.log(`| ${r.name} | ${r.items} | ${pct(r.leaks)} | ${pct(r.wronglyRemoved)} |`);
}

function outcomes(title: string, rows: readonly MuteOutcome[]): void {
  console.log(`\n${title}\n| label → muted | leaks | wrongly removed |\n|---|---|---|`);
  for (const o of rows)
    console.log(`| ${o.label} → ${o.term} | ${pct(1 - o.removal)} | ${pct(o.falseRemoval)} |`);
}

function splitSummary(split: SplitScores): string {
  return `${split.name}: ${split.tested} items, accuracy ${pct(split.accuracy)}, untagged ${pct(split.untagged)}`;
}

if (!hasCorpus()) {
  console.log(`No corpus at ${CORPUS_DIR}: nothing to measure.`);
  process.exit(0);
}
const topics = configuredTopics();
const items = prepareItems(
  topicCorpusItems(CORPUS_DIR),
  topics.map((t) => t.id),
  defaultWordVectors(),
);

// The splits rerun the rule and fit that `npm run train:topics` would use with the same flags;
// --folds=N also deals the outlets into N folds for the split (fewer folds, fewer fits: quicker).
const { rule, fit } = trainingChoice(process.argv.slice(2));
const wanted = new Set(process.argv.slice(2).filter((a) => !a.startsWith('--')));
const all = wanted.size === 0;
if (all || wanted.has('outlets')) {
  const splits = outletSplits(items, topics, rule, fit);
  console.log('\n## By outlet: trained on the other outlets, thresholds chosen on them');
  for (const split of splits) console.log(`- ${splitSummary(split)}`);
  const held = 'pooled over the outlet folds (held out)';
  const tables: [string, (s: SplitScores) => readonly MuteRates[]][] = [
    [`Per topic, ${held}`, (s) => s.byTopic],
    [`Four classes, ${held}`, (s) => s.fourClasses],
    [`Four classes, ${held}, items whose labels confident learning keeps`, (s) => s.fourClassesKept],
    [`Four classes, ${held}, items labelled by hand (test/fixtures/topics)`, (s) => s.fourClassesHand],
    ['The same, items whose class was clear to the labeller', (s) => s.fourClassesHandSure],
    [
      `Four classes, ${held}, items labelled by hand, tagged with their URL section`,
      (s) => s.fourClassesHandAddress,
    ],
    ['The same, items whose class was clear to the labeller', (s) => s.fourClassesHandSureAddress],
  ];
  for (const [title, pick] of tables) rates(title, pooled(splits, pick));
}
if (all || wanted.has('style')) {
  console.log('\n## By country: trained on one side, thresholds chosen there, tested on the other');
  for (const split of styleSplits(items, topics, rule, fit)) {
    console.log(`- ${splitSummary(split)}`);
    rates(`Four classes, ${split.name}`, split.fourClasses);
    rates(`Four classes, ${split.name}, items labelled by hand`, split.fourClassesHand);
  }
}
if (all || wanted.has('time')) {
  const split = timeSplit(items, topics, '2021', rule, fit);
  console.log(`\n## By time\n- ${splitSummary(split)}`);
  rates('Per topic, 2021 items (held out)', split.byTopic);
  rates('Four classes, 2021 items (held out)', split.fourClasses);
  rates('Four classes, 2021 items (held out) whose labels confident learning keeps', split.fourClassesKept);
  rates('Four classes, 2021 items (held out) labelled by hand', split.fourClassesHand);
  rates('The same, items whose class was clear to the labeller', split.fourClassesHandSure);
  rates(
    'Four classes, 2021 items (held out) labelled by hand, tagged with their URL section',
    split.fourClassesHandAddress,
  );
  rates('The same, items whose class was clear to the labeller', split.fourClassesHandSureAddress);
}
if (all || wanted.has('committed')) {
  const tagger = createTopicTagger(topics);
  console.log('\n## The committed model on sets it was not trained or tuned on');
  outcomes('BBC-100 (2004–05), text only', bbcCheck(tagger));
  outcomes(
    'Our own labelled stories (test/fixtures/topics), text only',
    ownStoriesCheck(tagger, topics, repo),
  );
  const cnndm = cnndmCheck(tagger, topics);
  rates(
    `CNN/Daily Mail 2007–15 (${cnndm.items} articles whose URL names one section), text only`,
    cnndm.rates,
  );
  const days = devDaysCheck(tagger);
  console.log(
    `\nCluster-development days: ${days.items} items, ${pct(days.untagged / days.items)} untagged; ` +
      `${days.youtubeTechnology} of ${days.youtube} YouTube items tagged technology; ` +
      `${days.sportSectionTagged} of ${days.sportSection} items under /sport/ with sport as a main topic`,
  );
}
