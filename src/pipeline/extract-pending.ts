/**
 * The extract step: for items whose feed carried only a snippet, fetch the article page through the
 * guarded fetcher and take its main text, unless the feed opts out or the page looks worse.
 */

import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import type { Item } from '../core/types.js';
import { decodeBody } from '../ingest/decode.js';
import { createFetcher, type Fetcher } from '../ingest/fetch.js';
import { imageUrlOf } from '../ingest/normalize.js';
import { pageImage } from '../extract/page-image.js';
import type { Store } from '../store/store.js';
import { contentWords } from '../condense/tokens.js';
import { createHostBreaker, type HostBreaker } from './host-breaker.js';
import { createKeyedLimiter } from './limiter.js';

/** What extraction needs. */
export interface ExtractDeps {
  readonly fetcher: Fetcher;
  /** Feed text under this many words is a snippet worth replacing. */
  readonly minWords: number;
  /** Whether pages of this feed may be fetched (the catalog's `extract` flag). */
  readonly enabledFor: (feedId: number) => Promise<boolean>;
  readonly concurrency: number;
  readonly perHostConcurrency: number;
  readonly log: Logger;
  /** Hosts left alone after failing to answer; without it every page is tried. */
  readonly breaker?: HostBreaker;
}

const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';
// A page that repeats this little of the snippet's words is some other page: a consent wall, a
// paywall, a homepage the link redirected to.
const MIN_SNIPPET_COVERAGE = 0.5;

/** Number of words of a text. */
export function countWords(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/u).length;
}

/**
 * The better text of a feed item: the page's article when it is longer than the snippet and
 * repeats most of it, else the feed's own text.
 */
export function betterText(feedText: string, pageText: string | null): string {
  if (pageText === null || countWords(pageText) <= countWords(feedText)) return feedText;
  const snippet = new Set(contentWords(feedText));
  if (snippet.size === 0) return pageText;
  const page = new Set(contentWords(pageText));
  let shared = 0;
  for (const word of snippet) if (page.has(word)) shared++;
  return shared / snippet.size >= MIN_SNIPPET_COVERAGE ? pageText : feedText;
}

// Names reserved for documentation and testing (RFC 2606, RFC 6761) serve no article worth a request.
const RESERVED_HOST = /(?:^|\.)(?:example\.(?:com|net|org)|example|invalid|test|localhost)$/iu;

/** True for a URL whose host is a reserved documentation or test name. */
export function isReservedHost(url: string): boolean {
  try {
    return RESERVED_HOST.test(new URL(url).hostname);
  } catch {
    return true;
  }
}

/** True when an item's own text is a snippet that extraction may replace; history never reaches a digest. */
export function needsExtraction(item: Item, minWords: number): boolean {
  return !item.backlog && item.url !== null && !isReservedHost(item.url) && countWords(item.text) < minWords;
}

/** What a page gave: its article text, and the picture it names for sharing (absolute http(s)). */
interface PageReading {
  readonly text: string | null;
  readonly image: string | null;
}

const NOTHING: PageReading = { text: null, image: null };

async function readPage(deps: ExtractDeps, url: string): Promise<PageReading> {
  const host = hostOf(url);
  const { breaker } = deps;
  if (breaker && !breaker.allows(host)) return NOTHING;
  try {
    const fetched = await deps.fetcher.fetch(url, { accept: PAGE_ACCEPT });
    if (breaker) {
      const open = breaker.allows(host);
      breaker.record(host, fetched.ok ? null : fetched.error.reason);
      if (open && !breaker.allows(host))
        deps.log.info({ host }, 'article pages of this host skipped for a while');
    }
    if (!fetched.ok) {
      deps.log.debug({ url, reason: fetched.error.reason }, 'article page not fetched');
      return NOTHING;
    }
    if (fetched.value.status !== 200) return NOTHING;
    const { body, contentType } = fetched.value;
    if (contentType !== null && !/html|text\/plain/iu.test(contentType)) return NOTHING;
    // Loaded on first use: the DOM and Readability cost a second of start-up to every process.
    const { extractArticle } = await import('../extract/extract-article.js');
    const html = decodeBody(body, contentType);
    return {
      text: extractArticle(html)?.text ?? null,
      image: imageUrlOf(pageImage(html), fetched.value.url),
    };
  } catch (error) {
    // A fetcher never rejects for an expected failure; this is a bug, and the feed text stays.
    deps.log.warn({ err: error, url }, 'article extraction failed');
    return NOTHING;
  }
}

/**
 * The text to condense for each item of a batch, by item id: extracted where that helps, the feed's
 * own text otherwise; and the picture each fetched page names, for items whose feed gave none.
 * Pages are fetched concurrently within the limits, never two per host at once beyond
 * `perHostConcurrency`.
 */
export async function extractTexts(
  deps: ExtractDeps,
  items: readonly Item[],
): Promise<{ texts: Map<number, string>; images: Map<number, string> }> {
  const texts = new Map(items.map((item) => [item.id, item.text]));
  const images = new Map<number, string>();
  const limiter = createKeyedLimiter(deps.concurrency, deps.perHostConcurrency);
  await Promise.all(
    items.map(async (item) => {
      const url = item.url;
      if (url === null || !needsExtraction(item, deps.minWords) || !(await deps.enabledFor(item.feedId)))
        return;
      const page = await limiter.run(hostOf(url), () => readPage(deps, url));
      texts.set(item.id, betterText(item.text, page.text));
      if (item.imageUrl === null && page.image !== null) images.set(item.id, page.image);
    }),
  );
  return { texts, images };
}

/**
 * Extraction as configured: pages through `fetcher` (a guarded fetcher with the page limits when
 * none is given), catalog feeds with `extract: false` left alone; undefined when `minWords` is 0.
 */
export function createExtractDeps(
  config: Config,
  store: Store,
  log: Logger,
  fetcher?: Fetcher,
  now: () => number = Date.now,
): ExtractDeps | undefined {
  const { minWords, concurrency, perHostConcurrency, maxBytes, timeoutMs } = config.extraction;
  if (minWords === 0) return undefined;
  const optedOut = new Set(config.catalog.filter((entry) => !entry.extract).map((entry) => entry.id));
  return {
    fetcher: fetcher ?? createFetcher({ ...config.fetch, maxBytes, timeoutMs }),
    minWords,
    concurrency,
    perHostConcurrency,
    log,
    breaker: createHostBreaker(now),
    enabledFor: async (feedId) => {
      const catalogId = (await store.feeds.get(feedId))?.catalogId ?? null;
      return catalogId === null || !optedOut.has(catalogId);
    },
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
