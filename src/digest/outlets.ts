/**
 * Which of a story's sources come from one newsroom. A story's breadth is the outlets that told
 * it, and one outlet often has several feeds: sections ("BBC News - World", "BBC News - UK") and a
 * video channel beside its site ("Fox News" on foxnews.com and on YouTube).
 */

import type { StorySource } from '../core/types.js';

// Where a feed title names its section beside its outlet: "BBC News - World", "World news | The
// Guardian", "NYT > World News", "Reuters: Business" (read after whitespace is collapsed).
const SEPARATOR = / [-–—|>»·] |: /u;
// "(YouTube)", "[Video]": a qualifier of the feed, not of who wrote it.
const BRACKETED = /\([^()]*\)|\[[^[\]]*\]/gu;
// Second-level labels under a country code where names are registered one level lower
// ("bbc.co.uk", "smh.com.au", "stuff.co.nz").
const SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'ac', 'gov', 'edu', 'ne', 'or', 'go']);

// A feed's title is the publisher's to write: only its start is read.
const MAX_TITLE = 200;

function nameOf(title: string): string {
  return title
    .slice(0, MAX_TITLE)
    .normalize('NFKC')
    .toLowerCase()
    .replace(BRACKETED, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

function segmentsOf(name: string): string[] {
  return name
    .split(SEPARATOR)
    .map((s) =>
      s
        .replace(/^the\s+/u, '')
        .replace(/\.(?:com|net|org|co\.uk)$/u, '')
        .trim(),
    )
    .filter((s) => s !== '');
}

/** The name a site is registered under ("bbc.co.uk" for "www.bbc.co.uk"); null for no address. */
export function siteOf(url: string | null): string | null {
  if (url === null) return null;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
  const labels = host.split('.').filter((l) => l !== '');
  if (labels.length < 2 || /^\d+$/u.test(labels[labels.length - 1] ?? '')) return host || null;
  const country = (labels[labels.length - 1] ?? '').length === 2;
  const keep = country && SECOND_LEVEL.has(labels[labels.length - 2] ?? '') ? 3 : 2;
  return labels.slice(-keep).join('.');
}

/**
 * How many outlets the sources come from. Two feeds are one outlet when their titles are the same
 * but for a bracketed qualifier, or when their items' addresses are on one site and their titles
 * share a part: "BBC News - World" and "BBC News - UK" on bbc.co.uk are one; "CNN" and "Fox News"
 * channels, both on youtube.com, are two.
 */
export function countOutlets(sources: readonly StorySource[]): number {
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(key, root);
    return root;
  };
  const union = (a: string, b: string): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  // A feed is its title's name; a name joins every other name that shares a site and a part.
  const owner = new Map<string, string>();
  for (const source of sources) {
    const name = nameOf(source.feedTitle);
    if (!parent.has(name)) parent.set(name, name);
    const site = siteOf(source.url);
    if (site === null) continue;
    for (const segment of segmentsOf(name)) {
      const key = `${site} ${segment}`;
      const first = owner.get(key);
      if (first === undefined) owner.set(key, name);
      else union(first, name);
    }
  }
  let outlets = 0;
  for (const name of parent.keys()) if (find(name) === name) outlets++;
  return outlets;
}
