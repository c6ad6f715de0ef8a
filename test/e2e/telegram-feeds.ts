import { rssFeed, startFeedServer, type FeedServer } from '../helpers/feed-server.js';

const HOUR = 3_600_000;

/** A feed server with a world feed of three stories (one of them sport) around `t0`. */
export async function startWorldFeed(t0: number): Promise<FeedServer> {
  const server = await startFeedServer();
  server.route('/world.xml', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
      rssFeed('Example World News', [
        {
          id: 'w1',
          title: 'Port blast kills dozens in capital',
          body: 'Two explosions tore through the port on Tuesday, killing at least 60 people, the health ministry said. The cause is under investigation.',
          date: new Date(t0 - HOUR),
          category: 'World',
        },
        {
          id: 'w2',
          title: 'Striker signs for record fee in Premier League',
          body: 'The striker joined the club for a record fee, the Premier League side said on Monday. He signed a five-year contract.',
          date: new Date(t0 - 2 * HOUR),
          category: 'Sport',
        },
        {
          id: 'w3',
          title: 'Storm leaves a million without power',
          body: 'A storm left a million homes without power overnight, the grid operator said. Repairs will take days.',
          date: new Date(t0 - 3 * HOUR),
          category: 'World',
        },
      ]),
    );
  });
  server.route('/page.html', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><p>Just a page.</p></body></html>');
  });
  return server;
}
