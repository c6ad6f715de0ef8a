/**
 * Evidence about an item's topic that does not depend on its language: the section its URL files
 * it under (`/sport/`, `/news/business-53012345`, `/wirtschaft/`), the section a section feed files
 * all its items under (`/news/technology/rss.xml`, "BBC News - Business") and its categories
 * ("World news", "Arts & entertainment"), each read against the taxonomy's section names.
 */

import type { Topic } from '../core/types.js';
import { stem } from './tokens.js';

/** Finds the taxonomy indexes that a URL's section or an item's categories name. */
export interface SectionReader {
  /** Topics the deepest named section of the URL's path names; empty when it names none. */
  fromUrl(url: string | null | undefined): Set<number>;
  /** Topics the categories name, whole ("world news") or by part ("Arts & entertainment"). */
  fromCategories(categories: readonly string[]): Set<number>;
  /**
   * Topics a section feed names for all its items: its address (`/news/technology/rss.xml`,
   * `edition_sport.rss`) or a part of its title ("BBC News - Business"); empty for a whole outlet's
   * feed.
   */
  fromFeed(feed: FeedIdentity): Set<number>;
}

/** What a feed says of itself. */
export interface FeedIdentity {
  readonly url: string | null;
  readonly title: string | null;
}

// A section is a directory of the path, or a last segment such as "business-53012345" (BBC). Its
// words are few: an article's slug ("how-the-economy-recovered") is not a section.
const MAX_SECTION_WORDS = 3;
const MAX_SEGMENTS = 4;
const MAX_CATEGORY_CHARS = 80;
// Parts are trimmed where they are used, so the separators need no surrounding spaces.
const PART_SEPARATORS = /[>/|,:;&+]|\b(?:and|und|et|y)\b/u;
// A title's parts: "BBC News - Business", "Sky News | Tech", "NYT > World". A dash inside a word
// ("e-commerce") joins it.
const TITLE_SEPARATORS = /\s[-–—]\s|[|>:»]/u;
// A feed's address names its section in any segment, the file name too: `/sport/rss.xml`,
// `/rss/edition_technology.rss`, `/feeds/business.atom`.
const FEED_FILE = /\.(?:xml|rss|atom|rdf|json|php|cms)$/u;
const MAX_FEED_SEGMENTS = 6;
/** Characters by which a form and a section name met through their stem may differ in length. */
const MAX_ENDING_CHANGE = 2;

/** A reader for the taxonomy: each topic's id, label and `categories` are its section names. */
export function createSectionReader(topics: readonly Topic[]): SectionReader {
  const names = new Map<string, Set<number>>();
  topics.forEach((topic, index) => {
    for (const name of [topic.id, topic.label, ...topic.categories]) {
      const key = normalise(name);
      if (key === '') continue;
      const owners = names.get(key) ?? new Set<number>();
      owners.add(index);
      names.set(key, owners);
    }
  });
  // Names also meet by their words' stems: "political" files under politics, "sports" under sport.
  // Only forms of nearly one length meet, as an ending differs: the English stemmer also cuts
  // names in other languages, and "deportation" must not meet "deportes".
  const stems = new Map<string, { length: number; owners: ReadonlySet<number> }[]>();
  for (const [name, owners] of names) {
    const key = stemmed(name);
    stems.set(key, [...(stems.get(key) ?? []), { length: name.length, owners }]);
  }
  const byStem = (key: string): ReadonlySet<number> | undefined => {
    const near = (stems.get(stemmed(key)) ?? []).filter(
      (s) => Math.abs(s.length - key.length) <= MAX_ENDING_CHANGE,
    );
    return near.length === 0 ? undefined : new Set(near.flatMap((s) => [...s.owners]));
  };
  const exact = (key: string): ReadonlySet<number> | undefined => names.get(key);
  const lookUp = (key: string): ReadonlySet<number> | undefined => names.get(key) ?? byStem(key);
  return {
    fromUrl(url) {
      const all = pathSegments(url);
      return all === null ? new Set() : sectionTopics(all, lookUp, exact, { slug: true, max: MAX_SEGMENTS });
    },
    fromCategories(categories) {
      const found = new Set<number>();
      for (const category of categories.slice(0, 50)) {
        const whole = normalise(category.slice(0, MAX_CATEGORY_CHARS));
        const parts = [whole, ...whole.split(PART_SEPARATORS)];
        for (const part of parts) for (const i of lookUp(part.trim()) ?? []) found.add(i);
      }
      return found;
    },
    fromFeed(feed) {
      const found = feedUrlTopics(feed.url, lookUp, exact);
      // A part of the title must be a section name whole: an outlet's tagline ("Nigeria and World
      // News", "Noticias de Jalisco, México, Deportes") lists what it covers, not where it files.
      const title = feed.title?.slice(0, MAX_CATEGORY_CHARS) ?? '';
      for (const part of title.split(TITLE_SEPARATORS))
        for (const i of lookUp(normalise(part)) ?? []) found.add(i);
      return found;
    },
  };
}

type LookUp = (key: string) => ReadonlySet<number> | undefined;

/** The lower-cased segments of a URL's path; null when it is no URL or too long to be one. */
function pathSegments(url: string | null | undefined): string[] | null {
  if (url === null || url === undefined || url.length > 2000) return null;
  try {
    return new URL(url).pathname
      .toLowerCase()
      .split('/')
      .filter((s) => s !== '');
  } catch {
    return null;
  }
}

function feedUrlTopics(url: string | null, lookUp: LookUp, exact: LookUp): Set<number> {
  const all = pathSegments(url)?.map((s) => s.replace(FEED_FILE, ''));
  return all === undefined
    ? new Set()
    : sectionTopics(all, lookUp, exact, { slug: false, max: MAX_FEED_SEGMENTS });
}

/**
 * The topics a path's sections name. `lookUp` meets names by stem as well; `exact` only as written,
 * for the many tries of a compound. An article's last segment is its own slug (`slug`).
 */
function sectionTopics(
  all: readonly string[],
  lookUp: LookUp,
  exact: LookUp,
  options: { readonly slug: boolean; readonly max: number },
): Set<number> {
  // Dates and ids (/2020/05/28/) are no sections and do not use up the segments read.
  const segments = all.filter((s) => !/^\d+$/u.test(s));
  // The deepest section is the most specific (/business/technology/ files under technology), but a
  // segment named whole outranks one that only holds a name among its words: /sport/mixed-martial-arts/
  // is sport, not arts.
  let whole = new Set<number>();
  let byPart = new Set<number>();
  segments.slice(0, options.max).forEach((raw, at) => {
    // The last segment is the article's own slug, unless an id follows it (/sport/53012345).
    const last = options.slug && at === segments.length - 1 && raw === all[all.length - 1];
    const numbered = /^(.+?)[-_]\d+$/u.exec(raw);
    if (last && numbered === null) return;
    const segment = safeDecode(numbered?.[1] ?? raw);
    const parts = segment.split(/[-_]/u).filter((p) => p !== '');
    if (parts.length === 0 || parts.length > MAX_SECTION_WORDS) return;
    const named = new Set([
      ...(lookUp(parts.join(' ')) ?? []),
      ...(parts.length === 1 ? compound(segment, exact) : []),
    ]);
    if (named.size > 0) {
      whole = named;
      return;
    }
    const here = new Set<number>();
    for (const part of parts) for (const i of lookUp(part) ?? []) here.add(i);
    if (here.size > 0) byPart = here;
  });
  return whole.size > 0 ? whole : byPart;
}

const MAX_COMPOUND_CHARS = 30;

/**
 * Section names run together without a separator: "middleeast" ("middle east"), "sciencetech"
 * (science and tech), "ukpolitics". Only a split whose every piece is a name counts.
 */
function compound(segment: string, lookUp: LookUp): Set<number> {
  const found = new Set<number>();
  if (segment.length > MAX_COMPOUND_CHARS || !/^\p{L}+$/u.test(segment)) return found;
  for (let at = 2; at <= segment.length - 2; at++) {
    const head = segment.slice(0, at);
    const tail = segment.slice(at);
    const joined = lookUp(`${head} ${tail}`);
    const first = lookUp(head);
    const second = lookUp(tail);
    for (const i of joined ?? []) found.add(i);
    if (first !== undefined && second !== undefined) for (const i of [...first, ...second]) found.add(i);
  }
  return found;
}

function stemmed(name: string): string {
  return name
    .split(' ')
    .map((word) => stem(word))
    .join(' ');
}

function normalise(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/gu, ' ');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
