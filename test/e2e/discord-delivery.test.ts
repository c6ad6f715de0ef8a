import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reply } from '../../src/core/reply.js';
import { embedChars } from '../fakes/discord-limits.js';
import { startFakeDiscord, until, type FakeDiscord, type RecordedRequest } from '../fakes/discord-server.js';
import { run, actor, seedChannel, type SeedStory } from '../helpers/discord-actions.js';
import { startDiscordApp, tempDatabase, type DiscordHarness } from '../helpers/discord-app.js';

const T0 = Date.UTC(2026, 10, 28, 17, 0);
const digestSettings = { maxStories: 20, maxAgeHours: 48, newFeedItems: 3 };
let fake: FakeDiscord;
let harness: DiscordHarness;

/** Stories whose embeds are ~`size` characters each, so the test controls how many share a message. */
function stories(count: number, size: number, prefix = 'Story'): SeedStory[] {
  return Array.from({ length: count }, (_, i) => ({
    headline: `${prefix} ${i + 1} headline`,
    summary:
      `${prefix} ${i + 1}: ${'The council said the budget would be balanced. '.repeat(Math.ceil(size / 47))}`.slice(
        0,
        size,
      ),
    topics: i % 2 === 0 ? ['world', 'politics'] : ['business'],
  }));
}

const postsTo = (channelId: string): RecordedRequest[] =>
  fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`);
const createdIn = (channelId: string) => fake.messages.filter((m) => m.message.channel_id === channelId);

beforeAll(async () => {
  fake = await startFakeDiscord({ channels: 8 });
  harness = await startDiscordApp(fake, { start: T0, config: { digest: digestSettings } });
});

afterAll(async () => {
  await harness.stop();
  await fake.close();
});

describe('Discord digest delivery', () => {
  it('splits a scheduled digest over messages within every limit, never cutting a story', async () => {
    const channel = fake.guild.channels[1]?.id ?? '';
    await seedChannel(harness.app.store, channel, stories(14, 1_400), T0);
    await harness.app.deliverDue();
    const messages = createdIn(channel);
    expect(messages.length).toBeGreaterThanOrEqual(4);
    const titles = messages.flatMap((m) => (m.body.embeds ?? []).map((e) => e.title ?? ''));
    expect(titles).toHaveLength(14);
    expect(new Set(titles).size).toBe(14);
    for (const [i, { body }] of messages.entries()) {
      const embeds = body.embeds ?? [];
      expect(embeds.length).toBeLessThanOrEqual(10);
      expect(embeds.reduce((n, e) => n + embedChars(e), 0)).toBeLessThanOrEqual(6_000);
      for (const embed of embeds) expect(embed.description?.endsWith('…')).toBe(false);
      expect(body.allowed_mentions).toEqual({ parse: [] });
      expect(body.content).toContain(i === 0 ? '14 stories from' : `part ${i + 1} of ${messages.length}`);
      expect(body.components?.[0]?.components.map((c) => c.custom_id)).toEqual(
        expect.arrayContaining(['gz:mute:world']),
      );
    }
  });

  it('waits out a short 429 inside discord.js and a long one in the outbox, with no duplicate and no loss', async () => {
    const channel = fake.guild.channels[2]?.id ?? '';
    await seedChannel(harness.app.store, channel, stories(4, 3_200, 'Limited'), T0);
    fake.script.push({
      match: (r) => r.path === `/channels/${channel}/messages` && postsTo(channel).length === 2,
      respond: {
        status: 429,
        body: { message: 'You are being rate limited.', retry_after: 0.05, global: false },
        headers: { 'retry-after': '0.05' },
      },
    });
    fake.script.push({
      match: (r) => r.path === `/channels/${channel}/messages` && postsTo(channel).length === 4,
      respond: {
        status: 429,
        body: { message: 'You are being rate limited.', retry_after: 30, global: false },
        headers: { 'retry-after': '30' },
      },
    });
    await harness.app.deliverDue();
    // The short wait was absorbed; the long one left parts 3 and 4 for later.
    expect(createdIn(channel)).toHaveLength(2);
    expect(postsTo(channel).map((r) => r.status)).toEqual([200, 429, 200, 429]);
    harness.clock.advance(31_000);
    await harness.app.deliverDue();
    const created = createdIn(channel);
    expect(created).toHaveLength(4);
    expect(created.map((m) => m.body.embeds?.[0]?.title)).toEqual([
      'Limited 4 headline',
      'Limited 3 headline',
      'Limited 2 headline',
      'Limited 1 headline',
    ]);
    expect(new Set(postsTo(channel).map((r) => r.body.nonce)).size).toBe(4);
  });

  it('retries a 5xx from the outbox with the same nonce', async () => {
    const channel = fake.guild.channels[3]?.id ?? '';
    await seedChannel(harness.app.store, channel, stories(1, 200, 'Flaky'), harness.clock.now());
    fake.script.push({
      match: (r) => r.path === `/channels/${channel}/messages`,
      respond: { status: 502, body: { message: 'Bad Gateway', code: 0 } },
    });
    await harness.app.deliverDue();
    expect(createdIn(channel)).toHaveLength(0);
    harness.clock.advance(10_000);
    await harness.app.deliverDue();
    expect(createdIn(channel)).toHaveLength(1);
    const [first, second] = postsTo(channel);
    expect(second?.body.nonce).toBe(first?.body.nonce);
    expect(second?.body.enforce_nonce).toBe(true);
  });

  it('pauses a channel it lost (403, 404), tells the guild once, and resumes on /digest', async () => {
    const channel = fake.guild.channels[4]?.id ?? '';
    const system = fake.guild.systemChannelId ?? '';
    fake.forbidden.add(channel);
    const subscription = await seedChannel(
      harness.app.store,
      channel,
      stories(2, 3_200, 'Hidden'),
      harness.clock.now(),
    );
    await harness.app.deliverDue();
    expect((await harness.app.store.subscriptions.get(subscription.id))?.pausedReason).toContain(
      'Missing Access',
    );
    const notices = createdIn(system).filter((m) => m.body.content?.includes(`<#${channel}>`));
    expect(notices).toHaveLength(1);
    expect(notices[0]?.body.allowed_mentions).toEqual({ parse: [] });
    const attempts = postsTo(channel).length;
    harness.clock.advance(120_000);
    await harness.app.deliverDue();
    expect(postsTo(channel)).toHaveLength(attempts);

    fake.forbidden.delete(channel);
    expect((await run(fake, actor(fake, 4, 'member'), 'digest')).text).toContain('No new stories');
    await harness.app.deliverDue();
    expect(createdIn(channel)).toHaveLength(2);

    const deleted = '999999999999999999';
    const orphan = await seedChannel(
      harness.app.store,
      deleted,
      stories(1, 100, 'Orphan'),
      harness.clock.now(),
    );
    await harness.app.deliverDue();
    expect((await harness.app.store.subscriptions.get(orphan.id))?.pausedReason).toContain('Unknown Channel');
  });

  it('renders hostile feed text inert and within limits', async () => {
    const channel = fake.guild.channels[5]?.id ?? '';
    const hostile =
      '@everyone @here <@123> <@&456> <#789> **bold** __u__ ~~s~~ ||spoiler|| `code` [click](https://evil.example) # Heading\n> quote\n- list ';
    await seedChannel(
      harness.app.store,
      channel,
      [
        {
          headline: hostile.repeat(100).slice(0, 10_000),
          summary: hostile.repeat(80),
          url: 'https://example.org/a)b(c d',
          sources: [
            {
              name: '[Fake](https://phish.example) @everyone',
              url: 'https://example.org/x)](https://phish.example',
            },
            { name: 'Plain Outlet', url: 'javascript:alert(1)' },
          ],
        },
      ],
      harness.clock.now(),
    );
    await harness.app.deliverDue();
    const [message] = createdIn(channel);
    const embed = message?.body.embeds?.[0];
    if (!message || !embed) throw new Error('no message');
    expect(message.body.allowed_mentions).toEqual({ parse: [] });
    expect(embed.title?.length).toBeLessThanOrEqual(256);
    expect(embed.title?.endsWith('…')).toBe(true);
    expect(embedChars(embed)).toBeLessThanOrEqual(6_000);
    expect(embed.url).toBe('https://example.org/a%29b%28c%20d');
    const texts = [
      message.body.content ?? '',
      embed.title ?? '',
      embed.description ?? '',
      ...(embed.fields ?? []).map((f) => f.value),
    ];
    for (const text of texts) {
      expect(text).not.toMatch(/(?<!\\)@(everyone|here)/);
      expect(text).not.toMatch(/(?<!\\)<[@#]/);
      expect(text).not.toMatch(/(?<!\\)\*\*bold/);
      expect(text).not.toMatch(/\n/);
    }
    expect(embed.description).not.toMatch(/(?<!\\)\[click\]/);
    const sources = embed.fields?.[0]?.value ?? '';
    expect(sources).toBe(
      '[\\[Fake\\](https://phish.example) \\@everyone](https://example.org/x%29]%28https://phish.example) · Plain Outlet',
    );
  });

  it('posts notices (a feed disabled) escaped and without mentions', async () => {
    const channel = fake.guild.channels[6]?.id ?? '';
    const notice = reply.info([
      ['Feed ', { strong: '@everyone News' }, ' was disabled: <@123> kept failing.'],
    ]);
    const outcome = await harness.platform.notify(
      { platform: 'discord', chatId: channel, threadId: '' },
      notice,
    );
    expect(outcome.ok).toBe(true);
    const [message] = createdIn(channel);
    expect(message?.body.content).toBe('Feed **\\@everyone News** was disabled: \\<\\@123\\> kept failing.');
    expect(message?.body.allowed_mentions).toEqual({ parse: [] });
    expect(
      await harness.platform.notify(
        { platform: 'discord', chatId: '999999999999999998', threadId: '' },
        notice,
      ),
    ).toMatchObject({ ok: false, kind: 'gone' });
  });
});

describe('Discord delivery across a restart', () => {
  it('sends a part caught between send and markSent once, and the rest after the restart', async () => {
    const own = await startFakeDiscord();
    const databaseFile = tempDatabase();
    const first = await startDiscordApp(own, { start: T0, databaseFile, config: { digest: digestSettings } });
    const channel = own.guild.channels[1]?.id ?? '';
    await seedChannel(first.app.store, channel, stories(3, 3_200, 'Crash'), T0);
    let posts = 0;
    own.script.push({
      match: (r) => r.path === `/channels/${channel}/messages` && ++posts === 2,
      respond: 'drop-after-create',
    });
    await first.app.deliverDue();
    expect(own.messages).toHaveLength(2);
    await first.stop();

    const second = await startDiscordApp(own, {
      start: T0 + 60_000,
      databaseFile,
      dataDir: first.dataDir,
      config: { digest: digestSettings },
    });
    try {
      expect(own.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
      await second.app.deliverDue();
      await until(() => own.messages.length >= 3, 30_000, 'the rest of the digest');
      const titles = own.messages.map((m) => m.body.embeds?.[0]?.title);
      expect(titles).toEqual(['Crash 3 headline', 'Crash 2 headline', 'Crash 1 headline']);
      const posted = own.requests.filter((r) => r.path === `/channels/${channel}/messages`);
      expect(posted).toHaveLength(4);
      expect(posted[2]?.body.nonce).toBe(posted[1]?.body.nonce);
      expect((await second.app.store.outbox.pending(second.clock.now(), 10)).length).toBe(0);
    } finally {
      await second.stop();
      await own.close();
    }
  });
});
