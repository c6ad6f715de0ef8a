import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsoleWithFeeds, type ConsoleWithFeeds } from '../helpers/app.js';
import { rssFeed } from '../helpers/feed-server.js';

const T0 = Date.UTC(2026, 10, 28, 6, 0);
const HOUR = 3_600_000;
let chat: ConsoleWithFeeds;

const english = [
  [
    'Council approves new cycle lanes for the city centre',
    'The council voted on Tuesday to build three new cycle lanes in the city centre by next spring.',
  ],
  [
    'Rail strike called off after late talks',
    'Union leaders called off the planned strike after talks with the operator ran late into the night.',
  ],
  [
    'Library reopens after two years of repairs',
    'The central library reopened its doors on Monday after repairs that took two years to finish.',
  ],
  [
    'Heavy rain expected across the region this weekend',
    'Forecasters said heavy rain would fall across the region on Saturday and Sunday.',
  ],
  [
    'School meals to be free for all younger pupils',
    'The government said all pupils in their first three years of school will get free meals.',
  ],
  [
    'Harbour festival draws record crowds',
    'Organisers said more people than ever came to the harbour festival over the weekend.',
  ],
] as const;

beforeAll(async () => {
  chat = await startConsoleWithFeeds(T0, {
    '/news.xml': rssFeed('Example Daily', [
      ...english.map(([title, body], i) => ({
        id: `n${i}`,
        title,
        body,
        date: new Date(T0 - (i + 2) * HOUR),
      })),
      // A headline alone whose words nearly tie between English and Tagalog: read alone it is
      // Tagalog, and a Tagalog item gets no topic from the English model.
      {
        id: 'cassini',
        title: "NASA's Cassini probe sends back images of Titan",
        body: '',
        date: new Date(T0 - HOUR),
      },
    ]),
  });
});

afterAll(async () => {
  await chat.stop();
});

describe("an item's language read against its feed's", () => {
  it('tags a short English headline of an English feed, so muting its topic hides it', async () => {
    expect(await chat.type(`/subscribe ${chat.server.base}/news.xml`)).toContain('Now following');
    expect(await chat.type('/mute science')).toContain('Muted Science');
    const digest = await chat.type('/digest');
    expect(digest).toContain('Council approves new cycle lanes for the city centre');
    expect(digest).not.toContain('Cassini');
    expect(digest).toMatch(/muted: Science/u);
  });
});
