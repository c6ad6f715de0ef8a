import { decodeHTML } from 'entities';
import { err, ok, type Result } from '../core/result.js';
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

const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const OUTLINE = /<outline\b([^<>]*)>/gi;
const OPML_ROOT = /<opml[\s>]/i;

const attributePattern = (name: string): RegExp =>
  new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'i');
const ATTRIBUTES = {
  xmlUrl: attributePattern('xmlUrl'),
  htmlUrl: attributePattern('htmlUrl'),
  title: attributePattern('title'),
  text: attributePattern('text'),
} as const;

/**
 * One attribute of an outline tag, decoded. Read by name rather than by parsing the whole tag,
 * because real exports break the quoting of one attribute (a description with raw quotes) and
 * the others are still fine.
 */
function attribute(tag: string, name: keyof typeof ATTRIBUTES, max: number): string | null {
  const match = ATTRIBUTES[name].exec(tag);
  const raw = match?.[1] ?? match?.[2];
  if (raw === undefined) return null;
  const value = decodeHTML(raw).replace(NOT_XML_CHARS, '').trim();
  return value === '' || value.length > max ? null : value;
}

/**
 * The feeds of an OPML subscription list, in document order, folders flattened, duplicates
 * dropped. Outlines without `xmlUrl` are folders or notes and are skipped. Tolerates the broken
 * quoting and stray markup of real exports; never throws.
 */
export function parseOpml(text: string): Result<OpmlFeed[], OpmlError> {
  if (text.length > MAX_OPML_CHARS) return err(new OpmlError('too_large', 'The file is larger than 5 MB.'));
  const body = text.replace(COMMENT, '');
  if (!OPML_ROOT.test(body.slice(0, 64 * 1024))) {
    return err(new OpmlError('not_opml', 'The file is not an OPML document.'));
  }
  const feeds: OpmlFeed[] = [];
  const seen = new Set<string>();
  let visited = 0;
  for (const match of body.matchAll(OUTLINE)) {
    visited += 1;
    if (visited > MAX_OUTLINES)
      return err(new OpmlError('too_many', `The file has more than ${MAX_OUTLINES} outlines.`));
    const tag = match[1] ?? '';
    const url = attribute(tag, 'xmlUrl', MAX_URL_CHARS);
    if (url === null || seen.has(url)) continue;
    if (feeds.length === MAX_OPML_FEEDS) {
      return err(new OpmlError('too_many', `The file lists more than ${MAX_OPML_FEEDS} feeds.`));
    }
    seen.add(url);
    const title = attribute(tag, 'title', MAX_TITLE_CHARS) ?? attribute(tag, 'text', MAX_TITLE_CHARS) ?? url;
    feeds.push({ title, url, siteUrl: attribute(tag, 'htmlUrl', MAX_URL_CHARS) });
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
