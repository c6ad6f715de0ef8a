/**
 * Fits of the topic model that ask whether it is short of capacity or misled by its outlets,
 * compared by `topic-variants.ts --vectors`: a fixed random hidden layer over the mean word vector,
 * the words whose leaning differs from outlet to outlet left out, and a vote of the nearest training
 * items beside the linear fit.
 */

import { fitTopics, logitsOf, type FitOptions, type TrainingItem } from '../../src/training/fit-topics.js';

type Model = (
  train: readonly TrainingItem[],
  test: readonly TrainingItem[],
  classes: number,
) => Float64Array[];

/** Deterministic standard normal numbers (LCG and Box–Muller): the same layer on every run. */
function normals(seed: number): () => number {
  let state = seed;
  const uniform = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return (state + 1) / 2147483649;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/**
 * The mean word vector followed by `units` ReLUs of fixed random projections of it: a nonlinear
 * reading of the vector that stays a convex fit.
 */
export function randomRelu(units: number, fit: FitOptions): Model {
  const widen = (dense: Float32Array | null | undefined, layer: Float32Array[]): Float32Array | null => {
    if (dense === null || dense === undefined) return null;
    const out = new Float32Array(dense.length + units);
    out.set(dense);
    layer.forEach((row, u) => {
      let sum = 0;
      for (let d = 0; d < dense.length; d++) sum += (row[d] ?? 0) * (dense[d] ?? 0);
      out[dense.length + u] = Math.max(0, sum) / Math.sqrt(units);
    });
    return out;
  };
  return (train, test, classes) => {
    const dimensions = train.find((t) => t.dense)?.dense?.length ?? 0;
    const normal = normals(12345);
    const layer = Array.from({ length: units }, () => Float32Array.from({ length: dimensions }, normal));
    const model = fitTopics(
      train.map((t) => ({ ...t, dense: widen(t.dense, layer) })),
      classes,
      fit,
    );
    return test.map((t) => logitsOf(model, t.counts, widen(t.dense, layer)));
  };
}

/**
 * Features whose likeliest class (by lift over each outlet's own mix of classes) agrees across
 * fewer than `agreement` of the outlets holding them in `minItems` items or more (at least three
 * such outlets), found on the training items: a word that leans to world in one newsroom and to
 * business in another tells its newsroom, not the topic.
 */
export function outletStableWords(minItems: number, agreement: number, fit: FitOptions): Model {
  return (train, test, classes) => {
    const mix = new Map<string, number[]>();
    const byFeature = new Map<string, Map<string, number[]>>();
    for (const item of train) {
      const own = mix.get(item.source) ?? new Array<number>(classes).fill(0);
      own[item.label] = (own[item.label] ?? 0) + 1;
      mix.set(item.source, own);
      for (const feature of item.counts.keys()) {
        const outlets = byFeature.get(feature) ?? new Map<string, number[]>();
        const counts = outlets.get(item.source) ?? new Array<number>(classes).fill(0);
        counts[item.label] = (counts[item.label] ?? 0) + 1;
        outlets.set(item.source, counts);
        byFeature.set(feature, outlets);
      }
    }
    const unstable = new Set<string>();
    for (const [feature, outlets] of byFeature) {
      const leanings: number[] = [];
      for (const [source, counts] of outlets) {
        const n = counts.reduce((a, b) => a + b, 0);
        if (n < minItems) continue;
        const own = mix.get(source) ?? [];
        const total = own.reduce((a, b) => a + b, 0);
        let best = -1;
        let bestLift = -Infinity;
        for (let c = 0; c < classes; c++) {
          if (!((own[c] ?? 0) > 0)) continue;
          const lift = ((counts[c] ?? 0) + 0.5) / (n + 0.5 * classes) / ((own[c] ?? 0) / total);
          if (lift > bestLift) [best, bestLift] = [c, lift];
        }
        leanings.push(best);
      }
      if (leanings.length < 3) continue;
      const votes = new Map<number, number>();
      for (const c of leanings) votes.set(c, (votes.get(c) ?? 0) + 1);
      if (Math.max(...votes.values()) / leanings.length < agreement) unstable.add(feature);
    }
    const keep = (item: TrainingItem): ReadonlyMap<string, number> =>
      new Map([...item.counts].filter(([feature]) => !unstable.has(feature)));
    const model = fitTopics(
      train.map((t) => ({ ...t, counts: keep(t) })),
      classes,
      fit,
    );
    return test.map((t) => logitsOf(model, keep(t), t.dense));
  };
}

/**
 * The linear fit's logits plus `weight` times the log of a vote among the `k` training items whose
 * mean word vectors are nearest (cosine), each class's votes scaled by its share of the training
 * items as the fit balances its classes: a local reading beside the global one.
 */
export function nearestVote(k: number, weight: number, fit: FitOptions): Model {
  const unit = (dense: Float32Array | null | undefined): Float32Array | null => {
    if (dense === null || dense === undefined) return null;
    let norm = 0;
    for (const v of dense) norm += v * v;
    if (norm === 0) return null;
    const scale = 1 / Math.sqrt(norm);
    return dense.map((v) => v * scale);
  };
  return (train, test, classes) => {
    const model = fitTopics(train, classes, fit);
    const rows = train.map((t) => unit(t.dense));
    const share = new Array<number>(classes).fill(0);
    for (const t of train) share[t.label] = (share[t.label] ?? 0) + 1 / train.length;
    return test.map((t) => {
      const logits = logitsOf(model, t.counts, t.dense);
      const query = unit(t.dense);
      if (query === null) return logits;
      const best: { sim: number; label: number }[] = [];
      rows.forEach((row, i) => {
        if (row === null) return;
        let sim = 0;
        for (let d = 0; d < row.length; d++) sim += (row[d] ?? 0) * (query[d] ?? 0);
        if (best.length === k && sim <= (best[k - 1]?.sim ?? -1)) return;
        best.push({ sim, label: train[i]?.label ?? 0 });
        best.sort((a, b) => b.sim - a.sim);
        if (best.length > k) best.pop();
      });
      const votes = new Array<number>(classes).fill(0.5 / classes);
      for (const { sim, label } of best)
        votes[label] = (votes[label] ?? 0) + Math.max(0, sim) / Math.max(share[label] ?? 0, 1 / train.length);
      const total = votes.reduce((a, b) => a + b, 0);
      return logits.map((l, c) => l + weight * Math.log((votes[c] ?? 0) / total));
    });
  };
}
