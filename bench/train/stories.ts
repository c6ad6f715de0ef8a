/**
 * `npm run train:stories`: writes config/story-model.json from the shared corpus.
 *
 * 1. Background document frequencies of every stemmed word over the topic corpus's 21,550
 *    headlines and descriptions (2020–21, the held-out fortnight absent).
 * 2. The decisions, fitted on the fitted days (`FITTED_DAYS` in bench/lib/story-days.ts; the days
 *    labelled later are held out of all fitting and tuning) with bench/train/story-fit.ts: the
 *    engine is run over each day with every item placed in its labelled story; each item against
 *    each representative of each candidate story is an example for the pair model, and each item
 *    against each candidate story, the pair model's verdicts among its measures, one for the story
 *    model.
 * 3. The threshold that clusters those days best, a near-miss pair merged on a day costing three
 *    points of that day's F1.
 * Fits on more days score better on a day left out (two days against one; seven and eleven against
 * two), so the model users get is fitted on all the fitted days; `--cross --leave-one-day-out`
 * leaves each of them out in turn, and `npm run bench -- stories` scores the shipped weights on the
 * held-out days as well.
 *
 * `npm run train:stories -- --cross` writes nothing: for each day left out it fits on all the others
 * and on each other day alone, and reports on the day left out. `--engine-stories` also fits the
 * story model on the stories the engine builds itself (mixed ones included), `--threshold=0.5`
 * fixes the threshold instead of choosing it, `--equal-days` weighs each day's examples alike in
 * the fits instead of pooling them (the large days dominate a pooled fit). With `--cross`, `--all-days` also leaves out and
 * fits on the held-out days (each day scored by a fit on every other labelled day), and
 * `--only=day,day` scores only those days, so folds can run in several processes. The model written
 * is always fitted on the fitted days alone: the bench calls the others held out.
 */

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { clusterItems } from '../../src/stories/cluster-items.js';
import { STORY_FEATURE_NAMES, type StoryFeatureName } from '../../src/stories/story-features.js';
import { STORY_MODEL_FILE, writeStoryModel } from '../../src/stories/story-model.js';
import { CORPUS_DIR, hasCorpus } from '../lib/corpus.js';
import { FITTED_DAYS, formatPrf, LABELLED_DAYS, readLabelledDay, scoreDay } from '../lib/story-days.js';
import { backgroundFrequencies, MIN_DF, THRESHOLDS, train, type Background } from './story-fit.js';

const repo = path.resolve(import.meta.dirname, '../..');
/**
 * Leave one day out: trained on the other days (all of them, then, unless `othersOnly`, each
 * alone), scored on the one left out; each fold also with the pair model alone at one half, as the
 * engine decided before.
 */
function crossValidate(background: Background, othersOnly: boolean, baseline: boolean): void {
  const days = (process.argv.includes('--all-days') ? LABELLED_DAYS : FITTED_DAYS).map((name) =>
    readLabelledDay(name),
  );
  const only = process.argv
    .find((a) => a.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',');
  console.log(
    'held-out day  trained on                       threshold  pairwise P/R/F1     cross-outlet P/R/F1  B-cubed P/R/F1      near misses',
  );
  for (const [i, held] of days.entries()) {
    if (only !== undefined && !only.includes(held.day)) continue;
    const training = days.filter((_, j) => j !== i);
    const folds = othersOnly ? [training] : [training, ...training.map((d) => [d])];
    for (const fold of folds) {
      for (const pairOnly of process.argv.includes('--only-baseline')
        ? [true]
        : baseline
          ? [true, false]
          : [false]) {
        const model = train(
          fold,
          background,
          false,
          pairOnly,
          omitted(),
          fixed(),
          process.argv.includes('--engine-stories'),
          process.argv.includes('--equal-days'),
        );
        const scores = scoreDay(held, clusterItems(held.items, { model }));
        const trained = `${fold.length === training.length ? `the other ${fold.length} days` : fold.map((d) => d.day).join(' + ')}${pairOnly ? ' (pairs)' : ''}`;
        console.log(
          `${held.day}    ${trained.padEnd(32)} ${model.threshold.toFixed(2).padEnd(10)} ` +
            `${formatPrf(scores.pairwise)}   ${formatPrf(scores.crossSource)}   ${formatPrf(scores.bcubed)}   ` +
            `${scores.nearMissesMerged} of ${held.nearMisses.length}`,
        );
        if (process.argv.includes('--sweep')) {
          // What other thresholds would have given on the day left out: how much rides on the choice.
          const line = THRESHOLDS.map((t) => {
            const at = scoreDay(held, clusterItems(held.items, { model: { ...model, threshold: t } }));
            return `${t.toFixed(2)}:${at.pairwise.f1.toFixed(2)}/${at.bcubed.f1.toFixed(2)}/${at.nearMissesMerged}`;
          });
          console.log(`      sweep (threshold:pairwise F1/B-cubed F1/near misses) ${line.join(' ')}`);
        }
      }
    }
  }
}

/** A threshold given (`--threshold=0.5`) rather than chosen on the training days. */
function fixed(): number | null {
  const flag = process.argv.find((a) => a.startsWith('--threshold='));
  return flag === undefined ? null : Number(flag.slice('--threshold='.length));
}

/** Story features left out of the fit (`--omit=a,b`): ablations. */
function omitted(): StoryFeatureName[] {
  const flag = process.argv.find((a) => a.startsWith('--omit='));
  const names = flag?.slice('--omit='.length).split(',') ?? [];
  return STORY_FEATURE_NAMES.filter((name) => names.includes(name));
}

function main(): void {
  if (!hasCorpus()) {
    console.error(`The shared corpus is not at ${CORPUS_DIR}: nothing to train on.`);
    process.exit(1);
  }
  const background = backgroundFrequencies();
  console.log(
    `background: ${background.documents} documents, ${background.df.size} words with df >= ${MIN_DF}`,
  );
  if (process.argv.includes('--cross')) {
    crossValidate(
      background,
      process.argv.includes('--leave-one-day-out'),
      !process.argv.includes('--no-baseline'),
    );
    return;
  }
  const model = train(
    FITTED_DAYS.map((day) => readLabelledDay(day)),
    background,
    true,
    false,
    omitted(),
  );
  console.log(`threshold ${model.threshold.toFixed(2)}`);
  const out = path.join(repo, 'config', STORY_MODEL_FILE);
  writeFileSync(out, writeStoryModel(model));
  console.log(`wrote ${out}`);
}

main();
