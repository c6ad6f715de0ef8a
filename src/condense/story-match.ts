/**
 * Same-story matching: an item joins the story of a recent item from another outlet when both tell
 * the same news. Conservative on purpose: two stories wrongly merged hide news, a missed merge only
 * repeats it.
 */

import type { Item } from '../core/types.js';
import { stripDateline } from './boilerplate.js';
import { extractEntities } from './entities.js';
import { cutAtWord } from './summarize.js';
import { sharedEntities, vectorOf, type StoryFeatures, type StoryVector } from './story-vectors.js';

export { canonicalUrl, type StoryFeatures } from './story-vectors.js';

/** Tuning of the matcher. */
export interface MatchOptions {
  /** Items further apart in publication time never match; 48 hours by default. */
  readonly windowMs?: number;
  /** Cosine of weighted headline and lead terms at or above which two items match outright. */
  readonly threshold?: number;
  /** How much each shared entity lowers the cosine needed, for up to two entities. */
  readonly entityCredit?: number;
  /** Cosine needed when both items name several entities and most of them differ. */
  readonly strictThreshold?: number;
}

const DEFAULTS: Required<MatchOptions> = {
  windowMs: 48 * 60 * 60 * 1000,
  threshold: 0.5,
  entityCredit: 0.1,
  strictThreshold: 0.7,
};
const MAX_ENTITY_CREDITS = 2;
const MIN_ENTITY_AGREEMENT = 0.5;

const LEAD_CHARS = 400;

/** What `featuresOf` reads of an item. */
export type FeatureSource = Pick<
  Item,
  'id' | 'storyId' | 'feedId' | 'url' | 'title' | 'text' | 'publishedAt' | 'condensed'
>;

/** The matcher's view of an item: its summary (or opening) as lead, its condensed entities when known. */
export function featuresOf(item: FeatureSource): StoryFeatures {
  const summary = item.condensed?.summary ?? '';
  const lead = summary !== '' ? summary : cutAtWord(item.text.trim(), LEAD_CHARS);
  return {
    itemId: item.id,
    storyId: item.storyId,
    feedId: item.feedId,
    url: item.url,
    title: item.title ?? '',
    lead,
    publishedAt: item.publishedAt,
    entities:
      item.condensed?.entities ?? extractEntities(item.title, stripDateline(item.text.slice(0, 20_000))),
  };
}

/** An incremental index of recent items; `match` answers in time proportional to the postings it touches. */
export interface StoryIndex {
  /** Adds an item; items are never removed, so build a new index for a new window. */
  add(features: StoryFeatures): void;
  /** The story id of the best matching indexed item, or null. */
  match(candidate: StoryFeatures): number | null;
  readonly size: number;
}

/** Documents holding a term, with the term's frequency in each. */
interface Posting {
  readonly ids: number[];
  readonly tfs: number[];
}

interface Doc {
  readonly features: StoryFeatures;
  readonly vector: StoryVector;
  norm: number;
  normAt: number;
}

/** An empty index. */
export function createStoryIndex(options: MatchOptions = {}): StoryIndex {
  const opts = { ...DEFAULTS, ...options };
  const docs: Doc[] = [];
  const postings = new Map<string, Posting>();
  const byUrl = new Map<string, number[]>();
  // Dot products accumulate in a flat array indexed by document, reset through the touched list:
  // a query touches thousands of postings, and a Map per query costs more than the arithmetic.
  let dotsByDoc = new Float64Array(1024);

  const idf = (term: string): number =>
    Math.log((docs.length + 1) / ((postings.get(term)?.ids.length ?? 0) + 1)) + 1;
  const normOf = (terms: ReadonlyMap<string, number>): number => {
    let sum = 0;
    for (const [term, tf] of terms) sum += (tf * idf(term)) ** 2;
    return Math.sqrt(sum);
  };
  // Weights drift as the index grows; a norm is refreshed once the index is 5% larger than when computed.
  const docNorm = (doc: Doc): number => {
    if (doc.normAt * 1.05 < docs.length) {
      doc.norm = normOf(doc.vector.terms);
      doc.normAt = docs.length;
    }
    return doc.norm;
  };
  const eligible = (candidate: StoryFeatures, other: StoryFeatures): boolean =>
    other.storyId !== null &&
    other.itemId !== candidate.itemId &&
    other.feedId !== candidate.feedId &&
    Math.abs(other.publishedAt - candidate.publishedAt) <= opts.windowMs;

  return {
    get size() {
      return docs.length;
    },
    add(features) {
      const vector = vectorOf(features);
      const id = docs.length;
      docs.push({ features, vector, norm: 0, normAt: 0 });
      for (const [term, tf] of vector.terms) {
        const posting = postings.get(term);
        if (posting === undefined) postings.set(term, { ids: [id], tfs: [tf] });
        else {
          posting.ids.push(id);
          posting.tfs.push(tf);
        }
      }
      if (docs.length > dotsByDoc.length) {
        const grown = new Float64Array(dotsByDoc.length * 2);
        grown.set(dotsByDoc);
        dotsByDoc = grown;
      }
      if (vector.url !== null) appendTo(byUrl, vector.url, id);
    },
    match(candidate) {
      const vector = vectorOf(candidate);
      if (vector.url !== null) {
        for (const id of byUrl.get(vector.url) ?? []) {
          const other = docs[id]?.features;
          if (other !== undefined && other.storyId !== null && other.itemId !== candidate.itemId)
            return other.storyId;
        }
      }
      const touched: number[] = [];
      for (const [term, tf] of vector.terms) {
        const posting = postings.get(term);
        if (posting === undefined) continue;
        const weight = tf * idf(term) ** 2;
        const { ids, tfs } = posting;
        for (let k = 0; k < ids.length; k++) {
          const id = ids[k] ?? 0;
          if (dotsByDoc[id] === 0) touched.push(id);
          dotsByDoc[id] = (dotsByDoc[id] ?? 0) + weight * (tfs[k] ?? 0);
        }
      }
      const candidateNorm = normOf(vector.terms);
      const lowestBar = Math.min(
        opts.strictThreshold,
        opts.threshold - opts.entityCredit * MAX_ENTITY_CREDITS,
      );
      let best: { doc: Doc; score: number } | null = null;
      for (const id of touched) {
        const dot = dotsByDoc[id] ?? 0;
        dotsByDoc[id] = 0;
        const doc = docs[id];
        if (doc === undefined || !eligible(candidate, doc.features)) continue;
        const norm = docNorm(doc) * candidateNorm;
        const cosine = norm === 0 ? 0 : dot / norm;
        // Below every threshold the rule can apply, entities cannot change the answer: skip them.
        if (cosine < lowestBar) continue;
        const shared = sharedEntities(vector, doc.vector);
        if (!isSameStory(cosine, shared, vector, doc.vector, opts)) continue;
        const score = cosine + 0.05 * Math.min(shared, 3);
        if (best === null || score > best.score || (score === best.score && isPreferred(doc, best.doc))) {
          best = { doc, score };
        }
      }
      return best?.doc.features.storyId ?? null;
    },
  };
}

/**
 * The decision rule: a high cosine, or a fair one backed by shared entities. Items that both name
 * several entities, most of them different, are different events told alike (two earthquakes, two
 * matches): only near-identical wording joins them.
 */
export function isSameStory(
  cosine: number,
  shared: number,
  a: StoryVector,
  b: StoryVector,
  opts: Required<MatchOptions>,
): boolean {
  const fewer = Math.min(a.entities.size, b.entities.size);
  if (fewer >= 2 && shared / fewer < MIN_ENTITY_AGREEMENT) return cosine >= opts.strictThreshold;
  return cosine >= opts.threshold - opts.entityCredit * Math.min(shared, MAX_ENTITY_CREDITS);
}

function appendTo(map: Map<string, number[]>, key: string, id: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [id]);
  else list.push(id);
}

function isPreferred(a: Doc, b: Doc): boolean {
  const pa = a.features.publishedAt;
  const pb = b.features.publishedAt;
  return pa !== pb ? pa > pb : a.features.itemId < b.features.itemId;
}

interface CachedIndex {
  readonly index: StoryIndex;
  readonly options: string;
  indexed: StoryFeatures[];
}

const indexes = new WeakMap<readonly StoryFeatures[], CachedIndex>();

/**
 * The story id the candidate belongs to among recent items, or null for a new story. Same canonical
 * URL is the same story; otherwise similar headline and lead, within the window, from another feed.
 * The index of `recent` is kept between calls while the array only grows by appending.
 */
export function matchStory(
  candidate: StoryFeatures,
  recent: readonly StoryFeatures[],
  options?: MatchOptions,
): number | null {
  // Options compare by value: a caller may pass a fresh object literal on every call.
  const optionsKey = JSON.stringify(options ?? {});
  let cached = indexes.get(recent);
  const reusable =
    cached?.options === optionsKey &&
    cached.indexed.length <= recent.length &&
    cached.indexed.every((f, i) => recent[i] === f);
  if (cached === undefined || !reusable) {
    cached = { index: createStoryIndex(options), options: optionsKey, indexed: [] };
    indexes.set(recent, cached);
  }
  for (const features of recent.slice(cached.indexed.length)) {
    cached.index.add(features);
    cached.indexed.push(features);
  }
  return cached.index.match(candidate);
}
