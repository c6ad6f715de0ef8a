import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, until, type FakeDiscord } from '../fakes/discord-server.js';
import { commandInteraction } from '../fakes/discord-payloads.js';
import { actor, run, settled, suggest } from '../helpers/discord-actions.js';
import { startDiscordApp, type DiscordHarness } from '../helpers/discord-app.js';
import { rssFeed, startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { worldFeedXml } from '../helpers/world-feed.js';

const T0 = Date.UTC(2026, 10, 28, 6, 0);
const HOUR = 3_600_000;
let fake: FakeDiscord;
let feeds: FeedServer;
let harness: DiscordHarness;
/** An address longer than the 100 characters Discord allows a suggestion's value. */
const LONG_PATH = `/feeds/${'very-long-segment-'.repeat(6)}rss.xml`;

/** Subscribing reads the feed and condenses it meanwhile, which a busy machine makes slow. */
async function subscribe(url: string): Promise<void> {
  const record = fake.interact(commandInteraction(actor(fake, 1), 'subscribe', { feed: url }));
  await until(() => settled(record), 30_000, `an answer to /subscribe ${url}`);
}

beforeAll(async () => {
  feeds = await startFeedServer();
  feeds.route('/world.xml', (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(worldFeedXml(T0)),
  );
  feeds.route('/markets.xml', (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
      rssFeed('Example Markets', [
        {
          id: 'm1',
          title: 'Bitcoin climbs past a record as funds buy',
          body: 'Bitcoin rose past its record on Friday as funds kept buying, traders said. The rally added to gains.',
          date: new Date(T0 - HOUR),
          category: 'Business',
        },
      ]),
    ),
  );
  feeds.route(LONG_PATH, (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(worldFeedXml(T0)),
  );
  fake = await startFakeDiscord();
  harness = await startDiscordApp(fake, { start: T0 });
});

afterAll(async () => {
  await harness.stop();
  await fake.close();
  await feeds.close();
});

describe('Discord: /filter, /mute for a while, /rename, /pause and /resume through discord.js', () => {
  it('registers the new commands with their options and manager defaults', () => {
    const registered = (fake.registered.get(fake.guild.id) ?? []) as unknown as {
      name: string;
      default_member_permissions: string | null;
      options: { name: string; autocomplete?: boolean; choices?: { value: string }[] }[];
    }[];
    const byName = new Map(registered.map((c) => [c.name, c]));
    for (const name of ['filter', 'rename', 'pause', 'resume']) {
      expect(byName.get(name)?.default_member_permissions, name).toBe('16');
    }
    expect(byName.get('filter')?.options.map((o) => o.name)).toEqual(['action', 'term', 'feed']);
    expect(byName.get('filter')?.options[0]?.choices?.map((c) => c.value)).toEqual(['add', 'remove', 'list']);
    expect(byName.get('pause')?.options[0]?.autocomplete).toBe(true);
    expect(byName.get('mute')?.options.map((o) => o.name)).toEqual(['topic', 'for']);
  });

  it('refuses members and bad input with a clear, private answer', async () => {
    const member = actor(fake, 1, 'member');
    for (const name of ['filter', 'rename', 'pause', 'resume']) {
      expect((await run(fake, member, name, { feed: 'x', action: 'list' })).text, name).toContain(
        'needs the Manage Channels permission',
      );
    }
    const who = actor(fake, 1);
    await subscribe(`${feeds.base}/world.xml`);
    await subscribe(`${feeds.base}/markets.xml`);

    const long = await run(fake, who, 'filter', { action: 'add', term: 'x'.repeat(10_240) });
    expect(long.text).toContain('term is too long (at most 202 characters)');
    expect(long.ephemeral).toBe(true);
    expect((await run(fake, who, 'filter', { action: 'add', term: '/(\\w+)\\s\\1/' })).text).toContain(
      'That pattern cannot be used',
    );
    expect((await run(fake, who, 'filter', { action: 'add', term: '/(a{30}){30}/' })).text).toContain(
      'too complex',
    );
    expect(
      (await run(fake, who, 'filter', { action: 'add', term: 'storm', feed: 'nowhere' })).text,
    ).toContain('This chat does not follow "nowhere"');
    expect((await run(fake, who, 'filter', { action: 'remove' })).text).toContain(
      'Name what to stop filtering on',
    );
    expect((await run(fake, who, 'pause', { feed: 'nowhere' })).text).toContain('does not follow');
    expect((await run(fake, who, 'rename', { feed: 'nowhere', name: 'x' })).text).toContain(
      'does not follow',
    );
    expect(
      (await run(fake, who, 'rename', { feed: 'Example Markets', name: 'x'.repeat(65) })).text,
    ).toContain('name is too long');
    expect((await run(fake, who, 'mute', { topic: 'sport', for: 'soon' })).text).toContain(
      '"soon" is not a duration',
    );
    expect((await run(fake, who, 'filter', { action: 'list' })).text).toContain('no filters');
  });

  it('suggests active feeds to /pause and paused ones to /resume, by the chat’s names', async () => {
    const who = actor(fake, 1);
    expect(
      (await run(fake, who, 'rename', { feed: `${feeds.base}/world.xml`, name: 'World Desk' })).text,
    ).toContain('**Example World News** is now called **World Desk** in this chat.');
    const active = await suggest(fake, who, 'pause', { feed: '' }, 'feed');
    expect(active.map((c) => c.name).sort()).toEqual(['Example Markets', 'World Desk']);
    expect((await run(fake, who, 'pause', { feed: 'Example Markets' })).text).toContain(
      'Paused **Example Markets**',
    );
    expect((await suggest(fake, who, 'pause', { feed: '' }, 'feed')).map((c) => c.name)).toEqual([
      'World Desk',
    ]);
    const paused = await suggest(fake, who, 'resume', { feed: '' }, 'feed');
    expect(paused).toEqual([{ name: 'Example Markets', value: `${feeds.base}/markets.xml` }]);
    expect((await run(fake, who, 'feeds')).text).toContain('⏸ paused in this chat');
  });

  it('posts a digest with the filter, the mute and the renamed feed, saying what it left out', async () => {
    const who = actor(fake, 1);
    expect((await run(fake, who, 'filter', { action: 'add', term: 'storm' })).text).toContain(
      'Only stories that mention `storm` are posted in this chat',
    );
    expect((await run(fake, who, 'mute', { topic: 'sport', for: '7d' })).text).toMatch(
      /Muted \*\*Sport\*\* until \*\*Sat 5 Dec 06:00/,
    );
    const before = fake.messages.length;
    await run(fake, who, 'digest');
    await until(() => fake.messages.length > before, 5_000, 'the digest');
    const [message] = fake.messages.slice(before);
    expect(message?.body.embeds?.map((e) => e.title)).toEqual(['Storm leaves a million without power']);
    expect(JSON.stringify(message?.body.embeds)).toContain('World Desk');
    expect(JSON.stringify(message?.body.embeds)).not.toContain('Example Markets');
    expect(message?.body.content).toContain('-# Left out: 1 Sport story muted · 1 not matching your filters');
    expect(message?.body.content?.length).toBeLessThanOrEqual(2_000);
    expect(message?.body.allowed_mentions).toEqual({ parse: [] });
  });
  it('suggests a feed whose address is over 100 characters by a value Discord takes, which then names it', async () => {
    const who = actor(fake, 2);
    const url = `${feeds.base}${LONG_PATH}`;
    expect(url.length).toBeGreaterThan(100);
    const record = fake.interact(commandInteraction(who, 'subscribe', { feed: url }));
    await until(() => settled(record), 30_000, 'an answer to /subscribe');
    const [choice] = await suggest(fake, who, 'pause', { feed: '' }, 'feed');
    expect(choice?.value.length).toBeLessThanOrEqual(100);
    expect((await run(fake, who, 'pause', { feed: choice?.value ?? '' })).text).toContain('Paused **');
    const [paused] = await suggest(fake, who, 'resume', { feed: '' }, 'feed');
    expect((await run(fake, who, 'resume', { feed: paused?.value ?? '' })).text).not.toContain('❌');
  });
});
