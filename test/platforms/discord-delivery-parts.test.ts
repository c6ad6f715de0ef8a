import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { classifyPlatformError } from '../../src/platforms/discord/classify-error.js';
import { applicationCommands, commandsHash } from '../../src/platforms/discord/command-data.js';
import { createPacer } from '../../src/platforms/discord/pacer.js';

const apiError = (status: number, code: number) =>
  new DiscordAPIError(
    { code, message: 'x' },
    code,
    status,
    'POST',
    'https://discord.test/api/v10/channels/1/messages',
    { body: undefined, files: undefined },
  );

describe('classifyPlatformError', () => {
  it('retries rate limits, 5xx and network failures', () => {
    const limited = new RateLimitError({
      global: false,
      method: 'POST',
      url: 'u',
      route: '/channels/:id/messages',
      majorParameter: '1',
      hash: 'h',
      limit: 5,
      timeToReset: 9_000,
      retryAfter: 9_000,
      sublimitTimeout: 0,
      scope: 'user',
    });
    expect(classifyPlatformError(limited)).toMatchObject({ kind: 'retry', retryAfterMs: 9_000 });
    expect(
      classifyPlatformError(
        new HTTPError(502, 'Bad Gateway', 'POST', 'u', { body: undefined, files: undefined }),
      ),
    ).toMatchObject({ kind: 'retry', retryAfterMs: null });
    expect(classifyPlatformError(new TypeError('fetch failed'))).toMatchObject({ kind: 'retry' });
    expect(classifyPlatformError(apiError(401, 0))).toMatchObject({ kind: 'unauthorized' });
  });

  it('pauses on lost access and rejects a bad body', () => {
    expect(classifyPlatformError(apiError(403, 50001))).toMatchObject({
      kind: 'gone',
      reason: expect.stringContaining('Missing Access') as string,
    });
    expect(classifyPlatformError(apiError(403, 50013))).toMatchObject({
      kind: 'gone',
      reason: expect.stringContaining('Missing Permissions') as string,
    });
    expect(classifyPlatformError(apiError(404, 10003))).toMatchObject({
      kind: 'gone',
      reason: expect.stringContaining('Unknown Channel') as string,
    });
    expect(classifyPlatformError(apiError(400, 50035))).toMatchObject({ kind: 'rejected' });
  });
});

describe('createPacer', () => {
  it('frees a slot a window after its response, so no window sees more than `limit`', async () => {
    let now = 0;
    const clock = {
      now: () => now,
      sleep: (ms: number) => {
        now += ms;
        return Promise.resolve();
      },
    };
    const pacer = createPacer(3, 1_000, clock);
    const starts: number[] = [];
    // Each request takes 50 ms to answer.
    const request = async (): Promise<void> => {
      const done = await pacer.acquire();
      starts.push(now);
      await Promise.resolve();
      now += 50;
      done();
    };
    for (let i = 0; i < 7; i++) await request();
    expect(starts).toEqual([0, 50, 100, 1_050, 1_100, 1_150, 2_100]);
  });

  it('holds a caller while every slot is in flight', async () => {
    let now = 0;
    const pacer = createPacer(2, 1_000, {
      now: () => now,
      sleep: (ms) => {
        now += ms;
        return Promise.resolve();
      },
    });
    const first = await pacer.acquire();
    await pacer.acquire();
    let third = false;
    const waiting = pacer.acquire().then(() => (third = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(third).toBe(false);
    now = 30;
    first();
    await waiting;
    expect(now).toBe(1_030);
  });
});

describe('application commands', () => {
  it('maps every command, with manager defaults, guild-only contexts and autocomplete', () => {
    const body = applicationCommands(commands);
    expect(body.map((c) => c.name)).toEqual(commands.map((c) => c.name));
    for (const command of body) {
      const definition = commands.find((c) => c.name === command.name);
      expect(command.default_member_permissions).toBe(definition?.permission === 'manager' ? '16' : null);
      expect(command.contexts).toEqual([0]);
    }
    const subscribe = body.find((c) => c.name === 'subscribe');
    expect(subscribe?.options?.[0]).toMatchObject({
      type: 3,
      autocomplete: true,
      max_length: 2048,
      // Without a feed, /subscribe lists the catalog.
      required: false,
    });
  });

  it('hashes definitions with their scope', () => {
    const body = applicationCommands(commands);
    const guild = commandsHash(body, { applicationId: '1', guildId: '2' });
    expect(commandsHash(body, { applicationId: '1', guildId: '2' })).toBe(guild);
    expect(commandsHash(body, { applicationId: '1', guildId: null })).not.toBe(guild);
    expect(commandsHash(body.slice(1), { applicationId: '1', guildId: '2' })).not.toBe(guild);
  });
});
