/**
 * `npx tsx bench/train/story-curve.ts`: whether more labelled days would make a better story model.
 * The model is fitted as `npm run train:stories` fits it, on halves of the fitted days (alternate
 * days both ways, the earlier and the later six) and on all twelve, and each fit is scored on the
 * sixteen held-out days. When six days score as twelve do, the model is short of evidence in what
 * it reads, not of labelled days.
 */

import { clusterItems } from '../../src/stories/cluster-items.js';
import { hasCorpus } from '../lib/corpus.js';
import { FITTED_DAYS, LABELLED_DAYS, readLabelledDay, roleOf, scoreDay } from '../lib/story-days.js';
import { backgroundFrequencies, train } from './story-fit.js';

if (!hasCorpus()) {
  console.log('story-curve: the shared corpus is not here; skipped');
} else {
  const background = backgroundFrequencies();
  const held = LABELLED_DAYS.filter((d) => roleOf(d) === 'held out').map((d) => readLabelledDay(d));
  const fitted = FITTED_DAYS.map((d) => readLabelledDay(d));
  const half = Math.floor(fitted.length / 2);
  const subsets: [string, typeof fitted][] = [
    ['alternate days from the first', fitted.filter((_, i) => i % 2 === 0)],
    ['alternate days from the second', fitted.filter((_, i) => i % 2 === 1)],
    ['the earlier half', fitted.slice(0, half)],
    ['the later half', fitted.slice(half)],
    ['every fitted day', fitted],
  ];
  console.log(
    `| fitted on | days | threshold | held-out pairwise F1 | near misses merged (of ${held.reduce((n, d) => n + d.nearMisses.length, 0)}) |`,
  );
  console.log('|---|---|---|---|---|');
  for (const [name, days] of subsets) {
    const model = train(days, background, false);
    let f1 = 0;
    let nearMisses = 0;
    for (const day of held) {
      const scores = scoreDay(day, clusterItems(day.items, { model }));
      f1 += scores.pairwise.f1;
      nearMisses += scores.nearMissesMerged;
    }
    console.log(
      `| ${name} | ${days.length} | ${model.threshold.toFixed(2)} | ${(f1 / held.length).toFixed(3)} | ${nearMisses} |`,
    );
  }
}
