/**
 * `npm run bench -- stories`: the story engine on the labelled news days, and its speed.
 * Quality: pairwise, cross-outlet pairwise and B-cubed precision/recall/F1, and near-miss pairs
 * merged, on each labelled day (the shipped weights are fitted on all of them: held-out figures come
 * from `npm run train:stories -- --cross --leave-one-day-out`). Speed: see bench/stories-speed.ts.
 */

import { clusterItems } from '../src/stories/cluster-items.js';
import { hasCorpus } from './lib/corpus.js';
import { formatPrf, LABELLED_DAYS, readLabelledDay, roleOf, scoreDay } from './lib/story-days.js';

if (!hasCorpus()) {
  console.log('stories: the shared corpus is not here; skipped');
} else {
  console.log(
    'day          role      pairwise P/R/F1     cross-outlet P/R/F1  B-cubed P/R/F1      near-misses merged  largest',
  );
  for (const name of LABELLED_DAYS) {
    const day = readLabelledDay(name);
    const started = performance.now();
    const scores = scoreDay(day, clusterItems(day.items));
    const ms = performance.now() - started;
    console.log(
      `${name}   ${roleOf(name).padEnd(9)} ${formatPrf(scores.pairwise)}   ${formatPrf(scores.crossSource)}   ` +
        `${formatPrf(scores.bcubed)}   ${String(scores.nearMissesMerged).padStart(2)} of ${day.nearMisses.length}            ` +
        `${scores.largestStory}   (${day.items.length} items, ${Math.round(ms)} ms)`,
    );
  }
}
