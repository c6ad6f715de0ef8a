import { hash } from 'node:crypto';
import type { TimeSlicer } from '../core/time-slice.js';
import type { NormalizedItem } from '../core/types.js';
import { canonicalUrl } from './canonical-url.js';
import { parseFeedDate } from './dates.js';
import type { ParsedFeed, RawEntry } from './feed-shape.js';
import { stripFeedFurniture } from './feed-furniture.js';
import { htmlToLine, htmlToText } from './html-text.js';

export { canonicalUrl } from './canonical-url.js';

/** Longest id kept as written; longer ones are hashed so the store's key stays small. */
const MAX_KEY_CHARS = 512;
export const MAX_TITLE_CHARS = 500;
const MAX_AUTHOR_CHARS = 200;
const MAX_CATEGORY_CHARS = 100;
/** Discord's limit on an embed image's address. */
const MAX_IMAGE_URL_CHARS = 2048;

/** Items read from one feed; the rest of a runaway feed is dropped rather than stored. */
export const MAX_FEED_ITEMS = 1000;

/**
 * Longest any field of an entry is read, before any pattern sees it: far beyond a news article
 * (one entry in 5,751 of the corpus is longer), and a bound on what hostile text can cost.
 */
export const MAX_FIELD_CHARS = 100_000;

/** The first `MAX_FIELD_CHARS` of a field, never ending inside a surrogate pair. */
function capped(text: string | null): string | null {
  if (text === null || text.length <= MAX_FIELD_CHARS) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(MAX_FIELD_CHARS - 1))
    ? MAX_FIELD_CHARS - 1
    : MAX_FIELD_CHARS;
  return text.slice(0, end);
}

function cappedEntry(entry: RawEntry): RawEntry {
  return {
    id: capped(entry.id),
    link: capped(entry.link),
    title: capped(entry.title),
    content: capped(entry.content),
    summary: capped(entry.summary),
    author: capped(entry.author),
    published: capped(entry.published),
    updated: capped(entry.updated),
    categories: entry.categories.map((category) => capped(category) ?? ''),
    image: capped(entry.image),
  };
}

// One-shot hashing: no Hash object per item.
const sha256 = (text: string): string => hash('sha256', text, 'hex');

/** "jane@example.org (Jane Doe)", the RSS way of writing an author, becomes "Jane Doe". */
function authorOf(raw: string | null): string | null {
  const line = htmlToLine(raw, MAX_AUTHOR_CHARS);
  if (line === null) return null;
  const named = /^[^\s@()]+@[^\s@()]+\s*\((.+)\)$/.exec(line);
  return named?.[1]?.trim() ?? line;
}

function categoriesOf(raw: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of raw) {
    const text = htmlToLine(value, MAX_CATEGORY_CHARS);
    if (text === null) continue;
    const folded = text.toLowerCase();
    if (seen.has(folded)) continue;
    seen.add(folded);
    out.push(text);
  }
  return out;
}

/** The longer of full content and description: some feeds put a teaser in content:encoded. */
function textOf(entry: RawEntry): string {
  const content = entry.content === null ? '' : htmlToText(entry.content);
  // Text is never longer than the HTML it came from, so a description shorter than the content's
  // text cannot win and need not be converted.
  if (entry.summary === null || entry.summary.length <= content.length) return content;
  const summary = htmlToText(entry.summary);
  return content.length >= summary.length ? content : summary;
}

/** Atom feeds often give only an id that is the permalink. */
function urlOf(entry: RawEntry, feedUrl: string): string | null {
  const fromLink = entry.link === null ? null : canonicalUrl(entry.link, feedUrl);
  if (fromLink !== null) return fromLink;
  return entry.id !== null && /^https?:\/\//i.test(entry.id.trim()) ? canonicalUrl(entry.id) : null;
}

/**
 * An image address the platforms can be given: absolute http(s), resolved against the feed, with no
 * credentials in it and short enough for an embed. Anything else (`data:`, `javascript:`, `file:`)
 * is no image at all.
 */
export function imageUrlOf(raw: string | null, base: string): string | null {
  if (raw === null) return null;
  let url: URL;
  try {
    url = new URL(raw.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  return url.href.length <= MAX_IMAGE_URL_CHARS ? url.href : null;
}

function keyOf(entry: RawEntry, url: string | null, title: string | null, text: string): string {
  const id = entry.id?.trim() ?? '';
  if (id !== '') return id.length > MAX_KEY_CHARS ? `sha256:${sha256(id)}` : id;
  if (url !== null) return url.length > MAX_KEY_CHARS ? `sha256:${sha256(url)}` : url;
  // Neither id nor usable link: what identifies the entry is what it says.
  const basis = title === null && entry.link === null ? text : `${title ?? ''}\n${entry.link ?? ''}`;
  return `sha256:${sha256(basis)}`;
}

function normalizeEntry(entry: RawEntry, feedUrl: string, now: number): NormalizedItem | null {
  const url = urlOf(entry, feedUrl);
  const title = htmlToLine(entry.title, MAX_TITLE_CHARS);
  const text = textOf(entry);
  if (url === null && title === null && text === '') return null;
  return {
    key: keyOf(entry, url, title, text),
    url,
    title,
    text,
    author: authorOf(entry.author),
    publishedAt: parseFeedDate(entry.published, now) ?? parseFeedDate(entry.updated, now),
    categories: categoriesOf(entry.categories),
    imageUrl: imageUrlOf(entry.image, feedUrl),
    contentHash: '',
  };
}

function withHash(item: NormalizedItem): NormalizedItem {
  return { ...item, contentHash: sha256(`${item.title ?? ''}\u0000${item.url ?? ''}\u0000${item.text}`) };
}

/**
 * Normalises a parsed feed's entries: canonical absolute URLs, plain text without the furniture
 * the document's items all repeat, believable dates, a stable key per entry (duplicates after the
 * first dropped), and a content hash. Entries with no link, title or text are skipped. Never throws.
 */
export function normalizeEntries(
  feed: ParsedFeed,
  context: { feedUrl: string; now: number },
): NormalizedItem[] {
  const collector = entryCollector(context);
  for (const entry of feed.entries) if (!collector.add(entry)) break;
  return collector.finish();
}

/**
 * {@link normalizeEntries} with a turn of the event loop whenever `slicer` says a slice is used
 * up: a thousand large entries take longer than anything else may wait.
 */
export async function normalizeEntriesInSlices(
  feed: ParsedFeed,
  context: { feedUrl: string; now: number },
  slicer: TimeSlicer,
): Promise<NormalizedItem[]> {
  const collector = entryCollector(context);
  for (const entry of feed.entries) {
    await slicer.pause();
    if (!collector.add(entry)) break;
  }
  await slicer.pause();
  return collector.finish();
}

function entryCollector(context: { feedUrl: string; now: number }): {
  /** Takes one entry; false once the feed's share is full. */
  add(entry: RawEntry): boolean;
  finish(): NormalizedItem[];
} {
  const items: NormalizedItem[] = [];
  const keys = new Set<string>();
  return {
    add(entry) {
      if (items.length >= MAX_FEED_ITEMS) return false;
      const item = normalizeEntry(cappedEntry(entry), context.feedUrl, context.now);
      if (item !== null && !keys.has(item.key)) {
        keys.add(item.key);
        items.push(item);
      }
      return true;
    },
    finish: () => stripFeedFurniture(items).map(withHash),
  };
}
