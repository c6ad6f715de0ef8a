/**
 * `npm run bench -- stories-arrival`: stories as a running Gazette files them when feeds are read
 * at different times. Each labelled day goes through the engine as the story step runs it (stored
 * decisions kept, each story's id recorded as the store would), its outlets' feeds read one after
 * another, so an outlet read later brings items published before the stories already stored; then
 * the same items read in one poll. Pairwise F1 against the labels, by the days' role (see
 * bench/lib/story-days.ts).
 */

import { createStoryEngine } from '../src/stories/engine.js';
import type { StoryItem } from '../src/stories/item-vector.js';
import { defaultStoryModel } from '../src/stories/story-model.js';
import { hasCorpus } from './lib/corpus.js';
import {
  byRole,
  LABELLED_DAYS,
  readLabelledDay,
  scoreDay,
  storyItemsOf,
  type LabelledDay,
} from './lib/story-days.js';

/** Every item of the day is placed, however late its outlet is read. */
const MAX_LAG_MS = 48 * 3_600_000;

/** The day's stories after the polls, each item named by the id its story is stored under. */
function file(day: LabelledDay, polls: readonly (readonly StoryItem[])[]): Map<string, string> {
  const engine = createStoryEngine({ model: defaultStoryModel(), keepStored: true, maxLagMs: MAX_LAG_MS });
  let nextId = 1;
  for (const poll of polls) {
    const { assigned } = engine.add(poll);
    const created = new Map<object, number>();
    for (const [itemId, story] of assigned) {
      let storeId = story.storeId ?? created.get(story);
      if (storeId === undefined) {
        storeId = nextId++;
        created.set(story, storeId);
      }
      engine.recordStored(itemId, storeId);
    }
  }
  return new Map(day.items.map((item, index) => [item.id, String(engine.storyOf(index)?.storeId)]));
}

if (!hasCorpus()) {
  console.log('stories-arrival: the shared corpus is not here; skipped');
} else {
  const results = LABELLED_DAYS.map((name) => {
    const day = readLabelledDay(name);
    const items = storyItemsOf(day);
    const outlets = [...new Set(items.map((i) => i.outlet))].sort((a, b) => a - b);
    const byOutlet = scoreDay(
      day,
      file(
        day,
        outlets.map((o) => items.filter((i) => i.outlet === o)),
      ),
    );
    const together = scoreDay(day, file(day, [items]));
    return [name, { byOutlet, together }] as const;
  });
  console.log(
    '| days | outlets read one after another: pairwise F1, near misses | one poll: pairwise F1, near misses |',
  );
  console.log('|---|---|---|');
  for (const [role, scores] of byRole(results)) {
    const mean = (f: (s: (typeof scores)[number]) => number): string =>
      (scores.reduce((sum, s) => sum + f(s), 0) / scores.length).toFixed(3);
    const misses = (f: (s: (typeof scores)[number]) => number): number =>
      scores.reduce((n, s) => n + f(s), 0);
    console.log(
      `| ${role}, ${scores.length} | ${mean((s) => s.byOutlet.pairwise.f1)}, ${misses((s) => s.byOutlet.nearMissesMerged)} | ` +
        `${mean((s) => s.together.pairwise.f1)}, ${misses((s) => s.together.nearMissesMerged)} |`,
    );
  }
}
