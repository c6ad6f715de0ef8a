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

/** The title as compared: its start, in one case and one spacing. */
function titleOf(title: string): string {
  return title.slice(0, MAX_TITLE).normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** The title without its bracketed qualifiers. */
function bareOf(title: string): string {
  return title.replace(BRACKETED, ' ').replace(/\s+/gu, ' ').trim();
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
 * Names each source's outlet, the same for every feed of one outlet. Two feeds are one outlet when one's title is the other's
 * with a bracketed qualifier ("Fox News", "Fox News (YouTube)"; not "Top stories (AP)" and "Top
 * stories (Reuters)"), or when their items' addresses are on one site and their titles share a
 * part: "BBC News - World" and "BBC News - UK" on bbc.co.uk are one; "CNN" and "Fox News" channels,
 * both on youtube.com, are two.
 */
export function outletsOf(sources: readonly StorySource[]): (source: StorySource) => string {
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    // Full path compression: every node on the way points at the root.
    for (let node = key; node !== root;) {
      const next = parent.get(node) ?? root;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  const union = (a: string, b: string): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(rb, ra); // the older root stays the root: chains do not grow
  };
  // A feed is its title; a title joins every other that shares a site and a part, and every
  // bracketed one whose bare title is its own.
  const owner = new Map<string, string>();
  const plain = new Map<string, string>();
  const bracketed: { title: string; bare: string }[] = [];
  for (const source of sources) {
    const title = titleOf(source.feedTitle);
    const bare = bareOf(title);
    if (!parent.has(title)) {
      parent.set(title, title);
      if (bare === title) plain.set(title, title);
      else if (bare !== '') bracketed.push({ title, bare });
    }
    const site = siteOf(source.url);
    if (site === null) continue;
    for (const segment of segmentsOf(bare)) {
      const key = `${site} ${segment}`;
      const first = owner.get(key);
      if (first === undefined) owner.set(key, title);
      else union(first, title);
    }
  }
  for (const { title, bare } of bracketed) {
    const same = plain.get(bare);
    if (same !== undefined) union(same, title);
  }
  return (source) => find(titleOf(source.feedTitle));
}

/** How many outlets the sources come from (see {@link outletsOf}). */
export function countOutlets(sources: readonly StorySource[]): number {
  const outletOf = outletsOf(sources);
  return new Set(sources.map(outletOf)).size;
}
