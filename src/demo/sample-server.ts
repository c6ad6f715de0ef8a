import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sampleArticles, sampleOutlets, type SampleArticle } from './sample-stories.js';

const xml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const html = (article: SampleArticle): string => article.paragraphs.map((p) => `<p>${p}</p>`).join('');

function rss(base: string, articles: readonly SampleArticle[], now: number): string {
  const items = articles.map(
    (a) => `<item><title>${xml(a.title)}</title><link>${base}/harbour/${a.slug}?utm_source=rss</link>
<guid isPermaLink="false">harbour-${a.slug}</guid><category>${xml(a.category)}</category>
<pubDate>${new Date(now - a.hoursAgo * 3_600_000).toUTCString()}</pubDate>
<description>${xml(html(a))}</description></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbour Times</title><link>${base}/harbour</link>
<description>News from the harbour</description>${items.join('\n')}</channel></rss>`;
}

function atom(base: string, articles: readonly SampleArticle[], now: number): string {
  const entries = articles.map(
    (a) => `<entry><title>${xml(a.title)}</title><link href="${base}/meridian/${a.slug}"/>
<id>tag:meridian.example,2026:${a.slug}</id><category term="${xml(a.category)}"/>
<updated>${new Date(now - a.hoursAgo * 3_600_000).toISOString()}</updated>
<content type="html">${xml(html(a))}</content></entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Daily Meridian</title><link href="${base}/meridian"/>
<id>tag:meridian.example,2026:feed</id><updated>${new Date(now).toISOString()}</updated>${entries.join('\n')}</feed>`;
}

function jsonFeed(base: string, articles: readonly SampleArticle[], now: number): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Northwind Wire',
    home_page_url: `${base}/northwind`,
    items: articles.map((a) => ({
      id: `northwind-${a.slug}`,
      url: `${base}/northwind/${a.slug}`,
      title: a.title,
      content_html: html(a),
      date_published: new Date(now - a.hoursAgo * 3_600_000).toISOString(),
      tags: [a.category],
    })),
  });
}

/** A running sample server and the feed URLs it serves. */
export interface SampleServer {
  readonly urls: readonly string[];
  close(): Promise<void>;
}

/** Serves the three invented outlets' feeds on 127.0.0.1, dated relative to `now`. */
export async function startSampleServer(now: number): Promise<SampleServer> {
  const server: Server = createServer((req, res) => {
    const outlet = (req.url ?? '').split('/')[1]?.replace(/\.\w+$/, '') as
      keyof typeof sampleOutlets | undefined;
    const articles = sampleArticles.filter((a) => a.outlet === outlet);
    const base = `http://${req.headers.host ?? '127.0.0.1'}`;
    if (outlet === 'harbour')
      res
        .writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' })
        .end(rss(base, articles, now));
    else if (outlet === 'meridian')
      res
        .writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8' })
        .end(atom(base, articles, now));
    else if (outlet === 'northwind')
      res.writeHead(200, { 'content-type': 'application/feed+json' }).end(jsonFeed(base, articles, now));
    else res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    urls: [`${base}/harbour.xml`, `${base}/meridian.atom`, `${base}/northwind.json`],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
