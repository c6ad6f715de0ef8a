/**
 * `npx tsx bench/story-why.ts --day=2021-09-20 --story=<label>`: how the engine placed each item of
 * one labelled story, in the order it placed them: which stories its rarest words nominated that
 * already held items of the label (how many of their members carry it), and the probability the
 * story model gave each, with the features that weigh most. Read the fitted days with it; the
 * held-out days are for reporting (bench/lib/story-days.ts).
 */

import { clusterItems } from '../src/stories/cluster-items.js';
import { storyProbability, type StoryFeatures } from '../src/stories/story-features.js';
import { defaultStoryModel } from '../src/stories/story-model.js';
import { hasCorpus } from './lib/corpus.js';
import { readLabelledDay, roleOf } from './lib/story-days.js';

const SHOWN: readonly (keyof StoryFeatures)[] = ['pairBest', 'centroid', 'nameRarity', 'meaning', 'size'];

const flag = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

const dayName = flag('day');
const label = flag('story');
if (!hasCorpus()) {
  console.log('story-why: the shared corpus is not here; skipped');
} else if (dayName === undefined || label === undefined) {
  console.error('story-why: --day=<labelled day> and --story=<label> are both needed');
  process.exitCode = 2;
} else {
  const day = readLabelledDay(dayName);
  const model = defaultStoryModel();
  const labelOf = (index: number): string | undefined => day.truth.get(day.items[index]?.id ?? '');
  if (!day.items.some((_, i) => labelOf(i) === label)) {
    console.error(`story-why: no item of ${dayName} is labelled ${label}`);
    process.exitCode = 2;
  } else {
    console.log(`${dayName} (${roleOf(dayName)}), story ${label}, join threshold ${model.threshold}`);
    clusterItems(day.items, {
      teacher: (record, nominated, lesson) => {
        if (labelOf(record.id) !== label) return undefined;
        const holding = nominated.flatMap((story) => {
          const own = story.members.filter((m) => labelOf(m.id) === label).length;
          if (own === 0) return [];
          const features = lesson.story(record, story);
          const shown = SHOWN.map((name) => `${name} ${features[name].toFixed(2)}`).join(', ');
          const p = storyProbability(features, model.story);
          return [`      ${own} of ${story.members.length} members: p ${p.toFixed(2)} (${shown})`];
        });
        console.log(`\n${(day.items[record.id]?.title ?? '').slice(0, 100)}`);
        console.log(
          `    ${nominated.length} stories nominated, ${holding.length === 0 ? 'none holding the label' : `${holding.length} holding the label:`}`,
        );
        for (const line of holding) console.log(line);
        // The engine decides as it would without a teacher.
        return undefined;
      },
    });
  }
}
