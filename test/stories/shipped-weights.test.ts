import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FITTED_DAYS, readLabelledDay } from '../../bench/lib/story-days.js';
import { backgroundFrequencies, train } from '../../bench/train/story-fit.js';
import { modelPath, writeStoryModel } from '../../src/stories/story-model.js';
import { corpusAvailable } from '../condense/corpus.js';

const available = corpusAvailable('shipped story weights');

describe.skipIf(!available)('the shipped story weights', () => {
  // A change to how items are read (words, languages, names) changes what the weights were fitted
  // on; the file must then be refitted, or the figures the README reports no longer describe it.
  it('are what npm run train:stories writes from the code as it is', () => {
    const model = train(
      FITTED_DAYS.map((day) => readLabelledDay(day)),
      backgroundFrequencies(),
      false,
    );
    expect(writeStoryModel(model)).toBe(readFileSync(modelPath(), 'utf8'));
  }, 600_000);
});
