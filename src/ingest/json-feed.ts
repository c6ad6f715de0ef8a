import type { ParsedFeed, RawEntry } from './feed-shape.js';
import { pickImage, plainRef, refsOf } from './entry-image.js';
import { categoryTexts, field, listOf, textOf } from './text-value.js';

// JSON Feed text fields are plain text; entries carry HTML, so they are escaped into it.
function escapeHtml(text: string | null): string | null {
  return text === null ? null : text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A JSON Feed title is plain text by the spec, yet many writers put HTML entities in it
 * ("Tips &amp; Tricks", "I&#039;m"): they are read as entities, while a `<` stays the character.
 */
function titleAsHtml(text: string | null): string | null {
  return text === null ? null : text.replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function textAsHtml(text: string | null): string | null {
  const escaped = escapeHtml(text);
  if (escaped === null) return null;
  return `<p>${escaped.replace(/\r?\n\s*\n/g, '</p><p>').replace(/\r?\n/g, '<br>')}</p>`;
}

function authorName(value: unknown): string | null {
  return textOf(field(value, 'name')) ?? (typeof value === 'string' ? textOf(value) : null);
}

/** JSON Feed's `image`, then `banner_image`, then an image attachment. */
function jsonImage(item: unknown): string | null {
  // JSON Feed's pictures are strings; an object there is not one, whatever text it holds.
  const plain = (value: unknown): string | null => (typeof value === 'string' ? textOf(value) : null);
  const named = plain(field(item, 'image')) ?? plain(field(item, 'banner_image'));
  if (named !== null) return named;
  return pickImage({
    contents: [],
    thumbnails: [],
    enclosures: refsOf(field(item, 'attachments'), (value) => ({
      ...plainRef(value),
      type: textOf(field(value, 'mime_type')),
    })),
  });
}

function entry(item: unknown): RawEntry {
  // 1.1 has `authors`; 1.0 a single `author`; some writers put a string there.
  const author = authorName(listOf(field(item, 'authors'))[0]) ?? authorName(field(item, 'author'));
  return {
    id: textOf(field(item, 'id')),
    link: textOf(field(item, 'url')) ?? textOf(field(item, 'external_url')),
    title: titleAsHtml(textOf(field(item, 'title'))),
    content: textOf(field(item, 'content_html')) ?? textAsHtml(textOf(field(item, 'content_text'))),
    summary: textAsHtml(textOf(field(item, 'summary'))),
    author,
    published: textOf(field(item, 'date_published')),
    updated: textOf(field(item, 'date_modified')),
    categories: categoryTexts(listOf(field(item, 'tags')), (tag) =>
      typeof tag === 'string' ? textOf(tag) : null,
    ),
    image: jsonImage(item),
  };
}

function isJsonFeed(document: unknown): boolean {
  const version = field(document, 'version');
  if (typeof version === 'string' && /jsonfeed/i.test(version)) return true;
  const items = field(document, 'items');
  if (!Array.isArray(items)) return false;
  return ['title', 'home_page_url', 'feed_url'].some((key) => typeof field(document, key) === 'string');
}

/** An item of RSS written as JSON (the rss.js convention: `{ rss: { channel: { item: [...] } } }`). */
function rssJsonEntry(item: unknown): RawEntry {
  return {
    id: textOf(field(item, 'guid')),
    link: textOf(field(item, 'link')),
    title: textOf(field(item, 'title')),
    content: textOf(field(item, 'content:encoded')),
    summary: textOf(field(item, 'description')),
    author: textOf(field(item, 'author')) ?? textOf(field(item, 'dc:creator')),
    published: textOf(field(item, 'pubDate')),
    updated: null,
    categories: categoryTexts(listOf(field(item, 'category')), textOf),
    image: pickImage({
      contents: refsOf(field(item, 'media:content'), (value) => plainRef(value)),
      thumbnails: refsOf(field(item, 'media:thumbnail'), (value) => plainRef(value)),
      enclosures: refsOf(field(item, 'enclosure'), (value) => plainRef(value)),
    }),
  };
}

const objects = (values: readonly unknown[]): unknown[] =>
  values.filter((v) => typeof v === 'object' && v !== null);

/**
 * Reads a JSON Feed (1.0, 1.1, non-standard version strings, fields of both versions mixed) or
 * RSS written as JSON; null when the document is neither. Entries that are not objects are skipped.
 */
export function readJsonFeed(document: unknown): ParsedFeed | null {
  if (isJsonFeed(document)) {
    return {
      format: 'json',
      title: textOf(field(document, 'title')),
      siteUrl: textOf(field(document, 'home_page_url')),
      entries: objects(listOf(field(document, 'items'))).map(entry),
    };
  }
  const channel = field(document, 'rss', 'channel');
  if (typeof channel !== 'object' || channel === null) return null;
  return {
    format: 'json',
    title: textOf(field(channel, 'title')),
    siteUrl: textOf(field(channel, 'link')),
    entries: objects(listOf(field(channel, 'item'))).map(rssJsonEntry),
  };
}
