/** What the same-story matcher compares: canonical URLs, weighted terms and entities of an item. */

import { detectLanguage } from './language.js';
import { contentWords, termCounts } from './tokens.js';

/** The parts of an item that decide whether two items tell the same story. */
export interface StoryFeatures {
  readonly itemId: number;
  readonly storyId: number | null;
  readonly feedId: number;
  readonly url: string | null;
  readonly title: string;
  /** Summary or opening of the text. */
  readonly lead: string;
  readonly publishedAt: number;
  /** Lower-cased entities, most important first. */
  readonly entities: readonly string[];
}

/** Precomputed comparison data of one item. */
export interface StoryVector {
  readonly url: string | null;
  /** Term frequencies; headline terms count twice. */
  readonly terms: ReadonlyMap<string, number>;
  readonly entities: ReadonlySet<string>;
}

const TITLE_WEIGHT = 2;
const TRACKING =
  /^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|ref|ref_src|cmpid|ito|icid|ocid|at_\w+|smid|s_cid|cid|src|share|__twitter_impression)$/iu;

/** The URL reduced to what identifies the page: no scheme, www, fragment, tracking parameters or trailing slash. */
export function canonicalUrl(url: string | null): string | null {
  if (url === null || url.trim() === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return url.trim().toLowerCase();
  }
  const params = [...parsed.searchParams]
    .filter(([key]) => !TRACKING.test(key))
    .sort(([a], [b]) => a.localeCompare(b));
  const query = params.length === 0 ? '' : `?${new URLSearchParams(params).toString()}`;
  const host = parsed.hostname.toLowerCase().replace(/^www\./u, '');
  const path = parsed.pathname.replace(/(?<!\/)\/+$/u, '');
  return `${host}${parsed.port === '' ? '' : `:${parsed.port}`}${path}${query}`;
}

const cache = new WeakMap<StoryFeatures, StoryVector>();

/** The comparison data of an item, computed once per features object. */
export function vectorOf(features: StoryFeatures): StoryVector {
  const cached = cache.get(features);
  if (cached !== undefined) return cached;
  const language = detectLanguage(`${features.title} ${features.lead}`);
  const terms = termCounts(contentWords(features.lead, language));
  for (const term of contentWords(features.title, language))
    terms.set(term, (terms.get(term) ?? 0) + TITLE_WEIGHT);
  const vector: StoryVector = {
    url: canonicalUrl(features.url),
    terms,
    entities: new Set(features.entities),
  };
  cache.set(features, vector);
  return vector;
}

/** Number of entities of the item with fewer that the other item also names. */
export function sharedEntities(a: StoryVector, b: StoryVector): number {
  const [few, many] =
    a.entities.size <= b.entities.size ? [a.entities, b.entities] : [b.entities, a.entities];
  let shared = 0;
  for (const entity of few) {
    if (many.has(entity)) shared++;
    else
      for (const other of many)
        if (sameEntity(entity, other)) {
          shared++;
          break;
        }
  }
  return shared;
}

/** True for one entity written two ways: "ecb" and "european central bank", "federal reserve" and "us federal reserve". */
export function sameEntity(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.endsWith(` ${b}`) || b.endsWith(` ${a}`)) return true;
  return initials(a) === b || initials(b) === a;
}

function initials(name: string): string {
  const parts = name.split(' ').filter((w) => !/^(?:of|the|and|for|de|du|des|der|la|le)$/u.test(w));
  return parts.length < 2 ? '' : parts.map((w) => w[0] ?? '').join('');
}
