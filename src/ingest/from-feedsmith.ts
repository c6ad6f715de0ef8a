import type { ParsedFeed, RawEntry } from './feed-shape.js';
import { pickImage, plainRef, refsOf } from './entry-image.js';
import { categoryTexts, field, listOf, textOf } from './text-value.js';

function first(value: unknown): unknown {
  return listOf(value)[0];
}

function personName(value: unknown): string | null {
  return textOf(field(value, 'name')) ?? textOf(field(value, 'email')) ?? textOf(value);
}

function rssCategory(value: unknown): string | null {
  return textOf(field(value, 'name')) ?? textOf(value);
}

function atomCategory(value: unknown): string | null {
  return textOf(field(value, 'label')) ?? textOf(field(value, 'term'));
}

function atomLink(entry: unknown): string | null {
  const links = listOf(field(entry, 'links'));
  const alternate = links.find((l) => {
    const rel = field(l, 'rel');
    return rel === undefined || rel === 'alternate';
  });
  return textOf(field(alternate ?? links[0], 'href'));
}

/** Media RSS of an item or entry, groups included; `enclosures` as RSS gives them. */
function imageOf(entry: unknown, enclosures: unknown): string | null {
  const media = field(entry, 'media');
  const groups = listOf(field(media, 'groups')).slice(0, 4);
  const read = (value: unknown): ReturnType<typeof plainRef> => plainRef(value);
  return pickImage({
    contents: [field(media, 'contents'), ...groups.map((g) => field(g, 'contents'))].flatMap((v) =>
      refsOf(v, read),
    ),
    thumbnails: [field(media, 'thumbnails'), ...groups.map((g) => field(g, 'thumbnails'))].flatMap((v) =>
      refsOf(v, read),
    ),
    enclosures: refsOf(enclosures, read),
  });
}

/** Atom's `<link rel="enclosure">` in the shape of an RSS enclosure. */
function atomEnclosures(entry: unknown): unknown[] {
  return listOf(field(entry, 'links'))
    .filter((link) => field(link, 'rel') === 'enclosure')
    .map((link) => ({ url: field(link, 'href'), type: field(link, 'type') }));
}

/** RSS 0.9x–2.0 and RDF items share their field names in feedsmith's output. */
function rssItem(item: unknown): RawEntry {
  return {
    id:
      textOf(field(item, 'guid', 'value')) ??
      textOf(field(item, 'guid')) ??
      textOf(field(item, 'rdf', 'about')),
    link: textOf(field(item, 'link')),
    title: textOf(field(item, 'title')) ?? textOf(first(field(item, 'dc', 'titles'))),
    content: textOf(field(item, 'content', 'encoded')),
    summary: textOf(field(item, 'description')) ?? textOf(first(field(item, 'dc', 'descriptions'))),
    author: personName(first(field(item, 'authors'))) ?? textOf(first(field(item, 'dc', 'creators'))),
    published: textOf(field(item, 'pubDate')) ?? textOf(first(field(item, 'dc', 'dates'))),
    updated: null,
    categories: categoryTexts(
      [...listOf(field(item, 'categories')), ...listOf(field(item, 'dc', 'subjects'))],
      rssCategory,
    ),
    image: imageOf(item, field(item, 'enclosures')),
  };
}

function atomEntry(entry: unknown): RawEntry {
  return {
    id: textOf(field(entry, 'id')),
    link: atomLink(entry),
    title: textOf(field(entry, 'title')),
    content: textOf(field(entry, 'content', 'value')),
    summary: textOf(field(entry, 'summary')),
    author: personName(first(field(entry, 'authors'))) ?? textOf(first(field(entry, 'dc', 'creators'))),
    published: textOf(field(entry, 'published')) ?? textOf(first(field(entry, 'dc', 'dates'))),
    updated: textOf(field(entry, 'updated')),
    categories: categoryTexts(listOf(field(entry, 'categories')), atomCategory),
    image: imageOf(entry, atomEnclosures(entry)),
  };
}

/** Maps feedsmith's `parseFeed` result into the neutral shape; null for formats read elsewhere. */
export function fromFeedsmith(result: { format: string; feed: unknown }): ParsedFeed | null {
  const { format, feed } = result;
  if (format === 'atom') {
    return {
      format,
      title: textOf(field(feed, 'title')),
      siteUrl: atomLink(feed),
      entries: listOf(field(feed, 'entries')).map(atomEntry),
    };
  }
  if (format === 'rss' || format === 'rdf') {
    return {
      format,
      title: textOf(field(feed, 'title')),
      siteUrl: textOf(field(feed, 'link')),
      entries: listOf(field(feed, 'items')).map(rssItem),
    };
  }
  return null;
}
