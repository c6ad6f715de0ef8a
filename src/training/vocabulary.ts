/** The model's vocabulary: features seen often enough, and in enough outlets, to generalise. */

/** One item's features and where it came from. */
export interface FeaturedItem {
  readonly counts: ReadonlyMap<string, number>;
  readonly source: string;
}

/** A vocabulary with each feature's inverse document frequency. */
export interface Vocabulary {
  readonly features: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  readonly idf: Float64Array;
}

/** Cut-offs of the vocabulary. */
export interface VocabularyOptions {
  /** Items a feature must occur in. */
  readonly minItems: number;
  /** Outlets a feature must occur in: a word only one newsroom uses is its house style, not the topic's. */
  readonly minSources: number;
  /**
   * Largest share of a feature's outlet-normalised frequency that one outlet may hold (1: no
   * limit). A word one newsroom uses far more than the others ("Stuff", a column's name, a promo
   * line) is its furniture, and it names whatever that newsroom files most.
   */
  readonly maxOutletShare?: number;
}

/** Features of the items that pass the cut-offs, in a stable (sorted) order, with smoothed idf. */
export function buildVocabulary(items: readonly FeaturedItem[], options: VocabularyOptions): Vocabulary {
  const df = new Map<string, number>();
  const sources = new Map<string, Map<string, number>>();
  const outletSizes = new Map<string, number>();
  for (const item of items) {
    outletSizes.set(item.source, (outletSizes.get(item.source) ?? 0) + 1);
    for (const feature of item.counts.keys()) {
      df.set(feature, (df.get(feature) ?? 0) + 1);
      let seen = sources.get(feature);
      if (seen === undefined) {
        seen = new Map();
        sources.set(feature, seen);
      }
      seen.set(item.source, (seen.get(item.source) ?? 0) + 1);
    }
  }
  const maxShare = options.maxOutletShare ?? 1;
  const spread = (feature: string): boolean => {
    if (maxShare >= 1) return true;
    let sum = 0;
    let max = 0;
    for (const [source, n] of sources.get(feature) ?? []) {
      const rate = n / (outletSizes.get(source) ?? 1);
      sum += rate;
      max = Math.max(max, rate);
    }
    return max <= maxShare * sum;
  };
  const features = [...df]
    .filter(
      ([f, n]) => n >= options.minItems && (sources.get(f)?.size ?? 0) >= options.minSources && spread(f),
    )
    .map(([f]) => f)
    .sort();
  const idf = Float64Array.from(features, (f) => Math.log((items.length + 1) / ((df.get(f) ?? 0) + 1)) + 1);
  return { features, index: new Map(features.map((f, i) => [f, i])), idf };
}
