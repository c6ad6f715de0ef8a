/**
 * `npm run bench -- stories`: the story engine on the labelled news days, and its speed.
 * Quality: pairwise, cross-outlet pairwise and B-cubed precision/recall/F1, and near-miss pairs
 * merged, on each labelled day, then their means over the days the shipped weights were fitted on
 * and over the days held out of all fitting and tuning (bench/lib/story-days.ts). Leave-one-day-out
 * figures over the fitted days: `npm run train:stories -- --cross --leave-one-day-out`. Speed: see
 * bench/stories-speed.ts.
 */

import { clusterItems } from '../src/stories/cluster-items.js';
import { hasCorpus } from './lib/corpus.js';
import { mean } from './lib/rouge.js';
import { byRole, formatPrf, LABELLED_DAYS, readLabelledDay, roleOf, scoreDay, type DayScores } from './lib/story-days.js';

if (!hasCorpus()) {
  console.log('stories: the shared corpus is not here; skipped');
} else {
  console.log(
    'day          role      pairwise P/R/F1     cross-outlet P/R/F1  B-cubed P/R/F1      near-misses merged  largest',
  );
  const results: [string, DayScores][] = [];
  for (const name of LABELLED_DAYS) {
    const day = readLabelledDay(name);
    const started = performance.now();
    const scores = scoreDay(day, clusterItems(day.items));
    const ms = performance.now() - started;
    results.push([name, scores]);
    console.log(
      `${name}   ${roleOf(name).padEnd(9)} ${formatPrf(scores.pairwise)}   ${formatPrf(scores.crossSource)}   ` +
        `${formatPrf(scores.bcubed)}   ${String(scores.nearMissesMerged).padStart(2)} of ${day.nearMisses.length}            ` +
        `${scores.largestStory}   (${day.items.length} items, ${Math.round(ms)} ms)`,
    );
  }
  const meanOf = (values: readonly number[]): string => mean(values).toFixed(3);
  for (const [role, scores] of byRole(results))
    console.log(
      `${role}, ${scores.length} days: mean pairwise F1 ${meanOf(scores.map((s) => s.pairwise.f1))}, ` +
        `cross-outlet F1 ${meanOf(scores.map((s) => s.crossSource.f1))}, B-cubed F1 ${meanOf(scores.map((s) => s.bcubed.f1))}, ` +
        `near misses merged ${scores.reduce((a, s) => a + s.nearMissesMerged, 0)} ` +
        `(${scores.filter((s) => s.nearMissesMerged === 0).length} days with none)`,
    );
}
