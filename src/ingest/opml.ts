import { parseOpml as feedsmithParseOpml } from 'feedsmith';
import { err, ok, type Result } from '../core/result.js';
import { field, listOf, textOf } from './text-value.js';
import { NOT_XML_CHARS } from './xml-chars.js';

/** One feed of a subscription list. */
export interface OpmlFeed {
  readonly title: string;
  readonly url: string;
  readonly siteUrl?: string | null;
}

/** Why an OPML document could not be used; `message` is safe to show to the user. */
export class OpmlError extends Error {
  override readonly name = 'OpmlError';
  constructor(
    readonly code: 'too_large' | 'too_many' | 'not_opml',
    message: string,
  ) {
    super(message);
  }
}

/** Largest OPML text read; a subscription list of a thousand feeds is about 200 kB. */
const MAX_OPML_CHARS = 5 * 1024 * 1024;
/** Most feeds one list may hold. */
export const MAX_OPML_FEEDS = 1000;
/** Most outlines visited, folders included; beyond it the document is an attack, not a list. */
const MAX_OUTLINES = 10_000;
const MAX_TITLE_CHARS = 200;
const MAX_URL_CHARS = 2048;

function attribute(outline: unknown, name: string, max: number): string | null {
  const value = textOf(field(outline, name))?.trim() ?? '';
  return value === '' || value.length > max ? null : value;
}

/**
 * The feeds of an OPML subscription list, in document order, folders flattened, duplicates
 * dropped. Outlines without `xmlUrl` are folders or notes and are skipped. Never throws.
 */
export function parseOpml(text: string): Result<OpmlFeed[], OpmlError> {
  if (text.length > MAX_OPML_CHARS) return err(new OpmlError('too_large', 'The file is larger than 5 MB.'));
  let document: unknown;
  try {
    document = feedsmithParseOpml(text);
  } catch {
    return err(new OpmlError('not_opml', 'The file is not a readable OPML document.'));
  }
  const feeds: OpmlFeed[] = [];
  const seen = new Set<string>();
  // Depth-first with an explicit stack, so a deeply nested hostile file cannot overflow ours.
  const stack: unknown[] = [...listOf(field(document, 'body', 'outlines'))].reverse();
  let visited = 0;
  while (stack.length > 0) {
    const outline = stack.pop();
    visited += 1;
    if (visited > MAX_OUTLINES)
      return err(new OpmlError('too_many', `The file has more than ${MAX_OUTLINES} outlines.`));
    const children = listOf(field(outline, 'outlines'));
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]);
    const url = attribute(outline, 'xmlUrl', MAX_URL_CHARS);
    if (url === null || seen.has(url)) continue;
    if (feeds.length === MAX_OPML_FEEDS) {
      return err(new OpmlError('too_many', `The file lists more than ${MAX_OPML_FEEDS} feeds.`));
    }
    seen.add(url);
    const title =
      attribute(outline, 'title', MAX_TITLE_CHARS) ?? attribute(outline, 'text', MAX_TITLE_CHARS) ?? url;
    feeds.push({ title, url, siteUrl: attribute(outline, 'htmlUrl', MAX_URL_CHARS) });
  }
  return ok(feeds);
}

/** Text safe inside a double-quoted XML attribute or an element. */
function escapeXml(text: string): string {
  return text
    .replace(NOT_XML_CHARS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** An OPML 2.0 subscription list of `feeds` under `title`, every value escaped. */
export function buildOpml(title: string, feeds: readonly OpmlFeed[]): string {
  const outlines = feeds.map((feed) => {
    const name = escapeXml(feed.title);
    const site =
      feed.siteUrl === undefined || feed.siteUrl === null ? '' : ` htmlUrl="${escapeXml(feed.siteUrl)}"`;
    return `    <outline type="rss" text="${name}" title="${name}" xmlUrl="${escapeXml(feed.url)}"${site}/>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeXml(title)}</title>`,
    '  </head>',
    '  <body>',
    ...outlines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}
