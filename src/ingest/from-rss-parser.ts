import type { ParsedFeed, RawEntry } from './feed-shape.js';
import { attributeOf, categoryTexts, field, listOf, textOf } from './text-value.js';

/** A category as xml2js gives it: text (RSS), or `term`/`label` attributes (Atom). */
function categoryText(value: unknown): string | null {
  return attributeOf(value, 'label') ?? attributeOf(value, 'term') ?? textOf(value);
}

/** A link that came back as `<link href="…"/>` inside RSS is an object, not text. */
function linkText(value: unknown): string | null {
  return attributeOf(value, 'href') ?? textOf(value);
}

function rssEntry(item: unknown): RawEntry {
  return {
    id: textOf(field(item, 'guid')) ?? textOf(field(item, 'rdf:about')),
    link: linkText(field(item, 'link')),
    title: textOf(field(item, 'title')),
    // rss-parser puts <description> in `content` for RSS; the full text is content:encoded.
    content: textOf(field(item, 'content:encoded')),
    summary: textOf(field(item, 'content')),
    author: textOf(field(item, 'creator')) ?? textOf(field(item, 'author')),
    published: textOf(field(item, 'pubDate')) ?? textOf(field(item, 'date')),
    updated: null,
    categories: categoryTexts(
      [...listOf(field(item, 'categories')), ...listOf(field(item, 'subjects'))],
      categoryText,
    ),
  };
}

function atomEntry(item: unknown): RawEntry {
  return {
    id: textOf(field(item, 'id')),
    link: linkText(field(item, 'link')),
    title: textOf(field(item, 'title')),
    content: textOf(field(item, 'content')),
    summary: textOf(field(item, 'summary')),
    author: textOf(field(item, 'author')),
    published: textOf(field(item, 'pubDate')),
    updated: null,
    categories: categoryTexts(listOf(field(item, 'rawCategories')), categoryText),
  };
}

/** Custom fields asked of rss-parser: Atom categories and RDF subjects, which it drops otherwise. */
export const RSS_PARSER_ITEM_FIELDS: (string | { keepArray: boolean })[][] = [
  ['category', 'rawCategories', { keepArray: true }],
  ['dc:subject', 'subjects', { keepArray: true }],
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
