import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleChat } from '../../src/platforms/console/console-platform.js';
import { createTestApp } from '../helpers/app.js';
import { rssFeed, startFeedServer, type FeedServer } from '../helpers/feed-server.js';

const T0 = Date.UTC(2026, 2, 10, 12);
const lead =
  'Two container cranes collapsed at Port Selwyn during a storm on Tuesday night, halting all cargo traffic at the terminal.';
const article = [
  lead,
  'The harbour authority said no one was hurt and that engineers had begun inspecting the three remaining cranes on Wednesday.',
  'Shipping firms warned customers of delays of up to a week for goods bound for inland warehouses.',
  'The port expects to reopen two of its five berths on Friday if the inspections find no further damage to the quay.',
];
const page = `<!doctype html><html><head><title>Cranes collapse</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Cranes collapse at Port Selwyn</h1><p class="byline">By Mara Quill</p>
${article.map((p) => `<p>${p}</p>`).join('\n')}
<p>Read more: Storm warnings for the whole coast</p></article>
<footer>Copyright © 2026 Harbour Times</footer></body></html>`;

let server: FeedServer;

beforeAll(async () => {
  server = await startFeedServer();
  server.route('/feed.xml', (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
      rssFeed('Harbour Times', [
        {
          id: 'cranes',
          title: 'Cranes collapse at Port Selwyn',
          body: 'Two cranes collapsed at Port Selwyn in a storm.',
          date: new Date(T0 - 3_600_000),
          link: `${server.base}/articles/cranes`,
        },
        {
          id: 'gone',
          title: 'Ferry timetable changes at Port Selwyn',
          body: 'The winter ferry timetable starts on Monday with fewer crossings.',
          date: new Date(T0 - 7_200_000),
          link: `${server.base}/articles/gone`,
        },
      ]),
    ),
  );
  server.route('/articles/cranes', (_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end(page),
  );
});

afterAll(async () => {
  await server.close();
});

describe('extraction in the poll cycle', () => {
  it('summarises the article page of a snippet-only item, and keeps the snippet when the page is missing', async () => {
    const { app, clock } = createTestApp(T0);
    await app.services.subscribe(consoleChat, `${server.base}/feed.xml`, clock.now());
    clock.advance(20 * 60_000);
    await app.pollOnce();
    const items = await app.store.items.recentCondensed(0);
    const cranes = items.find((i) => i.key === 'cranes');
    const gone = items.find((i) => i.key === 'gone');
    expect(cranes?.condensed?.summary).toContain('engineers had begun inspecting');
    expect(cranes?.condensed?.summary).not.toMatch(/Read more|By Mara Quill|Copyright/u);
    expect(gone?.condensed?.summary).toBe(
      'The winter ferry timetable starts on Monday with fewer crossings.',
    );
    expect(server.requests.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/articles/cranes', '/articles/gone']),
    );
    await app.stop();
  });
});
