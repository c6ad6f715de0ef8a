/**
 * Whether two items tell the same event: how their words, headlines and names overlap (each word
 * weighed by its rarity in news at large and by how much today's window over-uses it), how far
 * apart they were published, and whether one outlet published both. The weights are learned
 * (`npm run train:stories`); this file only measures, in one pass over each pair of sorted runs.
 */

import { nameTerm } from './item-vector.js';
import { HOUR_SECONDS, titleDot, type ItemRecord } from './story-state.js';

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
  'meaning',
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
  /** Cosine of what two items mean (meaning.ts); 0 when either says too little of it. */
  meaningCosine(a: ItemRecord, b: ItemRecord): number;
}

/** Summed rarity of shared words that makes an overlap specific. */
const FULL_INFORMATION = 40;
/** Words a short item has. */
const SHORT_WORDS = 20;
const MAX_BURST = 3;
const MAX_NAMES = 5;

/** Dot product, shared rarity, largest burst and burst-weighted dot of the headline-and-lead runs. */
function fullOverlap(
  a: ItemRecord,
  b: ItemRecord,
  context: PairContext,
): { dot: number; idf: number; burst: number; burstDot: number } {
  let dot = 0;
  let idf = 0;
  let burst = 0;
  let burstDot = 0;
  const x = a.vector;
  const y = b.vector;
  const { ids, weights } = x.pool;
  const other = y.pool;
  for (let i = 0, j = 0; i < x.fullLength && j < y.fullLength;) {
    const s = ids[x.offset + i] ?? 0;
    const t = other.ids[y.offset + j] ?? 0;
    if (s === t) {
      const product = (weights[x.offset + i] ?? 0) * (other.weights[y.offset + j] ?? 0);
      const over = context.burst(s);
      dot += product;
      burstDot += product * (1 + over) * (1 + over);
      idf += context.idfOf(s);
      if (over > burst) burst = over;
      i++;
      j++;
    } else if (s < t) i++;
    else j++;
  }
  return { dot, idf, burst, burstDot };
}

/** Shared name words and the largest burst among them. */
function nameOverlap(a: ItemRecord, b: ItemRecord, context: PairContext): { count: number; burst: number } {
  let count = 0;
  let burst = 0;
  const x = a.vector;
  const y = b.vector;
  const ids = x.pool.ids;
  const other = y.pool.ids;
  const xFrom = x.offset + x.fullLength + x.titleLength;
  const yFrom = y.offset + y.fullLength + y.titleLength;
  for (let i = 0, j = 0; i < x.nameLength && j < y.nameLength;) {
    const s = ids[xFrom + i] ?? 0;
    const t = other[yFrom + j] ?? 0;
    if (s === t) {
      count++;
      const term = nameTerm(x, i);
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
  const overlap = fullOverlap(a, b, context);
  const title = titleDot(a.vector, b.vector);
  const names = nameOverlap(a, b, context);
  const sameOutlet = a.outlet === b.outlet ? 1 : 0;
  const maxBurst = Math.min(MAX_BURST, overlap.burst);
  const shared = Math.min(2, overlap.idf / FULL_INFORMATION);
  const nameCount = Math.min(MAX_NAMES, names.count);
  const nameBurst = Math.min(MAX_BURST, names.burst);
  const hours = Math.log1p(Math.abs(a.published - b.published) / HOUR_SECONDS);
  const full = overlap.dot;
  return {
    full,
    title,
    burst: Math.min(4, overlap.burstDot),
    maxBurst,
    shared,
    names: nameCount,
    nameBurst,
    hours,
    sameOutlet,
    short: Math.min(a.vector.fullLength, b.vector.fullLength) / SHORT_WORDS,
    titleSameOutlet: title * sameOutlet,
    fullOtherOutlet: full * (1 - sameOutlet),
    burstTitle: maxBurst * title,
    burstShared: maxBurst * shared,
    titleSquared: title * title,
    fullSquared: full * full,
    namesBurst: nameCount * nameBurst,
    hoursTitle: hours * title,
    meaning: context.meaningCosine(a, b),
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
