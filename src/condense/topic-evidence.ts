/**
 * Evidence about an item's topic that does not depend on its language: the section its URL files
 * it under (`/sport/`, `/news/business-53012345`, `/wirtschaft/`) and its feed's categories
 * ("World news", "Arts & entertainment"), each read against the taxonomy's section names.
 */

import type { Topic } from '../core/types.js';

/** Finds the taxonomy indexes that a URL's section or an item's categories name. */
export interface SectionReader {
  /** Topics the deepest named section of the URL's path names; empty when it names none. */
  fromUrl(url: string | null | undefined): Set<number>;
  /** Topics the categories name, whole ("world news") or by part ("Arts & entertainment"). */
  fromCategories(categories: readonly string[]): Set<number>;
}

// A section is a directory of the path, or a last segment such as "business-53012345" (BBC). Its
// words are few: an article's slug ("how-the-economy-recovered") is not a section.
const MAX_SECTION_WORDS = 3;
const MAX_SEGMENTS = 4;
const MAX_CATEGORY_CHARS = 80;
// Parts are trimmed where they are used, so the separators need no surrounding spaces.
const PART_SEPARATORS = /[>/|,:;&+]|\b(?:and|und|et|y)\b/u;

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
  const lookUp = (key: string): ReadonlySet<number> | undefined => names.get(key);
  return {
    fromUrl: (url) => sectionTopics(url, lookUp),
    fromCategories(categories) {
      const found = new Set<number>();
      for (const category of categories.slice(0, 50)) {
        const whole = normalise(category.slice(0, MAX_CATEGORY_CHARS));
        const parts = [whole, ...whole.split(PART_SEPARATORS)];
        for (const part of parts) for (const i of lookUp(part.trim()) ?? []) found.add(i);
      }
      return found;
    },
  };
}

function sectionTopics(
  url: string | null | undefined,
  lookUp: (key: string) => ReadonlySet<number> | undefined,
): Set<number> {
  if (url === null || url === undefined || url.length > 2000) return new Set();
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return new Set();
  }
  const segments = path
    .toLowerCase()
    .split('/')
    .filter((s) => s !== '');
  let found = new Set<number>();
  segments.slice(0, MAX_SEGMENTS).forEach((raw, at) => {
    const last = at === segments.length - 1;
    const numbered = /^(.+?)[-_]\d+$/u.exec(raw);
    if (last && numbered === null) return;
    const segment = safeDecode(numbered?.[1] ?? raw);
    const parts = segment.split(/[-_]/u).filter((p) => p !== '');
    if (parts.length === 0 || parts.length > MAX_SECTION_WORDS) return;
    const here = new Set<number>();
    for (const key of [segment.replace(/[-_]/gu, ' '), ...parts])
      for (const i of lookUp(key) ?? []) here.add(i);
    // The deepest section is the most specific: /business/technology/ files under technology.
    if (here.size > 0) found = here;
  });
  return found;
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
