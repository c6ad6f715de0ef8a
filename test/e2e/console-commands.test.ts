import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { worldFeedXml } from '../helpers/world-feed.js';

const T0 = Date.UTC(2026, 10, 28, 6, 0);
let server: FeedServer;
let harness: TestApp;

/** Types a line on the console and waits until its answer is printed. */
async function type(line: string): Promise<string> {
  const before = harness.output().length;
  harness.input.write(`${line}\n`);
  for (let i = 0; i < 200; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    const printed = harness.output().slice(before);
    if (printed.endsWith('\n\n')) {
      // Give a digest queued by the command a moment to print as well.
      await new Promise((resolve) => setTimeout(resolve, 30));
      return harness.output().slice(before);
    }
  }
  throw new Error(`no answer to ${line}`);
}

beforeAll(async () => {
  server = await startFeedServer();
  server.route('/world.xml', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(worldFeedXml(T0));
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
    expect(await type('/subscribe')).toContain('Missing feed');
    expect(await type('/subscribe')).toContain('Usage: /subscribe <feed>');
    expect(await type('/frobnicate')).toContain('Unknown command');
    expect(await type('/feeds')).toContain('follows no feeds yet');
    expect(await type('/subscribe ftp://example.org/feed')).toContain('is not a feed address');
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

    expect(await type('/mute Sport')).toContain('Muted Sport');
    expect(await type('/mute sport')).toContain('was already muted');
    expect(await type('/mute "Premier League"')).toContain('Muted Premier League');
    expect(await type('/mute <script>')).toContain('letters, digits');
    const topics = await type('/topics');
    expect(topics).toMatch(/Sport sport — 🔇 muted/);
    expect(topics).toContain('Muted names and keywords: premier league');

    const schedule = await type('/schedule daily-07:30 Europe/Berlin');
    expect(schedule).toContain('Digests daily at 07:30 (Europe/Berlin)');
    expect(schedule.match(/\(Europe\/Berlin\)/g)?.length).toBeGreaterThanOrEqual(4);
    expect(await type('/schedule "* * * * *"')).toContain('at most every 15 minutes');
    expect(await type('/schedule daily Mars/Base')).toContain('Unknown time zone');

    // No poll tick in between: /digest condenses what the subscription fetched before composing.
    const digest = await type('/digest');
    expect(digest).toContain('Here is your digest: 2 stories');
    expect(digest).toContain('Port blast kills dozens in capital');
    expect(digest).toContain('Sources: Example World News');
    expect(digest).not.toContain('Striker signs');
    expect(digest).toMatch(/muted: (Sport|premier league)/);
    expect(await type('/digest')).toContain('No new stories since the last digest');
    expect(await type('/digest gardening')).toContain('Unknown topic');

    const exported = await type('/export');
    expect(exported).toContain('<opml');
    expect(exported).toContain(`xmlUrl="${server.base}/world.xml"`);

    expect(await type('/unmute sport')).toContain('Unmuted Sport');
    expect(await type('/unsubscribe nothing-like-it')).toContain('does not follow');
    expect(await type(`/unsubscribe ${server.base}/world.xml`)).toContain(
      'No longer following Example World News',
    );
  });
});
