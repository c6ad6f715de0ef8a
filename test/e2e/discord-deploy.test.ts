import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import {
  deployCommands,
  registerCommands,
  registerIfChanged,
} from '../../src/platforms/discord/register-commands.js';
import { REST } from 'discord.js';
import { BOT } from '../fakes/discord-payloads.js';
import { runCli } from '../helpers/cli.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-server.js';

let fake: FakeDiscord;

beforeAll(async () => {
  fake = await startFakeDiscord();
});

afterAll(async () => {
  await fake.close();
});

async function cli(
  args: readonly string[],
  env: Record<string, string>,
): Promise<{ code: number | null; out: string }> {
  const clean = { DISCORD_TOKEN: '', DISCORD_APPLICATION_ID: '', DISCORD_GUILD_ID: '' };
  const { code, stdout, stderr } = await runCli(args, { ...clean, ...env });
  return { code, out: stdout + stderr };
}

describe('gazette deploy-commands', () => {
  it('registers globally without DISCORD_GUILD_ID, and says what is missing otherwise', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'gazette-deploy-'));
    const done = await cli(['deploy-commands'], {
      DISCORD_TOKEN: BOT.token,
      DISCORD_APPLICATION_ID: BOT.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      GAZETTE_DATA_DIR: dataDir,
    });
    expect(done.out).toContain(`Registered ${commands.length} Discord commands globally.`);
    expect(done.code).toBe(0);
    expect(fake.registered.get('global')).toHaveLength(commands.length);
    expect(readFileSync(path.join(dataDir, 'discord-commands.sha256'), 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);

    await expect(
      deployCommands(
        { token: null, applicationId: null, guildId: null, apiUrl: fake.apiUrl, dataDir },
        commands,
      ),
    ).rejects.toThrow('Set DISCORD_TOKEN and DISCORD_APPLICATION_ID');
  });

  it('registers at start-up only when the definitions or their scope changed', async () => {
    const rest = new REST({ api: fake.apiUrl, retries: 0 }).setToken(BOT.token);
    const dataDir = mkdtempSync(path.join(tmpdir(), 'gazette-deploy-'));
    const scope = { applicationId: BOT.applicationId, guildId: fake.guild.id };
    const puts = (): number => fake.requests.filter((r) => r.method === 'PUT').length;
    const before = puts();
    expect(await registerIfChanged({ rest, scope, commands, dataDir })).toMatchObject({
      count: commands.length,
    });
    expect(await registerIfChanged({ rest, scope, commands, dataDir })).toBeNull();
    expect(await registerIfChanged({ rest, scope, commands: commands.slice(1), dataDir })).not.toBeNull();
    await registerCommands({ rest, scope, commands, dataDir });
    expect(puts()).toBe(before + 3);
  });
});
