import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, typeLine, type TestApp } from '../helpers/app.js';
import { startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { worldFeedXml } from '../helpers/world-feed.js';

const T0 = Date.UTC(2026, 10, 28, 6, 0);
let server: FeedServer;
let harness: TestApp;

const type = (line: string): Promise<string> => typeLine(harness, line);

beforeAll(async () => {
  server = await startFeedServer();
  server.route('/world.xml', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(worldFeedXml(T0));
  });
  server.route('/harbour.xml', (_req, res) => {
    const item = (n: number, title: string): string =>
      `<item><title>${title}</title><link>https://harbour.example/${n}</link><guid>h${n}</guid>` +
      `<pubDate>${new Date(T0 - n * 3_600_000).toUTCString()}</pubDate>` +
      `<description>The harbour authority said on Friday that ${title.toLowerCase()}.</description></item>`;
    res
      .writeHead(200, { 'content-type': 'application/rss+xml' })
      .end(
        `<rss version="2.0"><channel><title>Harbour Log</title><link>https://harbour.example/</link>${item(1, 'Harbour cranes inspected')}${item(2, 'Harbour dredging begins')}</channel></rss>`,
      );
  });
  server.route('/empty.xml', (_req, res) => {
    res
      .writeHead(200, { 'content-type': 'application/rss+xml' })
      .end(
        '<rss version="2.0"><channel><title>Quiet Gazette</title><link>https://quiet.example/</link></channel></rss>',
      );
  });
  harness = createTestApp(T0);
  await harness.app.platforms.get('console')?.start();
});

afterAll(async () => {
  await harness.app.stop();
  await server.close();
});

describe('console commands', () => {
  it('answers /help with every command', async () => {
    const text = await type('/help');
    for (const name of [
      'subscribe',
      'unsubscribe',
      'feeds',
      'digest',
      'topics',
      'mute',
      'unmute',
      'schedule',
      'import',
      'export',
    ]) {
      expect(text).toContain(`/${name}`);
    }
  });

  it('explains what is missing instead of staying silent', async () => {
    expect(await type('/frobnicate')).toContain('Unknown command');
    expect(await type('/feeds')).toContain('follows no feeds yet');
    expect(await type('/subscribe ftp://example.org/feed')).toContain('is not a feed address');
    const signingIn = await type('/subscribe https://reader:s3cret@example.org/feed.xml');
    expect(signingIn).toContain('with a user name or password are not supported');
    expect(signingIn).not.toContain('s3cret');
    // A mention pasted where an address goes is no address, not the private network 0.0.0.123.
    const mention = await type('/subscribe <@123>');
    expect(mention).toContain('is not a feed address');
    expect(mention).not.toContain('private');
    const ping = await type('/ping sport');
    expect(ping).toContain('Role pings are a Discord feature: this console has no roles');
    expect(ping).not.toContain('Telegram');
  });

  it('lists the catalog for /catalog and for /subscribe without an argument', async () => {
    const catalog = await type('/catalog');
    expect(catalog).toMatch(/^Catalog: \d+ feeds/);
    expect(catalog).toContain('🌍 World — /subscribe world');
    expect(catalog).toContain('• bbc-world: BBC News — World');
    expect(catalog).toContain('Options: /subscribe world');
    expect(await type('/subscribe')).toBe(catalog);
  });

  it('subscribes with a preview, lists feeds, mutes, schedules, digests and exports', async () => {
    const subscribed = await type(`/subscribe ${server.base}/world.xml`);
    expect(subscribed).toContain('Now following Example World News (127.0.0.1)');
    expect(subscribed).toContain('• Port blast kills dozens in capital');
    expect(subscribed).toContain('Next digest');

    expect(await type(`/subscribe ${server.base}/world.xml`)).toContain(
      'Already followed: Example World News',
    );
    expect(await type('/feeds')).toMatch(/Example World News \(127\.0\.0\.1\) — ✅ ok/);
    expect(await type('/subscribe bbc')).toContain('Did you mean bbc-world, bbc-politics or bbc-business?');
    expect(await type('/subscribe techology')).toContain('Did you mean technology?');

    expect(await type('/mute Sport')).toContain('Muted Sport');
    expect(await type('/mute sport')).toContain('was already muted');
    expect(await type('/mute "Premier League"')).toContain('Muted Premier League');
    expect(await type('/mute <script>')).toContain('letters, digits');
    expect(await type('/mute tech')).toContain('For the Technology topic: /mute technology');
    // A year on, the date says which year: "Sat 28 Nov" alone would read as today.
    expect(await type('/mute culture 1y')).toMatch(/until \w{3} 28 Nov 2027 \d\d:\d\d/);
    expect(await type('/unmute culture')).toContain('Culture');
    expect(await type('/unmute tech')).toContain('tech');
    const topics = await type('/topics');
    expect(topics).toContain('⚽ Sport — 🔇 muted');
    expect(topics).toContain('🌍 World\n');
    expect(topics).toContain('Muted names and keywords: premier league');

    const schedule = await type('/schedule daily-07:30 Europe/Berlin');
    expect(schedule).toContain('Digests daily at 07:30 (Europe/Berlin)');
    expect(schedule.match(/\(Europe\/Berlin\)/g)?.length).toBeGreaterThanOrEqual(4);
    expect(await type('/schedule "* * * * *"')).toContain('at most every 15 minutes');
    expect(await type('/schedule daily Mars/Base')).toContain('Unknown time zone');
    expect(await type('/schedule daily-08:00 UTC+2')).toContain(
      '"UTC+2" is an offset, not a time zone: name the place (Europe/Berlin), which also follows its summer time, or Etc/GMT-2 for a fixed offset',
    );
    expect(await type('/schedule daily-08:00 GMT-5:30')).not.toContain('Etc/GMT');
    // An offset after a cron expression is an offset there too, not a sixth field.
    expect(await type('/schedule 0 12 * * * +05:30')).toContain('"+05:30" is an offset, not a time zone');
    // Typed as people type it: unquoted, with the zone after it, in any case.
    const cron = await type('/schedule 30 7 * * 1-5 america/new_york');
    expect(cron).toContain('Digests on cron "30 7 * * 1-5" (America/New_York).');
    expect(cron).not.toContain('america/new_york');
    expect(await type('/schedule daily-25:00')).toContain(
      '25:00 is not a time of day: daily-HH:MM takes 00:00 to 23:59',
    );
    expect(await type('/schedule 30 7 * *')).toContain('has 4');
    expect(await type('/feeds')).toContain('(America/New_York)');

    // No poll tick in between: /digest condenses what the subscription fetched before composing.
    const digest = await type('/digest');
    expect(digest).toContain('Here is your digest: 2 stories');
    expect(digest).toContain('Port blast kills dozens in capital');
    expect(digest).toContain('Sources: Example World News');
    // When a story was published, in the chat's zone (New York by now): true in the scrollback too.
    // (Its topics come before the time and are the topic model's to choose.)
    expect(digest).toMatch(/World(?: · [A-Z][a-z]+)* · 00:00\n/);
    expect(digest).toMatch(/World(?: · [A-Z][a-z]+)* · Fri 27 Nov 22:00\n/);
    expect(digest).not.toContain(' ago');
    expect(digest).not.toContain('Striker signs');
    expect(digest).toMatch(/muted: (Sport|premier league)/);
    // Nothing new: what is waiting is only what the chat muted, and the answer says so.
    expect(await type('/digest')).toContain('Nothing to show: 1 premier league story muted.');
    expect(await type('/digest gardening')).toContain('Unknown topic');
    // Not a topic, nor even a word /mute takes: still "no such topic", not /mute's rule.
    expect(await type('/digest @everyone')).toContain('Unknown topic "@everyone". /topics lists them.');

    const exported = await type('/export');
    expect(exported).toContain('<opml');
    expect(exported).toContain(`xmlUrl="${server.base}/world.xml"`);

    expect(await type('/unmute sport')).toContain('Unmuted Sport');
    expect(await type('/unsubscribe nothing-like-it')).toContain('does not follow');
    expect(await type(`/unsubscribe ${server.base}/world.xml`)).toContain(
      'No longer following Example World News',
    );
  });

  it('says a digest was kept back by the chat’s own mutes, not that nothing came', async () => {
    harness.clock.advance(60_000);
    expect(await type(`/subscribe ${server.base}/harbour.xml`)).toContain('Now following Harbour Log');
    expect(await type('/mute harbour')).toContain('harbour');
    const empty = await type('/digest');
    expect(empty).toContain('Nothing to show: 2 harbour stories muted.');
    expect(empty).not.toContain('No new stories');
    // Still held back, so still named: an answer says what waits, not only what is new.
    harness.clock.advance(60_000);
    expect(await type('/digest')).toContain('Nothing to show: 2 harbour stories muted.');
    expect(await type('/unmute harbour')).toContain('Unmuted');
    harness.clock.advance(60_000);
    expect(await type('/digest')).toContain('Here is your digest: 2 stories');
    expect(await type(`/unsubscribe ${server.base}/harbour.xml`)).toContain('No longer following');
  });

  it('says when a feed it follows lists no items yet', async () => {
    const reply = await type(`/subscribe ${server.base}/empty.xml`);
    expect(reply).toContain('Now following Quiet Gazette');
    expect(reply).toContain('It lists no items yet');
  });
});
