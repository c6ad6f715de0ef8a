import { startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { worldFeedXml } from '../helpers/world-feed.js';

/** A feed server with a world feed of three stories (one of them sport) around `t0`. */
export async function startWorldFeed(t0: number): Promise<FeedServer> {
  const server = await startFeedServer();
  server.route('/world.xml', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(worldFeedXml(t0));
  });
  server.route('/page.html', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><p>Just a page.</p></body></html>');
  });
  return server;
}
