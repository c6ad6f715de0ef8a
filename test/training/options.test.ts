import { describe, expect, it } from 'vitest';
import { HAND_RULE, HOLD_OUT_RULE, RULE_OPTIONS } from '../../src/training/build-model.js';
import { FIT_OPTIONS } from '../../src/training/fit-topics.js';
import { trainingChoice } from '../../src/training/options.js';

describe('the rule and fit taken from the command line', () => {
  it('is the committed rule and fit without flags', () => {
    expect(trainingChoice([])).toEqual({ rule: RULE_OPTIONS, fit: FIT_OPTIONS });
  });

  it('changes one setting per flag, starting from the hold-out rule when asked', () => {
    const { rule, fit } = trainingChoice([
      '--hold-out',
      '--by-fold',
      '--false-removal=0.03',
      '--vectors=0',
      '--folds=3',
    ]);
    expect(rule).toEqual({ ...HOLD_OUT_RULE, falseRemoval: 0.03, thresholdsBy: 'fold', folds: 3 });
    expect(fit.denseWeight).toBe(0);
  });

  it('starts from the rule held to hand labels with --hand', () => {
    expect(trainingChoice(['--hand']).rule).toEqual(HAND_RULE);
    expect(HAND_RULE.handLimit).not.toBeNull();
    expect(RULE_OPTIONS.handLimit).toBeNull();
  });

  it('refuses a value that is not a number and keeps at least two folds', () => {
    expect(() => trainingChoice(['--false-removal=lots'])).toThrow(/--false-removal/u);
    expect(trainingChoice(['--folds=1']).rule.folds).toBe(2);
  });
});
