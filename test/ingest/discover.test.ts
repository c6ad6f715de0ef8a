import { describe, expect, it } from 'vitest';
import { readPages } from '../../bench/lib/eval-extraction.js';
import { advertisedFeeds, MAX_ADVERTISED_FEEDS } from '../../src/ingest/discover.js';
import { corpusAvailable } from '../condense/corpus.js';

const PAGE = 'https://news.example.org/section/index.html';
const head = (links: string, rest = '') =>
  `<!doctype html><html><head><meta charset="utf-8">${links}</head><body>${rest}</body></html>`;

describe('advertisedFeeds', () => {
  it('reads RSS, Atom and JSON Feed links in page order, resolved against the page', () => {
    const html = head(
      '<link rel="alternate" type="application/rss+xml" href="/feed.xml">' +
        '<link rel="alternate" type="application/atom+xml; charset=utf-8" href="atom.xml">' +
        '<link rel="alternate" type="application/feed+json" href="https://cdn.example.org/feed.json#top">',
    );
    expect(advertisedFeeds(html, PAGE)).toEqual([
      'https://news.example.org/feed.xml',
      'https://news.example.org/section/atom.xml',
      'https://cdn.example.org/feed.json',
    ]);
  });

  it('honours <base href>, rel lists and letter case', () => {
    const html = head(
      '<base href="https://static.example.org/a/"><LINK REL="Alternate Home" TYPE="Application/RSS+XML" HREF="rss">',
    );
    expect(advertisedFeeds(html, PAGE)).toEqual(['https://static.example.org/a/rss']);
  });

  it('skips links that are not feeds, not http(s), repeated or the page itself', () => {
    const html = head(
      '<link rel="stylesheet" type="text/css" href="/s.css">' +
        '<link rel="alternate" hreflang="de" href="/de/">' +
        '<link rel="alternate" type="text/html" href="/print">' +
        '<link rel="alternate" type="application/json" href="/wp-json/wp/v2/posts/7">' +
        '<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">' +
        '<link rel="alternate" type="application/rss+xml" href="ftp://example.org/feed">' +
        '<link rel="alternate" type="application/rss+xml" href="http://[bad">' +
        `<link rel="alternate" type="application/rss+xml" href="${PAGE}">` +
        '<link rel="alternate" type="application/rss+xml" href="/feed.xml">' +
        '<link rel="alternate" type="application/rss+xml" href="/feed.xml#again">',
    );
    expect(advertisedFeeds(html, PAGE)).toEqual(['https://news.example.org/feed.xml']);
  });

  it('reads only the head, and at most a few feeds', () => {
    const many = Array.from(
      { length: 50 },
      (_, i) => `<link rel="alternate" type="application/rss+xml" href="/f${i}.xml">`,
    ).join('');
    expect(advertisedFeeds(head(many), PAGE)).toHaveLength(MAX_ADVERTISED_FEEDS);
    const inBody = head('', '<link rel="alternate" type="application/rss+xml" href="/body.xml">');
    expect(advertisedFeeds(inBody, PAGE)).toEqual([]);
  });

  it('copes with pages that are not well formed or never close their head', () => {
    expect(advertisedFeeds('', PAGE)).toEqual([]);
    expect(advertisedFeeds('<link rel=alternate type=application/rss+xml href=/x.xml', PAGE)).toEqual([]);
    const unclosed = `<html><head><link rel=alternate type=application/rss+xml href=/x.xml>${'<p>x'.repeat(100_000)}`;
    expect(advertisedFeeds(unclosed, PAGE)).toEqual(['https://news.example.org/x.xml']);
  });
});

const corpus = corpusAvailable('feed discovery corpus');

describe.skipIf(!corpus)('advertisedFeeds on real article pages', () => {
  it('finds a feed on every page whose head advertises one, the site feed before comment feeds', () => {
    const advertises = /<link\b[^>]*\balternate\b[^>]*application\/(?:rss|atom)\+xml/i;
    let pages = 0;
    for (const { id, html } of readPages()) {
      const feeds = advertisedFeeds(html, `https://site.example/${id}`);
      const headEnd = html.search(/<\/head\s*>/i);
      if (advertises.test(headEnd === -1 ? html : html.slice(0, headEnd))) {
        pages += 1;
        expect(feeds.length, id).toBeGreaterThan(0);
        expect(feeds[0], id).not.toMatch(/comments/i);
      }
      expect(feeds.length, id).toBeLessThanOrEqual(MAX_ADVERTISED_FEEDS);
    }
    expect(pages).toBeGreaterThan(30);
  });
});
