/**
 * A farm of feeds on 127.0.0.1 for the pipeline bench: N feeds over a few ports (a host each, as
 * far as per-host limits go), items taken from the corpus's real feeds. Time runs in epochs of one
 * poll interval: in each epoch a quarter of the feeds publish one item and the rest answer 304,
 * 2% of the feeds publishing carry the epoch's wire story, and 1% answer slowly. Three hostile feeds
 * ride along: one that takes the whole timeout, one of 5,000 items, one that rewrites every item on
 * every poll.
 */

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An item as the farm serves it. */
export interface FarmItem {
  readonly title: string;
  readonly text: string;
}

export interface FarmOptions {
  readonly feeds: number;
  readonly intervalMs: number;
  readonly ports: number;
  readonly pool: readonly FarmItem[];
  /** How long a slow feed takes to answer. */
  readonly slowMs: number;
  /** Longer than Gazette's fetch timeout: the hostile feed that never finishes in time. */
  readonly hangMs: number;
}

export interface Farm {
  /** Every feed's address; the hostile ones last. */
  readonly urls: readonly string[];
  /** Feeds that will tell the same wire story in the next epoch, whatever they would have done; returns that epoch. */
  tellWire(feedIndexes: readonly number[], title: string): number;
  /** Requests per feed that came sooner than half an interval after the one before. */
  readonly doublePolls: () => number;
  readonly requests: () => number;
  readonly notModified: () => number;
  close(): Promise<void>;
}

const esc = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
// A multiplicative hash: which feeds publish in an epoch looks random but is the same every run.
const mix = (a: number, b: number): number =>
  (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b, 0xc2b2ae35)) >>> 0;

function rss(
  name: string,
  items: readonly { key: string; title: string; text: string; at: number; link: string }[],
): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${esc(name)}</title><link>https://${name}.example/</link>
${items
  .map(
    (i) =>
      `<item><title>${esc(i.title)}</title><guid isPermaLink="false">${esc(i.key)}</guid><link>${esc(i.link)}</link><pubDate>${new Date(i.at).toUTCString()}</pubDate><description>${esc(i.text)}</description></item>`,
  )
  .join('\n')}</channel></rss>`;
}

export async function startFarm(options: FarmOptions): Promise<Farm> {
  const start = Date.now();
  const epochOf = (t: number): number => Math.floor((t - start) / options.intervalMs);
  const HANG = options.feeds;
  const HUGE = options.feeds + 1;
  const CHURN = options.feeds + 2;
  const total = options.feeds + 3;
  const lastRequest = new Float64Array(total);
  let doubles = 0;
  let requests = 0;
  let notModified = 0;
  // Wire stories queued for a feed: told in the epoch after they were queued.
  const wire = new Map<number, { title: string; epoch: number }[]>();
  const pool = options.pool;
  const pick = (n: number): FarmItem => pool[n % pool.length] ?? { title: 'Untitled', text: 'Nothing.' };

  /** The newest 20 items of a feed at an epoch: the epochs it published in, newest first. */
  const itemsOf = (feed: number, epoch: number) => {
    const items: { key: string; title: string; text: string; at: number; link: string }[] = [];
    const wired = wire.get(feed) ?? [];
    for (let e = epoch; e >= 0 && items.length < 20 && e > epoch - 400; e--) {
      const told = wired.find((w) => w.epoch === e);
      if (told !== undefined) {
        const source = pick(mix(told.title.length, 7));
        items.push({
          key: `wire-${e}-${feed}`,
          title: told.title,
          text: source.text,
          at: start + e * options.intervalMs,
          link: `https://f${feed}.example/wire/${e}`,
        });
        continue;
      }
      if (e > 0 && mix(feed, e) % 4 !== 0) continue;
      // One feed in fifty that publishes in an epoch tells that epoch's wire story.
      if (e > 0 && mix(feed, e + 99) % 50 === 0) {
        const story = pick(mix(e, 3));
        items.push({
          key: `wire-auto-${e}-${feed}`,
          title: story.title,
          text: story.text,
          at: start + e * options.intervalMs,
          link: `https://f${feed}.example/wire-auto/${e}`,
        });
        continue;
      }
      const source = pick(mix(feed, e + 1));
      items.push({
        key: `f${feed}-e${e}`,
        title: source.title,
        text: source.text,
        at: start + e * options.intervalMs,
        link: `https://f${feed}.example/${e}`,
      });
    }
    return items;
  };
  /** The epoch of a feed's newest item: its version, for the ETag. */
  const versionOf = (feed: number, epoch: number): number => {
    const wired = wire.get(feed) ?? [];
    for (let e = epoch; e > 0; e--) if (mix(feed, e) % 4 === 0 || wired.some((w) => w.epoch === e)) return e;
    return 0;
  };

  const servers: Server[] = [];
  const ports: number[] = [];
  for (let p = 0; p < options.ports; p++) {
    const server = createServer((req, res) => {
      const match = /^\/f(\d+)\.xml$/.exec(req.url ?? '');
      const feed = match?.[1] === undefined ? -1 : Number(match[1]);
      if (feed < 0 || feed >= total) return void res.writeHead(404).end();
      const now = Date.now();
      requests++;
      if (
        lastRequest[feed] !== 0 &&
        now - (lastRequest[feed] ?? 0) < options.intervalMs / 2 &&
        feed < options.feeds
      )
        doubles++;
      lastRequest[feed] = now;
      const epoch = epochOf(now);
      if (feed === HANG) return void setTimeout(() => res.destroy(), options.hangMs).unref();
      let body: string;
      let etag: string;
      if (feed === HUGE) {
        etag = `"huge"`;
        body = rss(
          `f${feed}`,
          Array.from({ length: 5_000 }, (_, i) => ({
            key: `h${i}`,
            ...pick(i),
            at: start - i * 60_000,
            link: `https://huge.example/${i}`,
          })),
        );
      } else if (feed === CHURN) {
        etag = `"churn-${requests}"`;
        body = rss(
          `f${feed}`,
          Array.from({ length: 20 }, (_, i) => ({
            key: `c${i}`,
            title: `${pick(i).title} (${requests})`,
            text: `${requests}: ${pick(i).text}`,
            at: now - i * 60_000,
            link: `https://churn.example/${i}`,
          })),
        );
      } else {
        etag = `"${feed}-${versionOf(feed, epoch)}"`;
        if (req.headers['if-none-match'] === etag) {
          notModified++;
          return void res.writeHead(304, { etag }).end();
        }
        body = rss(`f${feed}`, itemsOf(feed, epoch));
      }
      const send = (): void =>
        void res.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(body);
      if (feed % 100 === 37) setTimeout(send, options.slowMs).unref();
      else send();
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    ports.push((server.address() as AddressInfo).port);
  }
  const urls = Array.from(
    { length: total },
    (_, i) => `http://127.0.0.1:${ports[i % ports.length] ?? 0}/f${i}.xml`,
  );
  return {
    urls,
    tellWire(feeds, title) {
      const epoch = epochOf(Date.now()) + 1;
      for (const feed of feeds) wire.set(feed, [...(wire.get(feed) ?? []), { title, epoch }]);
      return epoch;
    },
    doublePolls: () => doubles,
    requests: () => requests,
    notModified: () => notModified,
    close: async () => {
      for (const server of servers) server.closeAllConnections();
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => {
                resolve();
              });
            }),
        ),
      );
    },
  };
}
