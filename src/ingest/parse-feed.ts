import { EventEmitter } from 'node:events';
import Parser from 'rss-parser';
import { parseFeed as feedsmithParse } from 'feedsmith';
import { err, ok, type Result } from '../core/result.js';
import { MalformedFeedError, NotAFeedError, type IngestError } from './errors.js';
import { entrySlices } from './entry-slices.js';
import type { ParsedFeed, RawEntry } from './feed-shape.js';
import { fromFeedsmith } from './from-feedsmith.js';
import { fromRssParser, hideFromSnippets, RSS_PARSER_ITEM_FIELDS } from './from-rss-parser.js';
import { readJsonFeed } from './json-feed.js';
import { repairTruncatedJson } from './json-repair.js';
import { sniffDocument } from './sniff.js';
import { rawMarkupAsHtml, xhtmlAsHtml } from './xhtml-text.js';
import { repairReferencesInSlices } from './xml-entities.js';
import { isWellNested, repairFeedXml } from './xml-repair.js';

export type { ParsedFeed, RawEntry } from './feed-shape.js';

/** Characters xml2js reads between two turns of the event loop: well under a millisecond's work. */
const XML_CHUNK_CHARS = 64 * 1024;

/** The xml2js parser inside rss-parser, whose events tell when reading is done; null if it has none. */
function xmlEventsOf(parser: Parser): EventEmitter | null {
  const inner: unknown = Reflect.get(parser, 'xmlParser');
  return inner instanceof EventEmitter ? inner : null;
}

function newRssParser(chunked: boolean): Parser {
  return new Parser({
    defaultRSS: 2,
    customFields: { item: RSS_PARSER_ITEM_FIELDS },
    xml2js: {
      tagNameProcessors: [hideFromSnippets],
      ...(chunked ? { async: true, chunkSize: XML_CHUNK_CHARS } : {}),
    },
  });
}

/**
 * Reads with rss-parser; null when it throws (bad XML, or one of its TypeErrors and RangeErrors).
 * A parser per document (about 7 µs): after an XML error xml2js resumes the old SAX stream into
 * the reset parser, and a shared one then took seconds on the next hostile document. xml2js reads
 * in chunks with a turn of the event loop between them, so a large feed never holds up the bot.
 */
async function viaRssParser(xml: string, format: 'rss' | 'atom' | 'rdf'): Promise<ParsedFeed | null> {
  let parser = newRssParser(true);
  const events = xmlEventsOf(parser);
  // Without those events a builder that throws would go unnoticed: read in one piece instead.
  if (events === null) parser = newRssParser(false);
  try {
    const output = await new Promise<unknown>((resolve, reject) => {
      // rss-parser builds its output when xml2js ends. In chunked mode xml2js swallows what a
      // builder throws there, and rss-parser's promise would never settle: registered first, this
      // listener gives up on the document once that build had its chance.
      events?.once('end', () => {
        setImmediate(() => {
          reject(new Error('rss-parser could not build the feed'));
        });
      });
      parser.parseString(xml).then(resolve, reject);
    });
    return fromRssParser(output, format);
  } catch {
    return null;
  }
}

function viaFeedsmith(xml: string): ParsedFeed | null {
  try {
    return fromFeedsmith(feedsmithParse(xml));
  } catch {
    return null;
  }
}

/** Characters feedsmith reads in one piece: its parse does not yield, and costs about 50 ms a MiB. */
const FEEDSMITH_PIECE_CHARS = 256 * 1024;

/**
 * feedsmith over a large document a run of entries at a time, with a turn of the event loop
 * between runs, so a 5 MiB feed that only feedsmith can read never holds up the bot. A piece it
 * cannot read loses only its own entries.
 */
async function viaFeedsmithInPieces(xml: string): Promise<ParsedFeed | null> {
  const pieces = await entrySlices(xml, FEEDSMITH_PIECE_CHARS);
  if (pieces === null) return viaFeedsmith(xml);
  let feed: ParsedFeed | null = null;
  const entries: RawEntry[] = [];
  for (const piece of pieces) {
    await new Promise((resolve) => setImmediate(resolve));
    const part = viaFeedsmith(piece);
    if (part === null) continue;
    feed ??= part;
    entries.push(...part.entries);
  }
  return feed === null ? null : { ...feed, entries };
}

/** Text that has an item or entry start tag, so a result without entries lost them. */
const MAY_HOLD_ENTRIES = /<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s>]/;

// xml2js loses the order of text around child elements, so Atom `type="xhtml"` titles and content
// come out scrambled: they are rewritten as escaped HTML first, or read by feedsmith, which keeps
// the markup as written, when that rewrite cannot find their end.
const XHTML_TEXT = /type\s*=\s*["']xhtml["']/;

/**
 * The chain FEED-PARSING.md measured: rss-parser, then rss-parser on a truncation repair, then
 * feedsmith on the original and the repair. The first result with entries wins; a feed that
 * truly has none is returned empty.
 */
async function parseXmlFeed(
  raw: string,
  format: 'rss' | 'atom' | 'rdf',
): Promise<Result<ParsedFeed, IngestError>> {
  const xml = rawMarkupAsHtml(await repairReferencesInSlices(raw));
  let source = xml;
  const hasXhtml = format === 'atom' && XHTML_TEXT.test(xml);
  if (hasXhtml) {
    const rewritten = xhtmlAsHtml(xml);
    if (rewritten === null) {
      const preferred = viaFeedsmith(xml);
      if (preferred !== null && preferred.entries.length > 0) return ok(preferred);
    } else {
      source = rewritten;
    }
  }
  const plain = (await isWellNested(source)) ? await viaRssParser(source, format) : null;
  if (plain !== null && (plain.entries.length > 0 || !MAY_HOLD_ENTRIES.test(xml))) return ok(plain);
  // A repair cuts a truncated feed back to its last whole entry, whose xhtml can then be rewritten.
  const cut = await repairFeedXml(source);
  const repaired = cut !== null && hasXhtml ? (xhtmlAsHtml(cut) ?? cut) : cut;
  const fallbacks: (() => ParsedFeed | null | Promise<ParsedFeed | null>)[] = [
    async () =>
      repaired === null || !(await isWellNested(repaired)) ? null : viaRssParser(repaired, format),
    () => viaFeedsmithInPieces(xml),
    () => (repaired === null ? null : viaFeedsmithInPieces(repaired)),
  ];
  let empty = plain;
  for (const attempt of fallbacks) {
    const feed = await attempt();
    if (feed !== null && feed.entries.length > 0) return ok(feed);
    empty ??= feed;
  }
  if (empty !== null) return ok(empty);
  // The parsers refuse some feeds that are only a root and a channel (no version, no title);
  // with no item or entry in the text there is nothing to lose, so it reads as an empty feed.
  if (!MAY_HOLD_ENTRIES.test(xml)) return ok({ format, title: null, siteUrl: null, entries: [] });
  return err(new MalformedFeedError());
}

function parseJsonText(text: string): { document: unknown } | null {
  try {
    return { document: JSON.parse(text) as unknown };
  } catch {
    return null;
  }
}

function parseJson(text: string): Result<ParsedFeed, IngestError> {
  const parsed = parseJsonText(text) ?? parseJsonText(repairTruncatedJson(text) ?? '');
  if (parsed === null) return err(new MalformedFeedError());
  const feed = readJsonFeed(parsed.document);
  return feed === null ? err(new NotAFeedError('document')) : ok(feed);
}

/**
 * Parses RSS 0.9x–2.0, RDF, Atom and JSON Feed text. Never throws: a web page, an OPML list or
 * another document is `not_a_feed`, a feed no parser can read is `malformed`.
 */
export async function parseFeed(text: string): Promise<Result<ParsedFeed, IngestError>> {
  const sniffed = sniffDocument(text);
  switch (sniffed.kind) {
    case 'feed':
      return parseXmlFeed(sniffed.text, sniffed.format);
    case 'json':
      return parseJson(sniffed.text);
    case 'html':
      return err(new NotAFeedError('web page'));
    case 'opml':
      return err(new NotAFeedError('outline list'));
    case 'empty':
      return err(new NotAFeedError('empty'));
    case 'other':
      return err(new NotAFeedError('document'));
  }
}
