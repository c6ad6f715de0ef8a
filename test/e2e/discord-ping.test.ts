import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandInteraction, snowflake } from '../fakes/discord-payloads.js';
import { role } from '../fakes/discord-places.js';
import { startFakeDiscord, until, type FakeDiscord } from '../fakes/discord-server.js';
import { actor, answerOf, run, seedChannel, settled } from '../helpers/discord-actions.js';
import { startDiscordApp, type DiscordHarness } from '../helpers/discord-app.js';

const T0 = Date.UTC(2026, 10, 28, 17, 0);
let fake: FakeDiscord;
let harness: DiscordHarness;

beforeAll(async () => {
  fake = await startFakeDiscord();
  harness = await startDiscordApp(fake, { start: T0 });
});

afterAll(async () => {
  await harness.stop();
  await fake.close();
});

/** `/ping topic:… role:@…` as Discord sends it, the role resolved in the payload. */
async function ping(channel: number, topic: string, pinged?: ReturnType<typeof role>): Promise<string> {
  const record = fake.interact(
    commandInteraction(actor(fake, channel), 'ping', { topic }, pinged ? { roles: { role: pinged } } : {}),
  );
  await until(() => settled(record), 8_000, 'an answer to /ping');
  return answerOf(record).text;
}

const sportFans = (): ReturnType<typeof role> => {
  const found = fake.guild.roles.find((r) => r.name === 'Sport fans');
  if (!found) throw new Error('no role');
  return found;
};

describe('/ping on Discord', () => {
  it('mentions only the chosen role, only in the part that shows a story of its topic', async () => {
    const channel = fake.guild.channels[1]?.id ?? '';
    const long = 'The club said the transfer was agreed on Monday. '.repeat(60);
    await seedChannel(
      harness.app.store,
      channel,
      [
        ...Array.from({ length: 10 }, (_, i) => ({
          headline: `Budget vote ${i}`,
          summary: long,
          topics: ['politics'],
        })),
        {
          headline: 'Striker signs @everyone <@&1>',
          summary: 'The striker signed, the club said.',
          topics: ['sport'],
        },
      ],
      T0,
      T0 + 3_600_000,
    );
    expect(await ping(1, 'sport', sportFans())).toContain('mention that role');
    harness.clock.set(T0 + 3_600_000);
    await harness.app.deliverDue();
    const messages = fake.messages.filter((m) => m.message.channel_id === channel);
    expect(messages.length).toBeGreaterThan(1);
    const withSport = messages.filter((m) => (m.body.embeds ?? []).some((e) => e.title?.includes('Striker')));
    expect(withSport).toHaveLength(1);
    for (const message of messages) {
      const isSport = withSport.includes(message);
      expect(message.body.allowed_mentions).toEqual(
        isSport ? { parse: [], roles: [sportFans().id] } : { parse: [] },
      );
      expect(message.body.content?.includes(`<@&${sportFans().id}>`)).toBe(isSport);
    }
  });

  it('refuses a role of another server, @everyone and a keyword, and changes nothing', async () => {
    const channel = fake.guild.channels[2]?.id ?? '';
    await seedChannel(harness.app.store, channel, [], T0, null);
    const foreign = role(snowflake(), 'Other server role');
    expect(await ping(2, 'sport', foreign)).toContain('not a role of this server');
    expect(await ping(2, 'sport', role(fake.guild.id, '@everyone'))).toContain('not a role of this server');
    expect(await ping(2, 'bitcoin', sportFans())).toContain('not a topic');
    expect(await ping(2, 'x'.repeat(10_000), sportFans())).toMatch(/too long|not a topic/u);
    const subscription = await harness.app.store.subscriptions.find({
      platform: 'discord',
      chatId: channel,
      threadId: '',
    });
    expect(await harness.app.store.subscriptions.pings(subscription?.id ?? -1)).toEqual([]);
    // The refusal asked Discord for the server's roles rather than trusting the payload.
    expect(fake.requests.some((r) => r.method === 'GET' && r.path === `/guilds/${fake.guild.id}/roles`)).toBe(
      true,
    );
  });

  it('/ping off removes the role, and /ping without a role lists them', async () => {
    await seedChannel(harness.app.store, fake.guild.channels[3]?.id ?? '', [], T0, null);
    expect(await ping(3, 'sport', sportFans())).toContain('mention that role');
    expect(await ping(3, 'sport')).toContain(`sport: role ${sportFans().id}`);
    expect(await ping(3, 'off sport')).toContain('no longer mention');
    expect(await ping(3, 'off sport')).toContain('No role was mentioned');
    expect(await ping(3, 'sport')).toContain('No topic mentions a role');
    expect((await run(fake, actor(fake, 3, 'member'), 'ping', { topic: 'sport' })).text).toContain(
      'Manage Channels',
    );
  });
});
