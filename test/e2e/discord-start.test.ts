import { afterEach, describe, expect, it } from 'vitest';
import { describeFailure } from '../../src/cli/run.js';
import { startFakeDiscord, until, type FakeDiscord } from '../fakes/discord-server.js';
import { startDiscordApp, type DiscordHarness } from '../helpers/discord-app.js';

const T0 = Date.UTC(2026, 10, 28, 17, 0);
let fake: FakeDiscord | null = null;
let harness: DiscordHarness | null = null;

afterEach(async () => {
  await harness?.stop();
  await fake?.close();
  harness = null;
  fake = null;
});

const gateway = (status: number) => ({
  match: (request: { method: string; path: string }) =>
    request.method === 'GET' && request.path === '/gateway/bot',
  respond: { status, body: { message: `${status}`, code: 0 } },
});

describe('starting while Discord is away or refuses the token', () => {
  it('does not start, in one line naming the setting, when the token is refused', async () => {
    fake = await startFakeDiscord();
    fake.script.push(gateway(401));
    const failure = await startDiscordApp(fake, { start: T0 }).catch((error: unknown) => error);
    expect(describeFailure(failure)).toMatch(
      /^Gazette cannot start: Discord refused Gazette's credentials \(.+\); check DISCORD_TOKEN$/u,
    );
  });

  it('starts anyway while Discord answers 5xx, and connects once it answers again', async () => {
    fake = await startFakeDiscord();
    for (let i = 0; i < 2; i++) fake.script.push(gateway(502));
    harness = await startDiscordApp(fake, { start: T0 });
    const { platform } = harness;
    await until(() => platform.connected?.() === true, 30_000, 'Discord connected');
    expect(fake.script).toHaveLength(0);
  });
});
