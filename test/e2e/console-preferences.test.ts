import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, typeLine, type TestApp } from '../helpers/app.js';
import { rssFeed, startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { worldFeedXml } from '../helpers/world-feed.js';

const T0 = Date.UTC(2026, 10, 28, 6, 0);
const HOUR = 3_600_000;
let server: FeedServer;
let harness: TestApp;

const type = (line: string): Promise<string> => typeLine(harness, line);

beforeAll(async () => {
  server = await startFeedServer();
  server.route('/world.xml', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(worldFeedXml(T0));
  });
  server.route('/markets.xml', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
      rssFeed('Example Markets', [
        {
          id: 'm1',
          title: 'Bitcoin climbs past a record as funds buy',
          body: 'Bitcoin rose past its record on Friday as funds kept buying, traders said. The rally added to gains this month.',
          date: new Date(T0 - HOUR),
          category: 'Business',
        },
      ]),
    );
  });
  harness = createTestApp(T0);
  await harness.app.platforms.get('console')?.start();
});

afterAll(async () => {
  await harness.app.stop();
  await server.close();
});

describe('console: filters, expiring mutes and per-feed settings', () => {
  it('refuses everything before the chat follows a feed, and bad input after', async () => {
    expect(await type('/filter add storm')).toContain('follows no feeds yet');
    expect(await type('/pause anything')).toContain('follows no feeds yet');

    await type(`/subscribe ${server.base}/world.xml`);
    await type(`/subscribe ${server.base}/markets.xml`);

    expect(await type('/filter')).toContain('This chat has no filters');
    expect(await type('/filter frobnicate storm')).toContain('action must be one of: add, remove, list');
    expect(await type(`/filter add ${'x'.repeat(10_240)}`)).toContain(
      'term is too long (at most 202 characters)',
    );
    expect(await type('/filter add /(a)\\1/')).toContain(
      'That pattern cannot be used: invalid escape sequence',
    );
    expect(await type('/filter add /(?=storm)/')).toContain('without backreferences or lookaround');
    expect(await type('/filter add /.*/')).toContain('matches any text, so it would filter nothing');
    expect(await type('/filter add //')).toContain('needs a letter or a digit');
    expect(await type('/filter add "Boris Johnson')).toContain(
      'The quote was not closed: /filter add "Boris Johnson".',
    );
    expect(await type('/filter add storm nowhere-feed')).toContain(
      'This chat does not follow "nowhere-feed"',
    );
    expect(await type('/rename nowhere-feed Other')).toContain('does not follow');
    expect(await type('/pause nowhere-feed')).toContain('does not follow');
    expect(await type('/resume nowhere-feed')).toContain('does not follow');
    expect(await type(`/rename ${server.base}/world.xml`)).toContain(
      `Example World News keeps its name. To change it, send /rename ${server.base}/world.xml <new name>.`,
    );
    expect(await type('/mute sport 7x')).toContain('"7x" is not a duration');
    expect(await type('/mute sport 2y')).toContain('a year at most');
    expect(await type('/mute sport -1d')).toContain('A mute runs from now on: write 1d, not "-1d"');
    expect(await type('/filter add Boris Johnson')).toContain(
      'To filter on a phrase, put it in quotes: /filter add "Boris Johnson".',
    );
    expect(await type('/filter list')).toContain('no filters');
    expect(await type('/topics')).not.toContain('🔇');
  });

  it('filters, renames, pauses and mutes for a while; the digest says what it left out', async () => {
    // A catastrophic pattern for a backtracking engine is accepted: RE2 runs it in linear time.
    // A filter for one feed is removed by naming that feed, and the chat-wide attempt says so.
    expect(await type('/filter add emmy "Example Markets"')).toContain('from Example Markets');
    expect(await type('/filter remove emmy')).toContain(
      'emmy filters only one feed: /filter remove emmy Example Markets removes it there.',
    );
    expect(await type('/filter remove emmy Example Markets')).toContain('Removed the filter emmy');
    // A choice in capitals is the choice.
    expect(await type('/images OFF')).toContain('Digests show no pictures.');
    expect(await type('/images On')).toContain('Digests show the top stories’ pictures.');
    // A pattern with spaces, typed as is, with and without a feed after it.
    expect(await type('/filter add /joe biden|kamala harris/')).toContain(
      'Only stories that mention /joe biden|kamala harris/ are posted in this chat',
    );
    expect(await type('/filter remove /joe biden|kamala harris/')).toContain(
      'Removed the filter /joe biden|kamala harris/',
    );
    const unknownFeed = await type('/filter add /joe biden/ nowhere-feed');
    expect(unknownFeed).toContain('does not follow "nowhere-feed"');
    expect(unknownFeed).not.toContain('put it in quotes');
    expect(await type('/filter add /(a+)+$/')).toContain(
      'Only stories that mention /(a+)+$/ are posted in this chat',
    );
    expect(await type('/filter remove /(a+)+$/')).toContain('Removed the filter /(a+)+$/');
    // A zero-width space inside the word is not what anyone sees: the filter is the word.
    expect(await type('/filter add Sto\u200brm\u202e')).toContain(
      'Only stories that mention storm are posted in this chat',
    );
    expect(await type('/filter add storm')).toContain('was already a filter');
    expect(await type('/filter list')).toMatch(/1 filter\n• storm in this chat/);

    expect(await type('/mute sport 1h')).toMatch(/Muted Sport until Sat 28 Nov 0?7:00/);
    expect(await type('/topics')).toMatch(/Sport — 🔇 muted until Sat 28 Nov 0?7:00/);

    expect(await type(`/rename ${server.base}/world.xml World Desk`)).toContain(
      'Example World News is now called World Desk in this chat.',
    );
    expect(await type('/rename "World Desk" World Desk')).toContain('already called World Desk');
    expect(await type('/pause Example Markets')).toContain('Paused Example Markets');
    expect(await type('/pause Example Markets')).toContain('was already paused');
    const feeds = await type('/feeds');
    expect(feeds).toContain('World Desk (127.0.0.1)');
    // The chat's own names travel with an export.
    expect(await type('/export')).toContain('text="World Desk"');
    expect(feeds).toContain('Example Markets (127.0.0.1) — ⏸ paused in this chat (/resume)');

    const digest = await type('/digest');
    expect(digest).toContain('Storm leaves a million without power');
    expect(digest).toContain('Sources: World Desk');
    expect(digest).not.toContain('Port blast');
    expect(digest).not.toContain('Striker');
    expect(digest).not.toContain('Bitcoin');
    expect(digest).toContain('Left out: 1 Sport story muted · 1 not matching your filters');

    // The mute ran out: it stays listed with its expiry and no longer removes the sport story.
    harness.clock.set(T0 + 2 * HOUR);
    expect(await type('/topics')).toMatch(/⚽ Sport \(ran out Sat 28 Nov 07:00 \(UTC\)\)\n/);
    expect(await type('/filter remove storm')).toContain('Removed the filter storm');
    expect(await type('/resume Example Markets')).toContain('Resumed Example Markets');
    const after = await type('/digest');
    expect(after).toContain('Striker signs for record fee');
    expect(after).toContain('Port blast');
    // What the markets feed published before /resume stays history for this chat.
    expect(after).not.toContain('Bitcoin');
    expect(after).not.toContain('Left out');
  });
  it('mutes at most 25 terms at once, listing every one of them', async () => {
    for (let i = 1; i < 25; i++) expect(await type(`/mute keyword${i}`)).toContain(`keyword${i}`);
    // The sport mute ran out above: it does not count.
    expect(await type('/mute keyword25')).toContain('keyword25');
    expect(await type('/mute keyword26')).toContain(
      'A chat mutes at most 25 topics, names and keywords at once',
    );
    // Muting a term again only changes its expiry.
    expect(await type('/mute keyword3 2d')).not.toContain('at most 25');
    const topics = await type('/topics');
    for (let i = 1; i <= 25; i++) expect(topics).toContain(`keyword${i}`);
    expect(topics).not.toContain('keyword26');
  });
});
