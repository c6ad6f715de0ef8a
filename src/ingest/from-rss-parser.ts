import type { ParsedFeed, RawEntry } from './feed-shape.js';
import { attributeRef, pickImage, plainRef, refsOf } from './entry-image.js';
import { attributeOf, categoryTexts, field, listOf, markupOf, textOf } from './text-value.js';

/**
 * rss-parser computes a `contentSnippet` of every description and content with a pattern that is
 * quadratic on text full of `<` (a few hundred kB of `&lt;` kept it busy for minutes). Those
 * elements are renamed while xml2js reads them, so rss-parser never sees them, and asked for again
 * as plain custom fields, which it copies without a snippet.
 */
const HIDDEN_FROM_SNIPPETS: ReadonlyMap<string, string> = new Map([
  ['description', 'gazette:description'],
  ['content:encoded', 'gazette:encoded'],
  ['content', 'gazette:content'],
]);

/** An xml2js tag-name processor applying {@link HIDDEN_FROM_SNIPPETS}. */
export function hideFromSnippets(name: string): string {
  return HIDDEN_FROM_SNIPPETS.get(name) ?? name;
}

/** A category as xml2js gives it: text (RSS), or `term`/`label` attributes (Atom). */
function categoryText(value: unknown): string | null {
  return attributeOf(value, 'label') ?? attributeOf(value, 'term') ?? textOf(value);
}

/** A link that came back as `<link href="…"/>` inside RSS is an object, not text. */
function linkText(value: unknown): string | null {
  return attributeOf(value, 'href') ?? textOf(value);
}

/** media:content (also inside media:group), media:thumbnail, and the enclosure rss-parser keeps. */
function imageOf(item: unknown): string | null {
  const group = field(item, 'mediaGroup');
  return pickImage({
    contents: [
      ...refsOf(field(item, 'mediaContent'), attributeRef),
      ...refsOf(field(group, 'media:content'), attributeRef),
    ],
    thumbnails: [
      ...refsOf(field(item, 'mediaThumbnail'), attributeRef),
      ...refsOf(field(group, 'media:thumbnail'), attributeRef),
    ],
    enclosures: refsOf(field(item, 'enclosure'), (value) => plainRef(value)),
  });
}

function rssEntry(item: unknown): RawEntry {
  return {
    id: textOf(field(item, 'guid')) ?? textOf(field(item, 'rdf:about')),
    link: linkText(field(item, 'link')),
    title: textOf(field(item, 'title')),
    content: markupOf(field(item, 'encoded')),
    summary: markupOf(field(item, 'description')),
    author: textOf(field(item, 'creator')) ?? textOf(field(item, 'author')),
    published: textOf(field(item, 'pubDate')) ?? textOf(field(item, 'date')),
    updated: null,
    categories: categoryTexts(
      [...listOf(field(item, 'categories')), ...listOf(field(item, 'subjects'))],
      categoryText,
    ),
    image: imageOf(item),
  };
}

function atomEntry(item: unknown): RawEntry {
  return {
    id: textOf(field(item, 'id')),
    link: linkText(field(item, 'link')),
    title: textOf(field(item, 'title')),
    content: markupOf(field(item, 'content')),
    summary: markupOf(field(item, 'summary')),
    author: textOf(field(item, 'author')),
    published: textOf(field(item, 'pubDate')),
    updated: null,
    categories: categoryTexts(listOf(field(item, 'rawCategories')), categoryText),
    image: imageOf(item),
  };
}

/**
 * Custom fields asked of rss-parser: Atom categories and RDF subjects, which it drops otherwise,
 * the text elements hidden from its snippets, and the media that carry an entry's picture.
 */
export const RSS_PARSER_ITEM_FIELDS: (string | { keepArray: boolean })[][] = [
  ['category', 'rawCategories', { keepArray: true }],
  ['dc:subject', 'subjects', { keepArray: true }],
  ['gazette:description', 'description'],
  ['gazette:encoded', 'encoded'],
  ['gazette:content', 'content'],
  ['media:content', 'mediaContent', { keepArray: true }],
  ['media:thumbnail', 'mediaThumbnail', { keepArray: true }],
  ['media:group', 'mediaGroup'],
];

/** Maps what rss-parser returned into the neutral shape. */
export function fromRssParser(output: unknown, format: 'rss' | 'atom' | 'rdf'): ParsedFeed {
  const toEntry = format === 'atom' ? atomEntry : rssEntry;
  return {
    format,
    title: textOf(field(output, 'title')),
    siteUrl: linkText(field(output, 'link')),
    entries: listOf(field(output, 'items')).map(toEntry),
  };
}
