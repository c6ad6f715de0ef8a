import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandInteraction, componentInteraction } from '../fakes/discord-payloads.js';
import {
  startFakeDiscord,
  until,
  type FakeDiscord,
  type InteractionRecord,
} from '../fakes/discord-server.js';
import { actor, answerOf, attachment, run, settled, suggest } from '../helpers/discord-actions.js';
import { startDiscordApp, type DiscordHarness } from '../helpers/discord-app.js';
import { rssFeed, startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { worldFeedXml } from '../helpers/world-feed.js';

const T0 = Date.UTC(2026, 10, 28, 6, 0);
const hour = 3_600_000;
let fake: FakeDiscord;
let feeds: FeedServer;
let harness: DiscordHarness;
let slowRecord: InteractionRecord | null = null;

const worldFeed = worldFeedXml(T0);

beforeAll(async () => {
  feeds = await startFeedServer();
  feeds.route('/world.xml', (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(worldFeed),
  );
  feeds.route('/page.html', (_req, res) =>
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><html><head><title>Hi</title></head><body><p>Just a page.</p></body></html>'),
  );
  // Answers only once the bot has deferred, so the test proves a slow fetch defers.
  feeds.route('/slow.xml', (_req, res) => {
    void until(() => slowRecord?.responses.some((r) => r.type === 5) === true, 30_000, 'a deferral').then(
      () =>
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
          rssFeed('Slow Times', [
            {
              id: 's1',
              title: 'Slow news day',
              body: 'Nothing happened, officials said.',
              date: new Date(T0 - hour),
            },
          ]),
        ),
      () => res.writeHead(500).end(),
    );
  });
  fake = await startFakeDiscord();
  harness = await startDiscordApp(fake, { start: T0 });
});

afterAll(async () => {
  await harness.stop();
  await fake.close();
  await feeds.close();
});

describe('Discord slash commands through discord.js', () => {
  it('registers every command in the development guild with manager defaults', () => {
    const registered = fake.registered.get(fake.guild.id) ?? [];
    expect(registered.map((c) => c.name).sort()).toEqual([
      'catalog',
      'digest',
      'export',
      'feeds',
      'filter',
      'help',
      'images',
      'import',
      'mute',
      'pause',
      'ping',
      'rename',
      'resume',
      'schedule',
      'subscribe',
      'topics',
      'unmute',
      'unsubscribe',
    ]);
    const byName = new Map(
      registered.map((c) => [
        c.name,
        c as unknown as {
          default_member_permissions: string | null;
          options: { name: string; type: number; autocomplete?: boolean }[];
        },
      ]),
    );
    expect(byName.get('subscribe')?.default_member_permissions).toBe('16');
    expect(byName.get('digest')?.default_member_permissions).toBeNull();
    expect(byName.get('import')?.options[0]).toMatchObject({ name: 'file', type: 11 });
    expect(byName.get('schedule')?.options.map((o) => o.autocomplete)).toEqual([true, true]);
    expect(byName.get('ping')?.options.map((o) => [o.name, o.type])).toEqual([
      ['topic', 3],
      ['role', 8],
    ]);
    expect(byName.get('images')?.default_member_permissions).toBe('16');
    expect(fake.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
  });

  it('answers /help privately, at once', async () => {
    const answer = await run(fake, actor(fake, 1, 'member'), 'help');
    expect(answer.text).toContain('`/subscribe [feed]`');
    expect(answer.ephemeral).toBe(true);
    expect(answer.deferred).toBe(false);
    expect(answer.ackMs).toBeLessThan(3_000);
  });

  it('refuses manager commands to members, naming the permission', async () => {
    for (const [name, options] of [
      ['subscribe', { feed: 'technology' }],
      ['unsubscribe', { feed: 'x' }],
      ['mute', { topic: 'sport' }],
      ['unmute', { topic: 'sport' }],
      ['schedule', { when: 'hourly' }],
      ['import', {}],
    ] as const) {
      const answer = await run(fake, actor(fake, 1, 'member'), name, options);
      expect(answer.text, name).toContain('needs the Manage Channels permission');
      expect(answer.ephemeral).toBe(true);
    }
    expect(await run(fake, actor(fake, 1, 'member'), 'feeds')).toMatchObject({ ephemeral: false });
  });

  it('explains bad input for every option', async () => {
    const who = actor(fake, 1);
    expect((await run(fake, who, 'feeds')).text).toContain('follows no feeds yet');
    expect((await run(fake, who, 'subscribe', { feed: 'ftp://example.org/feed' })).text).toContain(
      'is not a feed address',
    );
    expect((await run(fake, who, 'subscribe', { feed: `${feeds.base}/page.html` })).text).toMatch(
      /web page|not a feed/,
    );
    expect(
      (await run(fake, who, 'subscribe', { feed: `https://example.org/${'a'.repeat(2100)}` })).text,
    ).toContain('feed is too long');
    expect((await run(fake, who, 'unsubscribe', { feed: 'nothing-like-it' })).text).toMatch(
      /follows no feeds|does not follow/,
    );
    expect((await run(fake, who, 'mute', { topic: '<@123> **x**' })).text).toContain('letters, digits');
    expect((await run(fake, who, 'unmute', { topic: '@everyone' })).text).toContain('letters, digits');
    expect((await run(fake, who, 'digest', { topic: 'gardening' })).text).toMatch(
      /follows no feeds|Unknown topic/,
    );
    const missing = await run(fake, who, 'import', {});
    expect(missing.text).toContain('Missing file');
    expect(missing.ephemeral).toBe(true);
  });

  it('subscribes with a preview, then lists, mutes, schedules and digests', async () => {
    const who = actor(fake, 1);
    const subscribed = await run(fake, who, 'subscribe', { feed: `${feeds.base}/world.xml` });
    expect(subscribed.text).toContain('Now following **Example World News** (127.0.0.1).');
    expect(subscribed.text).toContain('Port blast kills dozens in capital');
    expect(subscribed.ephemeral).toBe(false);
    expect((await run(fake, who, 'subscribe', { feed: `${feeds.base}/world.xml` })).text).toContain(
      'Already followed: Example World News',
    );
    expect((await run(fake, who, 'feeds')).text).toMatch(
      /\[Example World News\]\(http:\/\/127\.0\.0\.1:\d+\/world\.xml\) \(127\.0\.0\.1\) — ✅ ok/,
    );
    expect((await run(fake, who, 'mute', { topic: 'sport' })).text).toContain('Muted **Sport**');
    expect((await run(fake, who, 'topics')).text).toMatch(/Sport\*\* — 🔇 muted/);
    expect((await run(fake, who, 'unmute', { topic: 'culture' })).text).toContain('was not muted');
    const schedule = await run(fake, who, 'schedule', { when: 'daily-07:30', timezone: 'Europe/Berlin' });
    expect(schedule.text).toContain('Digests **daily at 07:30** (Europe/Berlin).');
    expect((await run(fake, who, 'schedule', { when: '* * * * *' })).text).toContain(
      'at most every 15 minutes',
    );
    expect((await run(fake, who, 'schedule', { when: 'daily', timezone: 'Mars/Base' })).text).toContain(
      'Unknown time zone',
    );
    expect((await run(fake, who, 'digest', { topic: 'gardening' })).text).toContain('Unknown topic');

    await harness.app.pollOnce();
    const before = fake.messages.length;
    const digest = await run(fake, actor(fake, 1, 'member'), 'digest');
    expect(digest.text).toContain('Here is your digest: 2 stories.');
    await until(() => fake.messages.length > before, 30_000, 'the digest');
    const posted = fake.messages.slice(before);
    expect(posted).toHaveLength(1);
    const [message] = posted;
    expect(message?.message.channel_id).toBe(who.channel.id);
    expect(message?.body.content).toMatch(/digest\*\* · Sat 28 Nov · 2 stories from 1 feed · muted: Sport/);
    expect(message?.body.embeds?.map((e) => e.title)).toEqual([
      'Port blast kills dozens in capital',
      'Storm leaves a million without power',
    ]);
    expect(message?.body.embeds?.[0]?.fields?.[0]?.value).toMatch(
      /^\[Example World News\]\(https:\/\/example\.org\/w1\)$/,
    );
    expect(message?.body.allowed_mentions).toEqual({ parse: [] });
    expect(message?.body.components?.[0]?.components[0]).toMatchObject({
      custom_id: 'gz:mute:world',
      label: 'Mute World',
    });
    // What waits is only the story the chat muted: the answer names it rather than saying nothing came.
    expect((await run(fake, who, 'digest')).text).toContain('Nothing to show: 1 Sport story muted.');

    const exported = await run(fake, who, 'export');
    expect(exported.record.responses[0]?.files[0]?.name).toBe('gazette-feeds.opml');
    expect(exported.record.responses[0]?.files[0]?.content).toContain(`xmlUrl="${feeds.base}/world.xml"`);
    expect((await run(fake, who, 'unsubscribe', { feed: `${feeds.base}/world.xml` })).text).toContain(
      'No longer following Example World News',
    );
  });

  it('mutes a topic from a digest button and from the select menu, managers only', async () => {
    const message = fake.messages.at(-1)?.message;
    if (!message) throw new Error('no digest posted');
    const press = async (who: ReturnType<typeof actor>, customId: string, values?: string[]) => {
      const record = fake.interact(componentInteraction(who, message, customId, values));
      await until(() => settled(record), 30_000, 'a button answer');
      return answerOf(record);
    };
    const denied = await press(actor(fake, 1, 'member'), 'gz:mute:world');
    expect(denied.text).toContain('needs the Manage Channels permission');
    expect(denied.ephemeral).toBe(true);
    const muted = await press(actor(fake, 1), 'gz:mute:world');
    expect(muted.text).toContain('Muted **World**');
    expect(muted.ephemeral).toBe(true);
    expect((await press(actor(fake, 1), 'gz:mute', ['culture'])).text).toContain('Muted **Culture**');
    expect((await run(fake, actor(fake, 1), 'topics')).text).toMatch(/World\*\* — 🔇 muted/);
  });

  it('suggests catalog entries, followed feeds, topics, mutes, presets and time zones', async () => {
    const who = actor(fake, 1);
    expect((await suggest(fake, who, 'subscribe', { feed: 'techn' }, 'feed')).map((c) => c.value)).toContain(
      'technology',
    );
    expect((await suggest(fake, who, 'mute', { topic: 'spo' }, 'topic')).map((c) => c.value)).toEqual([
      'sport',
    ]);
    expect((await suggest(fake, who, 'unmute', { topic: '' }, 'topic')).map((c) => c.value)).toEqual(
      expect.arrayContaining(['sport', 'world']),
    );
    expect((await suggest(fake, who, 'schedule', { when: 'daily' }, 'when')).map((c) => c.value)).toContain(
      'daily-08:00',
    );
    expect(
      (await suggest(fake, who, 'schedule', { when: 'hourly', timezone: 'Europe/Be' }, 'timezone')).map(
        (c) => c.value,
      ),
    ).toContain('Europe/Berlin');
    expect((await suggest(fake, who, 'digest', { topic: 'tech' }, 'topic')).map((c) => c.value)).toEqual([
      'technology',
    ]);
    await run(fake, who, 'subscribe', { feed: `${feeds.base}/world.xml` });
    expect((await suggest(fake, who, 'unsubscribe', { feed: '' }, 'feed')).map((c) => c.value)).toEqual([
      `${feeds.base}/world.xml`,
    ]);
    expect(await suggest(fake, who, 'help', { nothing: 'x' }, 'nothing')).toEqual([]);
  });

  it('imports an attached OPML file and refuses what is not one', async () => {
    const who = actor(fake, 2);
    const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body><outline text="World" type="rss" xmlUrl="${feeds.base}/world.xml"/><outline text="Gone" type="rss" xmlUrl="${feeds.base}/missing.xml"/></body></opml>`;
    const imported = await run(fake, who, 'import', {}, { file: attachment(fake, 'feeds.opml', opml) });
    expect(imported.text).toContain('**Imported 1 feed** from feeds.opml.');
    expect(imported.text).toContain(`✗ ${feeds.base}/missing.xml`);
    expect(
      (await run(fake, who, 'import', {}, { file: attachment(fake, 'notes.txt', 'hello') })).text,
    ).toContain('not usable OPML');
    const huge = attachment(fake, 'huge.opml', 'x'.repeat(2 * 1024 * 1024));
    expect((await run(fake, who, 'import', {}, { file: huge })).text).toContain('too large');
  });

  it('defers a slow /subscribe and edits the answer in', async () => {
    const record = fake.interact(
      commandInteraction(actor(fake, 3), 'subscribe', {
        feed: `${feeds.base}/slow.xml`,
      }),
    );
    slowRecord = record;
    await until(() => settled(record), 30_000, 'the deferred answer').catch((e: unknown) => {
      console.log(
        JSON.stringify(record.responses),
        feeds.requests.map((r) => r.path),
        performance.now(),
      );
      throw e;
    });
    const answer = answerOf(record);
    expect(record.responses[0]?.type).toBe(5);
    expect(answer.ackMs).toBeLessThan(3_000);
    expect(record.responses.at(-1)?.kind).toBe('edit');
    expect(answer.text).toContain('Now following **Slow Times**');
  });

  it('never lets an answer mention anyone', () => {
    const answers = [...fake.interactions.values()]
      .flatMap((r) => r.responses)
      .filter((r) => r.data.content !== undefined);
    expect(answers.length).toBeGreaterThan(30);
    for (const response of answers) expect(response.data.allowed_mentions).toEqual({ parse: [] });
  });
});
