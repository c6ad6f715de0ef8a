import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';

const configDir = path.resolve(import.meta.dirname, '../../config');

function overlay(yaml: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'gazette-config-')), 'local.yaml');
  writeFileSync(file, yaml);
  return file;
}

describe('loadConfig', () => {
  it('loads the shipped catalog and taxonomy with defaults', () => {
    const result = loadConfig({ configDir, env: {} });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const config = result.value;
    expect(config.catalog.length).toBeGreaterThanOrEqual(15);
    expect(new Set(config.catalog.map((f) => f.language)).size).toBeGreaterThanOrEqual(3);
    expect(config.catalog.filter((f) => f.language !== 'en').length).toBeGreaterThanOrEqual(2);
    const topics = new Set(config.catalog.flatMap((f) => f.topics));
    for (const t of [
      'world',
      'politics',
      'business',
      'technology',
      'science',
      'health',
      'sport',
      'culture',
    ]) {
      expect(topics, t).toContain(t);
    }
    expect(config.dataDir).toBe('./data');
    expect(config.fetch.allowPrivateNetworks).toBe('none');
    expect(config.digest.maxStories).toBe(10);
  });

  it('layers GAZETTE_CONFIG over the defaults and the environment over both', () => {
    const file = overlay('digest:\n  maxStories: 5\nschedule:\n  timezone: Europe/Berlin\n');
    const result = loadConfig({
      configDir,
      env: {
        GAZETTE_CONFIG: file,
        GAZETTE_DATA_DIR: '/srv/gazette',
        TELEGRAM_BOT_TOKEN: '123:abc',
        GAZETTE_ALLOW_PRIVATE_NETWORKS: 'loopback',
      },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.digest.maxStories).toBe(5);
    expect(result.value.digest.maxAgeHours).toBe(48);
    expect(result.value.schedule.timezone).toBe('Europe/Berlin');
    expect(result.value.dataDir).toBe('/srv/gazette');
    expect(result.value.telegram.token).toBe('123:abc');
    expect(result.value.fetch.allowPrivateNetworks).toBe('loopback');
  });

  it.each([
    ['1', 'loopback'],
    ['true', 'loopback'],
    ['yes', 'loopback'],
    ['loopback', 'loopback'],
    ['all', 'all'],
    ['0', 'none'],
    ['false', 'none'],
  ])(
    'reads GAZETTE_ALLOW_PRIVATE_NETWORKS=%s as %s: private ranges only when spelled out',
    (value, policy) => {
      const result = loadConfig({ configDir, env: { GAZETTE_ALLOW_PRIVATE_NETWORKS: value } });
      expect(result.ok && result.value.fetch.allowPrivateNetworks).toBe(policy);
    },
  );

  it('names every bad key and why', () => {
    const file = overlay(
      'digest:\n  maxStories: 0\nschedule:\n  default: "every day"\n  timezone: Mars/Olympus\nunknownKey: 1\n',
    );
    const result = loadConfig({ configDir, env: { GAZETTE_CONFIG: file, DATABASE_URL: 'mysql://x' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toContain('digest.maxStories');
    expect(result.error).toContain('schedule.default: not a valid cron expression');
    expect(result.error).toContain('schedule.timezone: not an IANA time zone');
    expect(result.error).toContain('databaseUrl: must be a postgres:// URL');
    expect(result.error).toContain('unknownKey');
  });

  it('refuses a catalog feed with an unknown topic and a Discord token without an application id', () => {
    const file = overlay(
      'catalog:\n  - { id: x, name: X, url: "https://x.example/feed", topics: [gardening], language: en }\n',
    );
    const result = loadConfig({ configDir, env: { GAZETTE_CONFIG: file, DISCORD_TOKEN: 't' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toContain('catalog.0.topics.0: unknown topic "gardening"');
    expect(result.error).toContain('discord.applicationId');
    expect(result.error).toContain('console.feeds.0');
  });

  it('reports unreadable and malformed files by name', () => {
    const missing = loadConfig({ configDir, env: { GAZETTE_CONFIG: '/nonexistent/gazette.yaml' } });
    expect(missing.ok ? '' : missing.error).toContain('/nonexistent/gazette.yaml: cannot be read');
    const broken = loadConfig({ configDir, env: { GAZETTE_CONFIG: overlay('digest: [unclosed\n') } });
    expect(broken.ok ? '' : broken.error).toContain('not valid YAML');
    const list = loadConfig({ configDir, env: { GAZETTE_CONFIG: overlay('- a\n- b\n') } });
    expect(list.ok ? '' : list.error).toContain('must hold a mapping');
  });
});
