import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord-api-types/v10';
import { perms, user, type Actor } from '../fakes/discord-payloads.js';
import { startFakeDiscord, until, type FakeDiscord } from '../fakes/discord-server.js';
import { actor, run } from '../helpers/discord-actions.js';
import { startDiscordApp, type DiscordHarness } from '../helpers/discord-app.js';
import { startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { servePictureFeed, servePictures } from '../helpers/picture-feeds.js';

const T0 = Date.UTC(2026, 10, 28, 6, 0);
let fake: FakeDiscord;
let feeds: FeedServer;
let harness: DiscordHarness;

beforeAll(async () => {
  feeds = await startFeedServer();
  servePictures(feeds);
  fake = await startFakeDiscord();
  harness = await startDiscordApp(fake, {
    start: T0,
    config: { digest: { maxStories: 20, maxAgeHours: 48, newFeedItems: 10 } },
  });
});

afterAll(async () => {
  await harness.stop();
  await fake.close();
  await feeds.close();
});

const embedsIn = (channelId: string): APIEmbed[] =>
  fake.messages.filter((m) => m.message.channel_id === channelId).flatMap((m) => m.body.embeds ?? []);

const thumbnailOf = (embeds: readonly APIEmbed[], headline: string): string | null =>
  embeds.find((e) => e.title?.includes(headline) === true)?.thumbnail?.url ?? null;

/** Someone with Manage Channels typing in a thread or forum post. */
const inThread = (channel: Actor['channel']): Actor => ({
  guildId: fake.guild.id,
  channel,
  user: user('200000000000000001', 'ann'),
  permissions: perms.manager,
});

/** Follows a picture feed from `who`, polls it and asks for a digest; the embeds that reach `channelId`. */
async function digestOf(
  who: Actor,
  prefix: string,
  channelId: string,
  before?: () => Promise<void>,
): Promise<APIEmbed[]> {
  const url = servePictureFeed(feeds, prefix, T0);
  expect((await run(fake, who, 'subscribe', { feed: url })).text).toContain('Now following');
  await before?.();
  await harness.app.pollOnce();
  await run(fake, who, 'digest');
  await until(() => embedsIn(channelId).length >= 5, 8_000, `the ${prefix} digest`);
  return embedsIn(channelId);
}

describe('pictures in Discord digests', () => {
  it('shows a checked picture as the thumbnail; private, 20 MB and javascript: pictures are left out', async () => {
    const channel = fake.guild.channels[1]?.id ?? '';
    const embeds = await digestOf(actor(fake, 1), 'alpha', channel);
    expect(thumbnailOf(embeds, 'Harbour cranes restored')).toBe(`${feeds.base}/img/ok.png`);
    expect(thumbnailOf(embeds, 'Observatory spots a new comet')).toBe(`${feeds.base}/img/og.png`);
    expect(thumbnailOf(embeds, 'Council approves new tram line')).toBeNull();
    expect(thumbnailOf(embeds, 'Museum reopens its east wing')).toBeNull();
    expect(thumbnailOf(embeds, 'Rail strike called off')).toBeNull();
    // The private address was never connected to; the huge picture was not read to its end.
    expect(feeds.requests.filter((r) => r.path === '/img/huge.jpg').length).toBeGreaterThan(0);
  });

  it('/images off leaves every picture out, and says so', async () => {
    const channel = fake.guild.channels[2]?.id ?? '';
    const who = actor(fake, 2);
    const embeds = await digestOf(who, 'beta', channel, async () => {
      expect((await run(fake, who, 'images', { state: 'off' })).text).toContain('no pictures');
      expect((await run(fake, who, 'images', { state: 'off' })).text).toContain('Nothing changed');
    });
    expect(embeds.every((e) => e.thumbnail === undefined)).toBe(true);
    expect((await run(fake, actor(fake, 2, 'member'), 'images', { state: 'on' })).text).toContain(
      'Manage Channels',
    );
  });
});

describe('threads and forums as targets', () => {
  it('posts a thread’s digests into the thread', async () => {
    const embeds = await digestOf(inThread(fake.guild.thread), 'gamma', fake.guild.thread.id);
    expect(embeds.length).toBe(5);
    expect(fake.posts).toHaveLength(0);
  });

  it('opens a titled forum post for each digest of a forum, whichever post the command was typed in', async () => {
    const before = fake.messages.length;
    const who = inThread(fake.guild.forumPost);
    const url = servePictureFeed(feeds, 'delta', T0);
    expect((await run(fake, who, 'subscribe', { feed: url })).text).toContain('Now following');
    await harness.app.pollOnce();
    await run(fake, who, 'digest');
    await until(() => fake.posts.length === 1, 8_000, 'a forum post');
    const post = fake.posts[0];
    expect(post?.name).toMatch(/digest · Sat 28 Nov/u);
    const inPost = fake.messages.slice(before).filter((m) => m.message.channel_id === post?.thread.id);
    expect(inPost.flatMap((m) => m.body.embeds ?? [])).toHaveLength(5);
    const forumRequest = fake.requests.find((r) => r.path === `/channels/${fake.guild.forum.id}/threads`);
    expect(forumRequest?.status).toBe(201);
    // Nothing went to the post the command was typed in.
    expect(fake.messages.some((m) => m.message.channel_id === fake.guild.forumPost.id)).toBe(false);
  });
});
