import { describe, expect, it } from 'vitest';
import { err, ok } from '../../src/core/result.js';
import type { Item } from '../../src/core/types.js';
import { HttpStatusError } from '../../src/ingest/errors.js';
import type { Fetcher } from '../../src/ingest/fetch.js';
import {
  betterText,
  extractTexts,
  needsExtraction,
  type ExtractDeps,
} from '../../src/pipeline/extract-pending.js';
import { silentLogger } from '../helpers/logger.js';

const body = [
  'Harbour officials in Port Selwyn said on Tuesday that two cranes collapsed during a storm, halting cargo traffic for the rest of the week.',
  'The port handles about a third of the region’s container traffic, and shipping firms warned of delays reaching inland warehouses by the weekend.',
  'Engineers from the harbour authority began inspecting the remaining cranes on Wednesday morning, a spokeswoman for the authority said.',
];
const page = `<html><head><title>Cranes</title></head><body><nav><a href="/">Home</a></nav><article>${body
  .map((p) => `<p>${p}</p>`)
  .join('')}<p>Share this story</p></article></body></html>`;
const snippet = 'Two cranes collapsed at Port Selwyn during a storm, halting cargo traffic.';

const item = (id: number, over: Partial<Item> = {}): Item => ({
  id,
  feedId: 1,
  key: `k${id}`,
  url: `https://news.selwyn-harbour.fake/story-${id}`,
  title: 'Cranes collapse at Port Selwyn',
  text: snippet,
  author: null,
  publishedAt: 0,
  categories: [],
  imageUrl: null,
  contentHash: `h${id}`,
  firstSeenAt: 0,
  backlog: false,
  storyId: null,
  condensed: null,
  ...over,
});

function fakeFetcher(pages: Record<string, { html: string; type?: string } | 'missing' | 'throws'>): {
  fetcher: Fetcher;
  requested: string[];
} {
  const requested: string[] = [];
  const fetcher: Fetcher = {
    fetch(url) {
      requested.push(url);
      const found = pages[url] ?? 'missing';
      if (found === 'throws') return Promise.reject(new Error('bug'));
      if (found === 'missing') return Promise.resolve(err(new HttpStatusError(404, null)));
      return Promise.resolve(
        ok({
          status: 200 as const,
          url,
          permanentUrl: null,
          body: new TextEncoder().encode(found.html),
          contentType: found.type ?? 'text/html; charset=utf-8',
          etag: null,
          lastModified: null,
        }),
      );
    },
  };
  return { fetcher, requested };
}

const deps = (fetcher: Fetcher, enabled = true): ExtractDeps => ({
  fetcher,
  minWords: 80,
  enabledFor: () => Promise.resolve(enabled),
  concurrency: 4,
  perHostConcurrency: 2,
  log: silentLogger(),
});

describe('betterText', () => {
  it('takes a longer page that repeats the snippet', () => {
    expect(betterText(snippet, body.join('\n\n'))).toBe(body.join('\n\n'));
  });

  it('keeps the feed text when the page is shorter, missing or about something else', () => {
    expect(betterText(snippet, null)).toBe(snippet);
    expect(betterText(snippet, 'Port Selwyn cranes.')).toBe(snippet);
    const consent =
      'We and our partners use cookies to personalise content and ads, to provide social media features and to analyse our traffic. Accept all or manage your choices.';
    expect(betterText(snippet, consent)).toBe(snippet);
  });
});

describe('extractTexts', () => {
  it('replaces a snippet with the article of its page, and leaves a full text alone', async () => {
    const long = item(2, { text: `${body.join(' ')} ${body.join(' ')}`.repeat(2) });
    const { fetcher, requested } = fakeFetcher({
      'https://news.selwyn-harbour.fake/story-1': { html: page },
    });
    const { texts: texts } = await extractTexts(deps(fetcher), [item(1), long]);
    expect(texts.get(1)).toBe(body.join('\n\n'));
    expect(texts.get(2)).toBe(long.text);
    expect(requested).toEqual(['https://news.selwyn-harbour.fake/story-1']);
    expect(needsExtraction(long, 80)).toBe(false);
    expect(needsExtraction(item(3, { backlog: true }), 80)).toBe(false);
    expect(needsExtraction(item(4, { url: 'https://example.org/story' }), 80)).toBe(false);
    expect(needsExtraction(item(5, { url: 'https://www.example.invalid/story' }), 80)).toBe(false);
  });

  it('keeps the feed text when the fetch fails, throws, or the feed opts out', async () => {
    const { fetcher, requested } = fakeFetcher({
      'https://news.selwyn-harbour.fake/story-1': 'missing',
      'https://news.selwyn-harbour.fake/story-2': 'throws',
      'https://news.selwyn-harbour.fake/story-3': { html: '%PDF-1.4', type: 'application/pdf' },
    });
    const { texts: texts } = await extractTexts(deps(fetcher), [
      item(1),
      item(2),
      item(3),
      item(4, { url: null }),
    ]);
    expect([...texts.values()]).toEqual([snippet, snippet, snippet, snippet]);
    expect(requested).toHaveLength(3);
    const optedOut = fakeFetcher({ 'https://news.selwyn-harbour.fake/story-1': { html: page } });
    const { texts: kept } = await extractTexts(deps(optedOut.fetcher, false), [item(1)]);
    expect(kept.get(1)).toBe(snippet);
    expect(optedOut.requested).toEqual([]);
  });
});
