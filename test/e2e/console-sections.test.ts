import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsoleWithFeeds, type ConsoleWithFeeds } from '../helpers/app.js';
import { rssFeed } from '../helpers/feed-server.js';

const T0 = Date.UTC(2026, 10, 28, 6, 0);
const HOUR = 3_600_000;
let chat: ConsoleWithFeeds;

// Headlines and texts that name no topic on their own: only where they were filed tells.
const item = (id: string, place: string, hoursAgo: number, link: string) => ({
  id,
  title: `Long wait ends for ${place}`,
  body: `${place} ended a long wait at the weekend, with thousands watching.`,
  date: new Date(T0 - hoursAgo * HOUR),
  link,
});

beforeAll(async () => {
  chat = await startConsoleWithFeeds(T0, {
    '/feeds/sport/rss.xml': rssFeed('Example Times - Sport', [
      item('s1', 'Harbour Town', 1, 'https://times.example/a/8841'),
    ]),
    '/all.xml': rssFeed('Example Post', [
      item('p1', 'Lake Marden', 2, 'https://post.example/sport/2026/nov/27/lake-marden'),
      {
        id: 'p2',
        title: 'Ferry timetable changes from Monday',
        body: 'The ferry company changed its timetable from Monday, it said in a statement.',
        date: new Date(T0 - 3 * HOUR),
        link: 'https://post.example/a/9912',
      },
    ]),
  });
});

afterAll(async () => {
  await chat.stop();
});

describe('topics from where a story was filed', () => {
  it('mutes the items of a section feed and of an article filed under the section', async () => {
    expect(await chat.type(`/subscribe ${chat.server.base}/feeds/sport/rss.xml`)).toContain('Now following');
    expect(await chat.type(`/subscribe ${chat.server.base}/all.xml`)).toContain('Now following');
    expect(await chat.type('/mute sport')).toContain('Muted Sport');
    const digest = await chat.type('/digest');
    expect(digest).toContain('Ferry timetable changes from Monday');
    expect(digest).not.toContain('Harbour Town');
    expect(digest).not.toContain('Lake Marden');
    expect(digest).toMatch(/muted: Sport/u);
  });
});
