import { describe, expect, it } from 'vitest';
import { testConfig } from '../helpers/config.js';
import { actor, run } from '../helpers/discord-actions.js';
import { startDiscordApp, tempDatabase, type DiscordHarness } from '../helpers/discord-app.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-server.js';
import { OUTLETS, startLiveOutlets } from './live-outlets.js';

const T0 = Date.UTC(2026, 10, 28, 17, 0);
const TICK_MS = 30_000;
const POLL_INTERVAL_MS = testConfig().polling.intervalMinutes * 60_000;
const config = { extraction: { ...testConfig().extraction, minWords: 0 } };

const tick = async (h: DiscordHarness): Promise<void> => {
  h.clock.advance(TICK_MS);
  await h.app.pollOnce();
  await h.app.deliverDue();
};
const portIn = (fake: FakeDiscord, channel: string) =>
  fake.messages.filter(
    (m) =>
      m.message.channel_id === channel && (m.body.embeds ?? []).some((e) => e.title?.includes('Valdoria')),
  );

describe('live stories on Discord', () => {
  it('posts a story once across a crash between send and record, then edits it as outlets join', async () => {
    const fake = await startFakeDiscord();
    const outlets = await startLiveOutlets();
    const databaseFile = tempDatabase();
    const channel = fake.guild.channels[1]?.id ?? '';
    const who = actor(fake, 1);
    let first: DiscordHarness | null = await startDiscordApp(fake, { start: T0, databaseFile, config });
    let second: DiscordHarness | null = null;
    try {
      for (const url of outlets.urls.slice(0, 3)) {
        expect((await run(fake, who, 'subscribe', { feed: url })).text).toContain('Now following');
        first.clock.advance(TICK_MS);
      }
      first.clock.advance(60_000);
      expect((await run(fake, who, 'schedule', { when: 'live' })).text).toContain('Live: each new story');

      // Discord creates the message, but the answer never reaches Gazette before it dies.
      fake.script.push({
        match: (r) => r.method === 'POST' && r.path === `/channels/${channel}/messages`,
        respond: 'drop-after-create',
      });
      const told = first.clock.now();
      outlets.tell(0, told);
      while (portIn(fake, channel).length === 0 && first.clock.now() - told <= 2 * POLL_INTERVAL_MS) {
        await tick(first);
      }
      expect(first.clock.now() - told).toBeLessThanOrEqual(POLL_INTERVAL_MS + 30_000);
      const at = first.clock.now();
      await first.stop();
      first = null;

      second = await startDiscordApp(fake, { start: at + 60_000, databaseFile, config });
      await second.app.deliverDue();
      const posts = fake.requests.filter(
        (r) =>
          r.method === 'POST' &&
          r.path === `/channels/${channel}/messages` &&
          JSON.stringify(r.body).includes('Valdoria'),
      );
      expect(posts).toHaveLength(2);
      expect(posts[1]?.body.nonce).toBe(posts[0]?.body.nonce);
      expect(portIn(fake, channel)).toHaveLength(1);

      outlets.tell(1, told + 20_000);
      outlets.tell(2, told + 40_000);
      for (let t = 0; t < POLL_INTERVAL_MS / TICK_MS + 2; t++) await tick(second);
      const [story] = portIn(fake, channel);
      expect(portIn(fake, channel)).toHaveLength(1);
      expect(story?.edits ?? 0).toBeGreaterThanOrEqual(1);
      const sources = story?.body.embeds?.[0]?.fields?.[0]?.value ?? '';
      for (const name of OUTLETS.slice(0, 3)) expect(sources).toContain(name);
      const patches = fake.requests.filter(
        (r) => r.method === 'PATCH' && r.path.startsWith(`/channels/${channel}/messages/`),
      );
      expect(patches.length).toBe(story?.edits);
      for (const patch of patches) {
        expect(patch.body.allowed_mentions).toEqual({ parse: [] });
        expect(patch.body.nonce).toBeUndefined();
      }
      expect((await second.app.store.outbox.pending(second.clock.now(), 10)).length).toBe(0);
    } finally {
      await first?.stop();
      await second?.stop();
      await fake.close();
      await outlets.close();
    }
  });

  it('refuses a bad breaking lane, privately, and sets a good one', async () => {
    const fake = await startFakeDiscord();
    const h = await startDiscordApp(fake, { start: T0, config });
    try {
      const outlets = await startLiveOutlets();
      const who = actor(fake, 2);
      await run(fake, who, 'subscribe', { feed: outlets.urls[0] ?? '' });
      const answer = await run(fake, who, 'schedule', { when: 'breaking 0 30m' });
      expect(answer.text).toContain('is not a number of outlets');
      expect(answer.ephemeral).toBe(true);
      const ok = await run(fake, who, 'schedule', { when: 'breaking 4 2h' });
      expect(ok.text).toContain('4 outlets report within 2 hours');
      await outlets.close();
    } finally {
      await h.stop();
      await fake.close();
    }
  });
});
