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
    expect(classifyPlatformError(apiError(401, 0))).toMatchObject({ kind: 'retry' });
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
  it('lets at most `limit` requests start in any window, in order', async () => {
    let now = 0;
    const starts: number[] = [];
    const pacer = createPacer(3, 1_000, {
      now: () => now,
      sleep: (ms) => {
        now += ms;
        return Promise.resolve();
      },
    });
    await Promise.all(Array.from({ length: 8 }, () => pacer.wait().then(() => starts.push(now))));
    expect(starts).toEqual([0, 0, 0, 1_000, 1_000, 1_000, 2_000, 2_000]);
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
      required: true,
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
