/**
 * The rule and fit that `npm run train:topics` and `bench/topics.ts` take from the command line, so
 * that a variant is measured exactly as it would be trained.
 */

import { HAND_RULE, HOLD_OUT_RULE, RULE_OPTIONS, type RuleOptions } from './build-model.js';
import { FIT_OPTIONS, type FitOptions } from './fit-topics.js';

/** The rule and the fit options. */
export interface TrainingChoice {
  readonly rule: RuleOptions;
  readonly fit: FitOptions;
}

/**
 * `--hold-out` starts from HOLD_OUT_RULE, `--hand` from HAND_RULE; `--by-fold`, `--false-removal=R`, `--vectors=W` and
 * `--folds=N` change one setting each. A value that is not a number is refused.
 */
export function trainingChoice(argv: readonly string[]): TrainingChoice {
  const option = (name: string): number | null => {
    const arg = argv.find((a) => a.startsWith(`--${name}=`));
    if (arg === undefined) return null;
    const value = Number(arg.slice(name.length + 3));
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} takes a number ≥ 0`);
    return value;
  };
  const chosen = argv.includes('--hold-out')
    ? HOLD_OUT_RULE
    : argv.includes('--hand')
      ? HAND_RULE
      : RULE_OPTIONS;
  const folds = option('folds');
  return {
    rule: {
      ...chosen,
      falseRemoval: option('false-removal') ?? chosen.falseRemoval,
      thresholdsBy: argv.includes('--by-fold') ? 'fold' : chosen.thresholdsBy,
      folds: folds === null ? chosen.folds : Math.max(2, Math.round(folds)),
    },
    fit: { ...FIT_OPTIONS, denseWeight: option('vectors') ?? FIT_OPTIONS.denseWeight ?? 0 },
  };
}
