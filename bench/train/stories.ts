/**
 * `npm run train:stories`: writes config/story-model.json from the shared corpus.
 *
 * 1. Background document frequencies of every stemmed word over the topic corpus's 21,550
 *    headlines and descriptions (2020–21, the held-out fortnight absent).
 * 2. The join decision's logistic weights, fitted on the tuning day only: the engine is run over
 *    that day with every item placed in its labelled story, and each candidate story it nominated
 *    on the way is one example (joined in truth or not).
 * 3. The decision itself stays at one half: an item joins the story it more probably belongs to
 *    than not. A sweep prints what other thresholds would give on the tuning day.
 * The other labelled days are never read here: they are what `npm run bench -- stories` reports on.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { detectLanguage } from '../../src/condense/language.js';
import { contentWords } from '../../src/condense/tokens.js';
import { clusterItems } from '../../src/stories/cluster-items.js';
import type { Lesson } from '../../src/stories/engine.js';
import { FEATURE_NAMES, type FeatureName } from '../../src/stories/join-features.js';
import { STORY_MODEL_FILE, writeStoryModel, type StoryModel } from '../../src/stories/story-model.js';
import type { ItemRecord, StoryState } from '../../src/stories/story-state.js';
import { CORPUS_DIR, hasCorpus } from '../lib/corpus.js';
import { readLabelledDay, scoreDay, TUNING_DAY, formatPrf } from '../lib/story-days.js';
import { fitLogistic } from './logistic.js';

const repo = path.resolve(import.meta.dirname, '../..');
/** Words seen in fewer documents than this are left out: they weigh as unseen words do. */
const MIN_DF = 2;

function backgroundFrequencies(): { documents: number; df: Map<string, number> } {
  const file = path.join(CORPUS_DIR, 'topics/topics-train.jsonl.gz');
  const rows = gunzipSync(readFileSync(file))
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const df = new Map<string, number>();
  for (const line of rows) {
    const row = JSON.parse(line) as { title?: string; text?: string };
    const text = `${row.title ?? ''}\n${row.text ?? ''}`;
    for (const term of new Set(contentWords(text, detectLanguage(text))))
      df.set(term, (df.get(term) ?? 0) + 1);
  }
  for (const [term, n] of df) if (n < MIN_DF) df.delete(term);
  return { documents: rows.length, df };
}

/**
 * Pairs seen on the way: each item, placed in its labelled story, against the representatives of
 * every story the engine nominated for it, labelled by whether the two share a story in truth.
 */
function examplesOf(model: StoryModel): { x: number[][]; y: number[]; missed: number; items: number } {
  const day = readLabelledDay(TUNING_DAY);
  const labels = day.items.map((item) => day.truth.get(item.id) ?? item.id);
  const founders = new Map<string, number>();
  const x: number[][] = [];
  const y: number[] = [];
  let missed = 0;
  let storyOf: ((index: number) => StoryState | null) | null = null;
  const teacher = (
    record: ItemRecord,
    candidates: readonly StoryState[],
    lesson: Lesson,
  ): StoryState | null => {
    const label = labels[record.id] ?? '';
    const founder = founders.get(label);
    const truth = founder === undefined ? null : (storyOf?.(founder) ?? null);
    for (const story of candidates) {
      for (const member of lesson.representatives(story)) {
        const features = lesson.pair(record, member);
        x.push(FEATURE_NAMES.map((name: FeatureName) => features[name]));
        y.push(labels[member.id] === label ? 1 : 0);
      }
    }
    if (truth !== null && !candidates.includes(truth)) missed++;
    if (founder === undefined) founders.set(label, record.id);
    return truth;
  };
  clusterItems(day.items, {
    model,
    teacher,
    onEngine: (engine) => {
      storyOf = (index) => engine.storyOf(index);
    },
  });
  return { x, y, missed, items: day.items.length };
}

function main(): void {
  if (!hasCorpus()) {
    console.error(`The shared corpus is not at ${CORPUS_DIR}: nothing to train on.`);
    process.exit(1);
  }
  const { documents, df } = backgroundFrequencies();
  console.log(`background: ${documents} documents, ${df.size} words with df >= ${MIN_DF}`);
  const zero = Object.fromEntries(FEATURE_NAMES.map((n) => [n, 0])) as Record<FeatureName, number>;
  const draft: StoryModel = { documents, df, weights: zero, bias: 0, threshold: 0.5 };
  const { x, y, missed, items } = examplesOf(draft);
  const positives = y.filter((v) => v === 1).length;
  console.log(
    `${TUNING_DAY}: ${items} items, ${x.length} pairs with candidate stories' members (${positives} in one story in truth); ` +
      `${missed} true stories were not among the candidates`,
  );
  const fit = fitLogistic(x, y, 1);
  const weights = Object.fromEntries(FEATURE_NAMES.map((n, i) => [n, fit.weights[i] ?? 0])) as Record<
    FeatureName,
    number
  >;
  for (const name of FEATURE_NAMES) console.log(`  ${name.padEnd(13)} ${weights[name].toFixed(3)}`);
  console.log(`  ${'bias'.padEnd(13)} ${fit.bias.toFixed(3)}`);
  // Joining when a story is more likely than not: a calibrated model's own decision, not a
  // threshold fitted to the tuning day's largest story. The sweep shows what other choices give.
  const day = readLabelledDay(TUNING_DAY);
  for (let t = 0.1; t <= 0.901; t += 0.1) {
    const model: StoryModel = { ...draft, weights, bias: fit.bias, threshold: t };
    const scores = scoreDay(day, clusterItems(day.items, { model }));
    console.log(
      `  threshold ${t.toFixed(1)}: pairwise ${formatPrf(scores.pairwise)}, b-cubed ${formatPrf(scores.bcubed)}, ` +
        `near misses merged ${scores.nearMissesMerged}`,
    );
  }
  const best = { threshold: 0.5 };
  const model: StoryModel = {
    documents,
    df,
    weights,
    bias: fit.bias,
    threshold: Number(best.threshold.toFixed(2)),
  };
  const out = path.join(repo, 'config', STORY_MODEL_FILE);
  writeFileSync(out, writeStoryModel(model));
  console.log(`wrote ${out}`);
}

main();
