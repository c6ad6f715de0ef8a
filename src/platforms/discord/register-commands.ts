import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { REST, Routes } from 'discord.js';
import type { CommandDefinition } from '../../core/command.js';
import { UserError } from '../../core/errors.js';
import { applicationCommands, commandsHash, type CommandScope } from './command-data.js';
import { restOptions } from './client.js';
import { createPacer } from './pacer.js';

/** What registering the slash commands needs. */
export interface RegisterDeps {
  readonly rest: REST;
  readonly scope: CommandScope;
  readonly commands: readonly CommandDefinition[];
  /** Where the hash of the last registration is kept. */
  readonly dataDir: string;
}

/** What a registration did. */
export interface Registration {
  readonly count: number;
  readonly where: string;
}

const hashFile = (dataDir: string): string => path.join(dataDir, 'discord-commands.sha256');

const whereOf = (scope: CommandScope): string =>
  scope.guildId === null ? 'globally' : `in guild ${scope.guildId}`;

/** Replaces the application's commands with Gazette's (one bulk overwrite) and remembers their hash. */
export async function registerCommands(deps: RegisterDeps): Promise<Registration> {
  const body = applicationCommands(deps.commands);
  const { applicationId, guildId } = deps.scope;
  const route =
    guildId === null
      ? Routes.applicationCommands(applicationId)
      : Routes.applicationGuildCommands(applicationId, guildId);
  await deps.rest.put(route, { body });
  await mkdir(deps.dataDir, { recursive: true, mode: 0o700 });
  await writeFile(hashFile(deps.dataDir), `${commandsHash(body, deps.scope)}\n`, { mode: 0o600 });
  return { count: body.length, where: whereOf(deps.scope) };
}

/** Registers only when the definitions or their scope changed since the last registration. */
export async function registerIfChanged(deps: RegisterDeps): Promise<Registration | null> {
  const wanted = commandsHash(applicationCommands(deps.commands), deps.scope);
  const stored = await readFile(hashFile(deps.dataDir), 'utf8').catch(() => '');
  if (stored.trim() === wanted) return null;
  return registerCommands(deps);
}

/** Settings `gazette deploy-commands` reads from the configuration. */
export interface DeploySettings {
  readonly token: string | null;
  readonly applicationId: string | null;
  readonly guildId: string | null;
  readonly apiUrl: string;
  readonly dataDir: string;
}

/** Registers the commands now, without connecting to the gateway. */
export async function deployCommands(
  settings: DeploySettings,
  commands: readonly CommandDefinition[],
): Promise<Registration> {
  if (settings.token === null || settings.applicationId === null) {
    throw new UserError(
      'bad_argument',
      'Set DISCORD_TOKEN and DISCORD_APPLICATION_ID to deploy the Discord commands.',
    );
  }
  const rest = new REST(restOptions({ apiUrl: settings.apiUrl, pacer: createPacer(50, 1_010) }));
  rest.setToken(settings.token);
  return registerCommands({
    rest,
    scope: { applicationId: settings.applicationId, guildId: settings.guildId },
    commands,
    dataDir: settings.dataDir,
  });
}
