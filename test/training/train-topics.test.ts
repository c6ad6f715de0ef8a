import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTopicModel } from '../../src/condense/topic-model.js';
import {
  buildTopicModel,
  HOLD_OUT_RULE,
  prepareItems,
  RULE_OPTIONS,
} from '../../src/training/build-model.js';
import { readLabelledItems } from '../../src/training/corpus.js';
import { FIT_OPTIONS } from '../../src/training/fit-topics.js';
import { CORPUS_DIR, corpusAvailable } from '../condense/corpus.js';

const available = corpusAvailable('topic model training');
const LABELS = ['world', 'politics', 'business', 'technology', 'science', 'health', 'sport', 'culture'];

describe.skipIf(!available)('training the topic model on the corpus', () => {
  // A slice of the corpus (the first 150 items of each label by id) keeps the tests short.
  const slice = (): ReturnType<typeof readLabelledItems> => {
    const all = readLabelledItems(path.join(CORPUS_DIR, 'topics', 'topics-train.jsonl.gz'));
    return LABELS.flatMap((label) =>
      all
        .filter((i) => i.label === label)
        .sort((a, b) => a.id.localeCompare(b.id))
        .slice(0, 150),
    );
  };

  it('builds a model that loads and beats chance on outlets it did not see', () => {
    const built = buildTopicModel(
      prepareItems(slice(), LABELS),
      LABELS,
      { ...FIT_OPTIONS, maxIterations: 60 },
      { ...RULE_OPTIONS, folds: 3 },
    );
    const model = parseTopicModel(JSON.parse(JSON.stringify(built.data)));
    expect(model.ok).toBe(true);
    expect(built.data.features.length).toBeGreaterThan(500);
    expect(built.heldOutAccuracy).toBeGreaterThan(0.35);
    for (const label of LABELS) {
      expect(built.data.main[label]).toBeGreaterThanOrEqual(RULE_OPTIONS.mainFloor);
      expect(built.data.main[label]).toBeLessThanOrEqual(1);
    }
    for (const rate of built.heldOutByTopic)
      expect(rate.wronglyRemoved).toBeLessThanOrEqual(RULE_OPTIONS.falseRemoval + 1e-9);
  }, 240_000);

  it('can leave doubtful labels out of the fit and still choose thresholds on every item', () => {
    const items = prepareItems(slice(), LABELS);
    const built = buildTopicModel(
      items,
      LABELS,
      { ...FIT_OPTIONS, maxIterations: 60 },
      { ...HOLD_OUT_RULE, dropLabelIssues: true, folds: 3 },
    );
    expect(built.data.trainedOn.labelIssuesLeftOut).toBeGreaterThan(0);
    for (const rate of built.heldOutByTopic) {
      expect(rate.items + rate.others).toBe(items.length);
      expect(rate.wronglyRemoved).toBeLessThanOrEqual(HOLD_OUT_RULE.falseRemoval + 1e-9);
    }
  }, 240_000);
});
