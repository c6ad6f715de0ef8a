import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { configSchema, type Config } from './schema.js';
import { err, ok, type Result } from '../core/result.js';

/** Where the configuration comes from; `env` is passed in so nothing reads `process.env` at import time. */
export interface ConfigSources {
  /** Folder holding `default.yaml` and `topics.yaml`. */
  readonly configDir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

type Plain = Record<string, unknown>;

const isPlain = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Later layers win; objects merge key by key, anything else (lists included) is replaced whole. */
function merge(base: Plain, over: Plain): Plain {
  const out: Plain = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] = isPlain(current) && isPlain(value) ? merge(current, value) : value;
  }
  return out;
}

function readYaml(file: string): Result<Plain, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return err(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    const value: unknown = parseYaml(text);
    if (value === null || value === undefined) return ok({});
    return isPlain(value) ? ok(value) : err(`${file}: must hold a mapping at the top level`);
  } catch (error) {
    return err(`${file}: not valid YAML (${(error as Error).message.split('\n')[0] ?? ''})`);
  }
}

const truthy = new Set(['1', 'true', 'yes', 'on']);
const falsy = new Set(['0', 'false', 'no', 'off', '']);

/** A yes means loopback only: opening 10/8, 192.168/16 and 169.254.169.254 to every chat's `/subscribe` must be spelled `all`. */
function privateNetworks(value: string): string {
  const v = value.trim().toLowerCase();
  if (truthy.has(v)) return 'loopback';
  if (falsy.has(v)) return 'none';
  return v;
}

/** Secrets and endpoints only: everything else belongs in YAML. */
function fromEnv(env: ConfigSources['env']): Plain {
  const layer: Plain = {};
  const set = (section: string, key: string, value: string | undefined): void => {
    if (value === undefined || value === '') return;
    const current = layer[section];
    layer[section] = { ...(isPlain(current) ? current : {}), [key]: value };
  };
  set('discord', 'token', env.DISCORD_TOKEN);
  set('discord', 'applicationId', env.DISCORD_APPLICATION_ID);
  set('discord', 'guildId', env.DISCORD_GUILD_ID);
  set('discord', 'apiUrl', env.DISCORD_API_URL);
  set('telegram', 'token', env.TELEGRAM_BOT_TOKEN);
  set('telegram', 'apiRoot', env.TELEGRAM_API_ROOT);
  const webhook: Plain = {};
  if (env.TELEGRAM_WEBHOOK_URL) webhook.url = env.TELEGRAM_WEBHOOK_URL;
  if (env.TELEGRAM_WEBHOOK_SECRET) webhook.secretToken = env.TELEGRAM_WEBHOOK_SECRET;
  if (env.TELEGRAM_WEBHOOK_PORT) webhook.port = env.TELEGRAM_WEBHOOK_PORT;
  if (Object.keys(webhook).length > 0) {
    const telegram = layer.telegram;
    layer.telegram = { ...(isPlain(telegram) ? telegram : {}), webhook };
  }
  if (env.GAZETTE_ALLOW_PRIVATE_NETWORKS !== undefined) {
    set('fetch', 'allowPrivateNetworks', privateNetworks(env.GAZETTE_ALLOW_PRIVATE_NETWORKS));
  }
  if (env.DATABASE_URL) layer.databaseUrl = env.DATABASE_URL;
  if (env.GAZETTE_DATA_DIR) layer.dataDir = env.GAZETTE_DATA_DIR;
  if (env.GAZETTE_LOG_LEVEL) layer.logLevel = env.GAZETTE_LOG_LEVEL;
  const logFormat = env.LOG_FORMAT ?? env.GAZETTE_LOG_FORMAT;
  if (logFormat) layer.logFormat = logFormat.trim().toLowerCase();
  set('http', 'port', env.GAZETTE_HTTP_PORT);
  return layer;
}

/**
 * Reads `default.yaml` and `topics.yaml`, then the file named by `GAZETTE_CONFIG`, then the
 * environment, and validates the result once. The error lists every bad key with its reason.
 */
export function loadConfig(sources: ConfigSources): Result<Config, string> {
  const layers: Plain[] = [];
  for (const file of ['default.yaml', 'topics.yaml']) {
    const layer = readYaml(path.join(sources.configDir, file));
    if (!layer.ok) return layer;
    layers.push(layer.value);
  }
  const extra = sources.env.GAZETTE_CONFIG;
  if (extra) {
    const layer = readYaml(path.resolve(extra));
    if (!layer.ok) return layer;
    layers.push(layer.value);
  }
  layers.push(fromEnv(sources.env));
  const merged = layers.reduce(merge, {});
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
      return `  - ${key}: ${issue.message}`;
    });
    return err(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return checkReferences(parsed.data);
}

/** Cross-field rules zod cannot see field by field. */
function checkReferences(config: Config): Result<Config, string> {
  const problems: string[] = [];
  const topicIds = new Set(config.topics.map((t) => t.id));
  const feedIds = new Set<string>();
  config.catalog.forEach((feed, i) => {
    if (feedIds.has(feed.id)) problems.push(`  - catalog.${i}.id: duplicate id "${feed.id}"`);
    feedIds.add(feed.id);
    feed.topics.forEach((topic, j) => {
      if (!topicIds.has(topic)) problems.push(`  - catalog.${i}.topics.${j}: unknown topic "${topic}"`);
    });
  });
  config.console.feeds.forEach((id, i) => {
    if (!feedIds.has(id)) problems.push(`  - console.feeds.${i}: no catalog feed has id "${id}"`);
  });
  if (config.discord.token && !config.discord.applicationId) {
    problems.push('  - discord.applicationId: required when DISCORD_TOKEN is set (DISCORD_APPLICATION_ID)');
  }
  return problems.length > 0 ? err(`Invalid configuration:\n${problems.join('\n')}`) : ok(config);
}
