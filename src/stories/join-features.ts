/**
 * Whether two items tell the same event: how their words, headlines and names overlap (each word
 * weighed by its rarity in news at large and by how much today's window over-uses it), how far
 * apart they were published, and whether one outlet published both. The weights are learned
 * (`npm run train:stories`); this file only measures. An item's fit with a story is the mean over
 * a few of the story's members, so the cost never grows with the story.
 */

import type { ItemRecord } from './story-state.js';
import { sparseDot } from './story-state.js';

/** The features of one pair of items, in the model's order: measures, then their products. */
export const FEATURE_NAMES = [
  'full',
  'title',
  'burst',
  'maxBurst',
  'shared',
  'names',
  'nameBurst',
  'hours',
  'sameOutlet',
  'short',
  'titleSameOutlet',
  'fullOtherOutlet',
  'burstTitle',
  'burstShared',
  'titleSquared',
  'fullSquared',
  'namesBurst',
  'hoursTitle',
] as const;

/** A feature's name. */
export type FeatureName = (typeof FEATURE_NAMES)[number];
/** The features of one pair. */
export type JoinFeatures = Record<FeatureName, number>;

/** What measuring a pair needs from the engine. */
export interface PairContext {
  idfOf(term: number): number;
  /**
   * How far a term's count among the window's items exceeds what its background frequency
   * predicts (natural log of the ratio, at least 0): a word many items use today and rarely
   * otherwise names today's event.
   */
  burst(term: number): number;
}

const HOUR = 3_600_000;
/** Summed rarity of shared words that makes an overlap specific. */
const FULL_INFORMATION = 40;
/** Words a short item has. */
const SHORT_WORDS = 20;
const MAX_BURST = 3;

function burstCosine(a: ItemRecord, b: ItemRecord, context: PairContext): number {
  const scale = (term: number): number => (1 + context.burst(term)) ** 2;
  const dot = sparseDot(a.vector.full, b.vector.full, scale);
  const norm = (record: ItemRecord): number => {
    let sum = 0;
    const { ids, weights } = record.vector.full;
    for (let i = 0; i < ids.length; i++) sum += (weights[i] ?? 0) ** 2 * scale(ids[i] ?? 0);
    return Math.sqrt(sum);
  };
  const denominator = norm(a) * norm(b);
  return denominator === 0 ? 0 : dot / denominator;
}

/** Shared terms' summed rarity and their largest burst. */
function sharedTerms(a: ItemRecord, b: ItemRecord, context: PairContext): { idf: number; burst: number } {
  let idf = 0;
  let burst = 0;
  const x = a.vector.full.ids;
  const y = b.vector.full.ids;
  for (let i = 0, j = 0; i < x.length && j < y.length;) {
    const s = x[i] ?? 0;
    const t = y[j] ?? 0;
    if (s === t) {
      idf += context.idfOf(s);
      burst = Math.max(burst, context.burst(s));
      i++;
      j++;
    } else if (s < t) i++;
    else j++;
  }
  return { idf, burst };
}

/** Shared name words and the largest burst among them. */
function sharedNames(a: ItemRecord, b: ItemRecord, context: PairContext): { count: number; burst: number } {
  let count = 0;
  let burst = 0;
  const x = a.vector.names;
  const y = b.vector.names;
  const terms = a.vector.nameTerms;
  for (let i = 0, j = 0; i < x.length && j < y.length;) {
    const s = x[i] ?? 0;
    const t = y[j] ?? 0;
    if (s === t) {
      count++;
      const term = terms[i] ?? -1;
      if (term >= 0) burst = Math.max(burst, context.burst(term));
      i++;
      j++;
    } else if (s < t) i++;
    else j++;
  }
  return { count, burst };
}

/** The features of two items. */
export function pairFeatures(a: ItemRecord, b: ItemRecord, context: PairContext): JoinFeatures {
  const full = sparseDot(a.vector.full, b.vector.full);
  const title = sparseDot(a.vector.title, b.vector.title);
  const shared = sharedTerms(a, b, context);
  const names = sharedNames(a, b, context);
  const sameOutlet = a.outlet === b.outlet ? 1 : 0;
  const maxBurst = Math.min(MAX_BURST, shared.burst);
  const sharedInformation = Math.min(2, shared.idf / FULL_INFORMATION);
  const nameBurst = Math.min(MAX_BURST, names.burst);
  const hours = Math.log1p(Math.abs(a.time - b.time) / HOUR);
  return {
    full,
    title,
    burst: burstCosine(a, b, context),
    maxBurst,
    shared: sharedInformation,
    names: Math.min(5, names.count),
    nameBurst,
    hours,
    sameOutlet,
    short: Math.min(a.vector.full.ids.length, b.vector.full.ids.length) / SHORT_WORDS,
    titleSameOutlet: title * sameOutlet,
    fullOtherOutlet: full * (1 - sameOutlet),
    burstTitle: maxBurst * title,
    burstShared: maxBurst * sharedInformation,
    titleSquared: title * title,
    fullSquared: full * full,
    namesBurst: Math.min(5, names.count) * nameBurst,
    hoursTitle: hours * title,
  };
}

/** Probability under a logistic model. */
export function joinProbability(
  features: JoinFeatures,
  weights: Readonly<Record<FeatureName, number>>,
  bias: number,
): number {
  let z = bias;
  for (const name of FEATURE_NAMES) z += weights[name] * features[name];
  return 1 / (1 + Math.exp(-z));
}
