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

// Hosts of other people's channels: a feed there has no site of its own ("CNN" on YouTube).
const PLATFORMS = new Set([
  'youtube.com',
  'youtu.be',
  'facebook.com',
  'instagram.com',
  'x.com',
  'twitter.com',
  't.me',
  'tiktok.com',
  'vimeo.com',
  'dailymotion.com',
  'medium.com',
  'substack.com',
  'soundcloud.com',
  'spotify.com',
  'apple.com',
]);

/** The site as a feed's own, or null when it has none or sits on a platform. */
function ownSite(site: string | null): string | null {
  return site === null || PLATFORMS.has(site) ? null : site;
}

/**
 * Whether the title names the site: the name the site is registered under is one of its words or
 * several of them run together ("CNN" on cnn.com, "Fox News" on foxnews.com, "The Guardian" on
 * theguardian.com); "Latest News" does not name foxnews.com.
 */
function namesSite(title: string, site: string): boolean {
  const label = site.split('.')[0] ?? '';
  const words = title.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
  for (let from = 0; from < words.length; from += 1) {
    let joined = '';
    for (let to = from; to < words.length && joined.length < label.length; to += 1) {
      joined += words[to] ?? '';
      if (joined === label) return true;
    }
  }
  return false;
}

/**
 * Names each source's outlet, the same for every feed of one outlet. Two feeds are one outlet when
 * their titles are the same and only one site of their own holds them ("Financial Times" on ft.com
 * and on YouTube; not "Top Stories" on apnews.com and on reuters.com, a generic title two newsrooms
 * use: see {@link joinSameTitle}), when one's title is
 * the other's with a bracketed qualifier ("Fox News", "Fox News (YouTube)"; not "Top stories (AP)"
 * and "Top stories (Reuters)"), or when their items' addresses are on one site and their titles
 * share a part: "BBC News - World" and "BBC News - UK" on bbc.co.uk are one; "CNN" and "Fox News"
 * channels, both on youtube.com, are two.
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
  // A feed is a node; its title and the site of its first item with an address describe it. A
  // feed joins every other that shares a site and a part of the title, and every bracketed one
  // whose bare title is its own.
  const feeds = new Map<number, { title: string; site: string | null }>();
  const owner = new Map<string, string>();
  for (const source of sources) {
    const node = String(source.feedId);
    const site = siteOf(source.url);
    let feed = feeds.get(source.feedId);
    if (feed === undefined) {
      parent.set(node, node);
      feed = { title: titleOf(source.feedTitle), site };
      feeds.set(source.feedId, feed);
    } else feed.site ??= site;
    if (site === null) continue;
    for (const segment of segmentsOf(bareOf(feed.title))) {
      const key = `${site} ${segment}`;
      const first = owner.get(key);
      if (first === undefined) owner.set(key, node);
      else union(first, node);
    }
  }
  const byTitle = new Map<string, { node: string; site: string | null }[]>();
  for (const [feedId, { title, site }] of feeds) {
    const group = byTitle.get(title) ?? [];
    group.push({ node: String(feedId), site: ownSite(site) });
    byTitle.set(title, group);
  }
  for (const [title, group] of byTitle) joinSameTitle(title, group, union);
  // A bracketed title ("Fox News (YouTube)") joins its bare title's outlet: the one on its own site,
  // or the only one.
  for (const [title, group] of byTitle) {
    const bare = bareOf(title);
    if (bare === title || bare === '') continue;
    const plain = byTitle.get(bare);
    if (plain === undefined) continue;
    const roots = new Set(plain.map(({ node }) => find(node)));
    for (const { node, site } of group) {
      const same = plain.find((p) => site !== null && p.site === site);
      if (same !== undefined) union(same.node, node);
      else if (roots.size === 1) union(plain[0]?.node ?? node, node);
    }
  }
  return (source) => find(String(source.feedId));
}

/**
 * Joins the feeds of one title. On at most one site of their own (the others on platforms or
 * without an address) they are one outlet. On several, a generic title two newsrooms use ("Top
 * Stories"), each site is an outlet, and the feeds without a site of their own join the one whose
 * site the title names, or else the first.
 */
function joinSameTitle(
  title: string,
  group: readonly { node: string; site: string | null }[],
  union: (a: string, b: string) => void,
): void {
  const bySite = new Map<string, string>();
  for (const { node, site } of group) if (site !== null && !bySite.has(site)) bySite.set(site, node);
  const first = group[0]?.node;
  if (first === undefined) return;
  if (bySite.size <= 1) {
    for (const { node } of group) union(first, node);
    return;
  }
  const anchor =
    [...bySite].find(([site]) => namesSite(title, site))?.[1] ?? bySite.values().next().value ?? first;
  for (const { node, site } of group) union(site === null ? anchor : (bySite.get(site) ?? anchor), node);
}

/** How many outlets the sources come from (see {@link outletsOf}). */
export function countOutlets(sources: readonly StorySource[]): number {
  const outletOf = outletsOf(sources);
  return new Set(sources.map(outletOf)).size;
}
