import { describe, expect, it } from 'vitest';
import { err, ok } from '../../src/core/result.js';
import type { Item } from '../../src/core/types.js';
import { HttpStatusError, TimeoutError } from '../../src/ingest/errors.js';
import { createHostBreaker } from '../../src/pipeline/host-breaker.js';
import type { Fetcher } from '../../src/ingest/fetch.js';
import {
  betterText,
  extractTexts,
  needsExtraction,
  type ExtractDeps,
} from '../../src/pipeline/extract-pending.js';
import { silentLogger } from '../helpers/logger.js';
import { storedItem } from '../helpers/stored-item.js';

const body = [
  'Harbour officials in Port Selwyn said on Tuesday that two cranes collapsed during a storm, halting cargo traffic for the rest of the week.',
  'The port handles about a third of the region’s container traffic, and shipping firms warned of delays reaching inland warehouses by the weekend.',
  'Engineers from the harbour authority began inspecting the remaining cranes on Wednesday morning, a spokeswoman for the authority said.',
];
const page = `<html><head><title>Cranes</title></head><body><nav><a href="/">Home</a></nav><article>${body
  .map((p) => `<p>${p}</p>`)
  .join('')}<p>Share this story</p></article></body></html>`;
const snippet = 'Two cranes collapsed at Port Selwyn during a storm, halting cargo traffic.';

const item = (id: number, over: Partial<Item> = {}): Item => storedItem(id, { text: snippet, ...over });

function fakeFetcher(
  pages: Record<string, { html: string; type?: string } | 'missing' | 'throws' | 'timeout'>,
): {
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
      if (found === 'timeout') return Promise.resolve(err(new TimeoutError('total', 15_000)));
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

  it('leaves a host that stopped answering alone for a while, then tries it again', async () => {
    let now = 0;
    const breaker = createHostBreaker(() => now);
    const down = (n: number): string => `https://down.fake/story-${n}`;
    const pages: Parameters<typeof fakeFetcher>[0] = {
      'https://news.selwyn-harbour.fake/story-1': { html: page },
      'https://down.fake/answers': { html: page },
    };
    for (let n = 0; n < 30; n++) pages[down(n)] = 'timeout';
    const { fetcher, requested } = fakeFetcher(pages);
    const batch = [item(1), ...Array.from({ length: 30 }, (_, n) => item(100 + n, { url: down(n) }))];
    const { texts } = await extractTexts({ ...deps(fetcher), breaker }, batch);
    // Three timeouts in a row trip the host; a read already started when it tripped may still end.
    const tried = requested.filter((url) => url.startsWith('https://down.fake/')).length;
    expect(tried).toBeGreaterThanOrEqual(3);
    expect(tried).toBeLessThanOrEqual(4);
    expect(texts.get(1)).toBe(body.join('\n\n'));
    expect(texts.get(129)).toBe(snippet);
    expect(breaker.tripped()).toBe(1);

    // Still cooling: nothing is asked of it.
    now += 9 * 60_000;
    requested.length = 0;
    await extractTexts({ ...deps(fetcher), breaker }, [item(200, { url: down(0) })]);
    expect(requested).toEqual([]);

    // Cooled: one read tries it, and an answer, even a 404, clears the record.
    now += 2 * 60_000;
    await extractTexts({ ...deps(fetcher), breaker }, [item(201, { url: 'https://down.fake/answers' })]);
    expect(requested).toEqual(['https://down.fake/answers']);
    expect(breaker.tripped()).toBe(0);
    breaker.record('down.fake', 'timeout');
    expect(breaker.allows('down.fake')).toBe(true);
  });

  it('counts only failures of the host, not of the page, and forgets the oldest of very many hosts', () => {
    const breaker = createHostBreaker(() => 0);
    for (let n = 0; n < 10; n++) breaker.record('up.fake', 'http_status');
    breaker.record('up.fake', 'too_large');
    expect(breaker.allows('up.fake')).toBe(true);
    for (let n = 0; n < 3; n++) breaker.record('gone.fake', 'dns');
    expect(breaker.allows('gone.fake')).toBe(false);
    for (let n = 0; n < 10_000; n++) breaker.record(`h${n}.fake`, 'connect');
    expect(breaker.allows('gone.fake')).toBe(true);
  });
});
