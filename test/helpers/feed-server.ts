import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A route handler; `hits` counts requests to that path so far (1 for the first). */
export type Route = (req: IncomingMessage, res: ServerResponse, hits: number) => void;

/** A local HTTP server for feeds, with a request log. */
export interface FeedServer {
  readonly base: string;
  readonly requests: { path: string; headers: IncomingMessage['headers'] }[];
  route(path: string, handler: Route): void;
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 with an ephemeral port. Unknown paths answer 404. */
export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, Route>();
  const hits = new Map<string, number>();
  const requests: FeedServer['requests'] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    requests.push({ path, headers: req.headers });
    const count = (hits.get(path) ?? 0) + 1;
    hits.set(path, count);
    const handler = routes.get(path);
    if (handler) handler(req, res, count);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    route: (path, handler) => routes.set(path, handler),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** A small RSS 2.0 document. */
export function rssFeed(
  title: string,
  items: readonly { id: string; title: string; body: string; date: Date; link?: string; category?: string }[],
): string {
  const esc = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${esc(title)}</title><link>https://example.org/</link>
${items
  .map(
    (
      i,
    ) => `<item><title>${esc(i.title)}</title><guid isPermaLink="false">${esc(i.id)}</guid><link>${esc(i.link ?? `https://example.org/${i.id}`)}</link>
<pubDate>${i.date.toUTCString()}</pubDate>${i.category ? `<category>${esc(i.category)}</category>` : ''}<description>${esc(i.body)}</description></item>`,
  )
  .join('\n')}</channel></rss>`;
}
