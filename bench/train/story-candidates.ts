/**
 * `npx tsx bench/train/story-candidates.ts`: where recall is lost on the labelled days. Each item is
 * placed in its labelled story, as in training; for every item whose story already has members it
 * tells whether the engine nominated that story, whether the committed model would join it, and
 * whether another candidate would outbid it. Weighted by the members already there, the counts are
 * the same-story pairs each step keeps.
 */

import { storyProbability } from '../../src/stories/story-features.js';
import { defaultStoryModel } from '../../src/stories/story-model.js';
import { hasCorpus } from '../lib/corpus.js';
import { LABELLED_DAYS, readLabelledDay } from '../lib/story-days.js';
import { walkLabelledDay } from './story-fit.js';

interface Counts {
  items: number;
  nominated: number;
  joined: number;
  chosen: number;
  /** Items that would join a wrong story, their own story existing or not. */
  wrong: number;
}

function tally(name: string): { byItem: Counts; byPair: Counts } {
  const model = defaultStoryModel();
  const byItem: Counts = { items: 0, nominated: 0, joined: 0, chosen: 0, wrong: 0 };
  const byPair: Counts = { items: 0, nominated: 0, joined: 0, chosen: 0, wrong: 0 };
  walkLabelledDay(readLabelledDay(name), model, ({ record, candidates, lesson, truth }) => {
    let rival = 0;
    let own = 0;
    for (const story of candidates) {
      const p = storyProbability(lesson.story(record, story), model.story);
      if (story === truth) own = p;
      else rival = Math.max(rival, p);
    }
    const weight = truth?.members.length ?? 0;
    const add = (key: keyof Counts, yes: boolean): void => {
      if (!yes) return;
      byItem[key] += 1;
      byPair[key] += key === 'wrong' ? 1 : weight;
    };
    add('wrong', rival > model.threshold && rival > own);
    if (truth === null) return;
    add('items', true);
    add('nominated', candidates.includes(truth));
    add('joined', own > model.threshold);
    add('chosen', own > model.threshold && own >= rival);
  });
  return { byItem, byPair };
}

if (!hasCorpus()) console.log('story-candidates: the shared corpus is not here; skipped');
else {
  console.log(
    'day          items with a story so far: nominated / above threshold / best candidate; wrong joins',
  );
  for (const name of LABELLED_DAYS) {
    const { byItem, byPair } = tally(name);
    const line = (c: Counts): string => `${c.items}: ${c.nominated} / ${c.joined} / ${c.chosen}; ${c.wrong}`;
    console.log(`${name}   items ${line(byItem)}   pairs ${line(byPair)}`);
  }
}
