import { createTimeSlicer } from '../core/time-slice.js';
import type { NormalizedItem } from '../core/types.js';
import { err, ok, type Result } from '../core/result.js';
import { declaredIntervalMs } from './cache-hints.js';
import { decodeBody } from './decode.js';
import { advertisedFeeds } from './discover.js';
import { abortReason, NotAFeedError, type IngestError } from './errors.js';
import type { Fetcher } from './fetch.js';
import { htmlToLine } from './html-text.js';
import { canonicalUrl, normalizeEntriesInSlices } from './normalize.js';
import { parseFeed } from './parse-feed.js';

/** Work between two turns of the event loop while a feed's entries are normalised. */
const NORMALIZE_SLICE_MS = 20;

/** A feed's content, read and normalised. */
export interface FeedContent {
  readonly title: string | null;
  /** The site's home page, absolute. */
  readonly siteUrl: string | null;
  readonly items: NormalizedItem[];
}

/** What a poll learned of how often the publisher wants the feed read. */
export interface FeedCadence {
  /** Freshness lifetime from the response's caching headers. */
  readonly httpMaxAgeMs: number | null;
  /** The feed's own `<ttl>` or syndication-module period (null on a 304). */
  readonly declaredMs: number | null;
}

/** The outcome of polling a feed once. */
export type FeedRead =
  | { readonly notModified: true; readonly url: string; readonly cadence: FeedCadence }
  | {
      readonly notModified: false;
      readonly cadence: FeedCadence;
      readonly url: string;
      readonly permanentUrl: string | null;
      readonly title: string | null;
      readonly siteUrl: string | null;
      readonly etag: string | null;
      readonly lastModified: string | null;
      readonly items: NormalizedItem[];
    };

const MAX_FEED_TITLE_CHARS = 200;

/** Decodes, parses and normalises a feed body without touching the network. */
export async function readFeedBytes(
  body: Uint8Array,
  contentType: string | null,
  feedUrl: string,
  now: number,
): Promise<Result<FeedContent, IngestError>> {
  return readFeedText(decodeBody(body, contentType), feedUrl, now);
}

/** Parses and normalises a decoded feed. */
async function readFeedText(
  text: string,
  feedUrl: string,
  now: number,
): Promise<Result<FeedContent, IngestError>> {
  const parsed = await parseFeed(text);
  if (!parsed.ok) return parsed;
  const feed = parsed.value;
  // Building the parsed feed was one piece of work; normalising is sliced from a fresh start.
  const slicer = createTimeSlicer(NORMALIZE_SLICE_MS);
  await slicer.yield();
  return ok({
    title: htmlToLine(feed.title, MAX_FEED_TITLE_CHARS),
    siteUrl: feed.siteUrl === null ? null : canonicalUrl(feed.siteUrl, feedUrl),
    items: await normalizeEntriesInSlices(feed, { feedUrl, now }, slicer),
  });
}

/**
 * Fetches a feed with the validators of its last good response and reads it: a 304 gives
 * `notModified`, a 200 the feed's title, site, new validators and normalised items. With
 * `discover`, a web page is read as the first feed it advertises that can be read, and the result's
 * `permanentUrl` is that feed's address.
 */
export async function readFeed(
  fetcher: Fetcher,
  feed: { url: string; etag: string | null; lastModified: string | null },
  now: number,
  options: { readonly discover?: boolean; readonly signal?: AbortSignal } = {},
): Promise<Result<FeedRead, IngestError>> {
  const fetched = await fetcher.fetch(feed.url, {
    validators: { etag: feed.etag, lastModified: feed.lastModified },
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  if (!fetched.ok) return err(fetched.error);
  const response = fetched.value;
  const httpMaxAgeMs = response.maxAgeMs ?? null;
  if (response.status === 304)
    return ok({ notModified: true, url: response.url, cadence: { httpMaxAgeMs, declaredMs: null } });
  const text = decodeBody(response.body, response.contentType);
  const content = await readFeedText(text, response.url, now);
  if (!content.ok) {
    const isPage = content.error instanceof NotAFeedError && content.error.what === 'web page';
    return isPage && options.discover === true
      ? readAdvertisedFeed(fetcher, text, response.url, now, options.signal)
      : content;
  }
  return ok({
    notModified: false,
    cadence: { httpMaxAgeMs, declaredMs: declaredIntervalMs(text) },
    url: response.url,
    permanentUrl: response.permanentUrl,
    title: content.value.title,
    siteUrl: content.value.siteUrl,
    etag: response.etag,
    lastModified: response.lastModified,
    items: content.value.items,
  });
}

// Only the page's own word is followed, never a guess at /feed or /rss: each candidate goes through
// the same guarded fetch, and a candidate that is itself a page is not searched again.
async function readAdvertisedFeed(
  fetcher: Fetcher,
  page: string,
  pageUrl: string,
  now: number,
  signal: AbortSignal | undefined,
): Promise<Result<FeedRead, IngestError>> {
  const candidates = advertisedFeeds(page, pageUrl);
  if (candidates.length === 0) return err(new NotAFeedError('page naming no feed'));
  let firstError: IngestError | null = null;
  for (const url of candidates) {
    // The caller's time is shared by the page and every feed it names.
    if (signal?.aborted === true) {
      firstError ??= abortReason(signal);
      break;
    }
    const read = await readFeed(
      fetcher,
      { url, etag: null, lastModified: null },
      now,
      signal === undefined ? {} : { signal },
    );
    if (read.ok && !read.value.notModified)
      return ok({ ...read.value, permanentUrl: read.value.permanentUrl ?? url });
    if (!read.ok) firstError ??= read.error;
  }
  return err(new NotAFeedError('page naming broken feeds', firstError));
}
