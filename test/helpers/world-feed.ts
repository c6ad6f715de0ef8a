import { rssFeed } from './feed-server.js';

const HOUR = 3_600_000;

/** An RSS world feed of three stories dated before `t0`; one is sport, one names the Premier League. */
export function worldFeedXml(t0: number): string {
  return rssFeed('Example World News', [
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
  ]);
}
