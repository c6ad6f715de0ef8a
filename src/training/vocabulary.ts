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
}

/** Features of the items that pass the cut-offs, in a stable (sorted) order, with smoothed idf. */
export function buildVocabulary(items: readonly FeaturedItem[], options: VocabularyOptions): Vocabulary {
  const df = new Map<string, number>();
  const sources = new Map<string, Set<string>>();
  for (const item of items) {
    for (const feature of item.counts.keys()) {
      df.set(feature, (df.get(feature) ?? 0) + 1);
      let seen = sources.get(feature);
      if (seen === undefined) {
        seen = new Set();
        sources.set(feature, seen);
      }
      seen.add(item.source);
    }
  }
  const features = [...df]
    .filter(([f, n]) => n >= options.minItems && (sources.get(f)?.size ?? 0) >= options.minSources)
    .map(([f]) => f)
    .sort();
  const idf = Float64Array.from(features, (f) => Math.log((items.length + 1) / ((df.get(f) ?? 0) + 1)) + 1);
  return { features, index: new Map(features.map((f, i) => [f, i])), idf };
}
