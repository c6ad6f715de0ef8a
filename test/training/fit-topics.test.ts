import { describe, expect, it } from 'vitest';
import { minimize } from '../../src/training/lbfgs.js';
import {
  chooseThresholds,
  fitTemperature,
  fitTopics,
  logitsOf,
  probabilitiesOf,
} from '../../src/training/fit-topics.js';
import { labelIssues, outletFolds } from '../../src/training/build-model.js';
import { buildVocabulary } from '../../src/training/vocabulary.js';
import { FOUR_CLASSES, muteRates } from '../../src/training/mute-rates.js';

const counts = (...words: string[]): Map<string, number> => new Map(words.map((w) => [w, 1]));

describe('fitting', () => {
  it('minimises a convex quadratic', () => {
    const { x } = minimize((v, g) => {
      g[0] = 2 * ((v[0] ?? 0) - 3);
      g[1] = 8 * ((v[1] ?? 0) + 1);
      return ((v[0] ?? 0) - 3) ** 2 + 4 * ((v[1] ?? 0) + 1) ** 2;
    }, new Float64Array(2));
    expect(x[0]).toBeCloseTo(3, 4);
    expect(x[1]).toBeCloseTo(-1, 4);
  });

  it('learns which words go with which class, from several outlets', () => {
    const items = ['a', 'b', 'c'].flatMap((source) => [
      { counts: counts('goal', 'match'), source, label: 0 },
      { counts: counts('goal', 'coach'), source, label: 0 },
      { counts: counts('shares', 'profit'), source, label: 1 },
      { counts: counts('shares', 'bank'), source, label: 1 },
    ]);
    items.push({ counts: counts('goal', 'referee'), source: 'a', label: 0 });
    const model = fitTopics(items, 2, {
      l2: 1e-3,
      maxIterations: 100,
      minItems: 2,
      minSources: 2,
      sourcePower: 0.5,
    });
    const sport = probabilitiesOf(logitsOf(model, counts('goal')), 1);
    const business = probabilitiesOf(logitsOf(model, counts('profit', 'shares')), 1);
    expect(sport[0]).toBeGreaterThan(0.8);
    expect(business[1]).toBeGreaterThan(0.8);
    // Seen in one item: below minItems, so not in the vocabulary.
    expect(model.vocabulary.index.has('referee')).toBe(false);
    expect(model.vocabulary.index.has('match')).toBe(true);
  });

  it('lets an item that weighs more pull a shared word toward its label', () => {
    // "market" is filed under both classes equally often; only the items' weights differ.
    const fit = (weight: number): number => {
      const items = ['a', 'b', 'c'].flatMap((source) => [
        { counts: counts('goal', 'market'), source, label: 0 },
        { counts: counts('goal', 'match'), source, label: 0 },
        { counts: counts('shares', 'market'), source, label: 1, weight },
        { counts: counts('shares', 'bank'), source, label: 1 },
      ]);
      const options = { l2: 1e-3, maxIterations: 100, minItems: 2, minSources: 2, sourcePower: 0.5 };
      return probabilitiesOf(logitsOf(fitTopics(items, 2, options), counts('market')), 1)[1] ?? 0;
    };
    expect(fit(1)).toBeCloseTo(0.5, 1);
    expect(fit(4)).toBeGreaterThan(fit(1) + 0.05);
  });

  it('reads a mean word vector beside the words: a word never trained on is placed by its meaning', () => {
    // Two dimensions: sport-like words lean on the first, money-like ones on the second.
    const vectors = new Map<string, number[]>([
      ['goal', [1, 0.1]],
      ['coach', [0.9, 0]],
      ['striker', [1, 0.2]],
      ['shares', [0.1, 1]],
      ['bank', [0, 0.9]],
      ['lender', [0.2, 1]],
    ]);
    const mean = (...words: string[]): Float32Array => {
      const sum = new Float32Array(2);
      for (const w of words) (vectors.get(w) ?? []).forEach((v, d) => (sum[d] = (sum[d] ?? 0) + v));
      return sum;
    };
    const items = ['a', 'b'].flatMap((source) => [
      { counts: counts('goal'), dense: mean('goal'), source, label: 0 },
      { counts: counts('coach'), dense: mean('coach'), source, label: 0 },
      { counts: counts('shares'), dense: mean('shares'), source, label: 1 },
      { counts: counts('bank'), dense: mean('bank'), source, label: 1 },
    ]);
    const options = { l2: 1e-3, maxIterations: 100, minItems: 2, minSources: 2, sourcePower: 0.5 };
    const words = fitTopics(items, 2, options);
    const both = fitTopics(items, 2, { ...options, denseWeight: 1 });
    expect(both.dimensions).toBe(2);
    const unseen = counts('striker');
    expect(probabilitiesOf(logitsOf(words, unseen, mean('striker')), 1)[0]).toBeCloseTo(0.5, 1);
    expect(probabilitiesOf(logitsOf(both, unseen, mean('striker')), 1)[0]).toBeGreaterThan(0.7);
    expect(probabilitiesOf(logitsOf(both, counts('lender'), mean('lender')), 1)[1]).toBeGreaterThan(0.7);
  });

  it('leaves out a word one outlet uses far more than the others, when asked to', () => {
    // "promo" is in every item of outlet a and in one of outlet b's; "goal" is spread evenly.
    const items = [
      ...Array.from({ length: 4 }, () => ({ counts: counts('promo', 'goal'), source: 'a' })),
      { counts: counts('promo', 'goal'), source: 'b' },
      ...Array.from({ length: 3 }, () => ({ counts: counts('goal'), source: 'b' })),
    ];
    const all = buildVocabulary(items, { minItems: 2, minSources: 2 });
    const spread = buildVocabulary(items, { minItems: 2, minSources: 2, maxOutletShare: 0.7 });
    expect(all.features).toEqual(['goal', 'promo']);
    expect(spread.features).toEqual(['goal']);
  });

  it('picks the lowest threshold that removes at most the allowed share of other classes', () => {
    const p = [
      [0.9, 0.1],
      [0.6, 0.4],
      [0.3, 0.7],
      [0.2, 0.8],
      [0.1, 0.9],
      [0.05, 0.95],
    ];
    const labels = [0, 0, 1, 1, 1, 1];
    // 25% of the four class-1 items may go: one of them (0.3) may pass, the next (0.2) may not.
    expect(chooseThresholds(p, labels, 2, 0.25, 0.1)[0]).toBeCloseTo(0.201, 3);
    expect(chooseThresholds(p, labels, 2, 0, 0.1)[0]).toBeCloseTo(0.301, 3);
  });

  it('finds a temperature that sharpens under-confident logits', () => {
    const logits = Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? [0.5, -0.5] : [-0.5, 0.5]));
    const labels = logits.map((_, i) => i % 2);
    expect(fitTemperature(logits, labels)).toBeLessThan(1);
  });
});

describe('labels and folds', () => {
  it('flags an item whose held-out prediction confidently names another class', () => {
    const logits = [
      [4, 0],
      [4, 0],
      [0, 4],
      [0, 4],
      [4, 0],
    ];
    expect([...labelIssues(logits, [0, 0, 1, 1, 1], 2)]).toEqual([4]);
  });

  it('deals outlets into folds of similar size, the same way every time', () => {
    const items = 'aaaaabbbbcccdde'.split('').map((source) => ({ source }));
    expect(outletFolds(items, 2)).toEqual([
      ['a', 'd', 'e'],
      ['b', 'c'],
    ]);
  });

  it('counts leaks and wrong removals per class of the outside check', () => {
    const rates = muteRates(
      [['sport'], [], ['science'], ['world']],
      ['sport', 'sport', 'technology', 'business'],
      FOUR_CLASSES,
    );
    const byName = Object.fromEntries(rates.map((r) => [r.name, r]));
    expect(byName.sport?.leaks).toBe(0.5);
    expect(byName['sci/tech']?.leaks).toBe(0);
    expect(byName.world?.wronglyRemoved).toBeCloseTo(1 / 4);
  });
});
