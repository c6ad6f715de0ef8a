import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';

const configDir = path.resolve(import.meta.dirname, '../../config');

describe('telegram configuration', () => {
  it('defaults to long polling without link previews', () => {
    const loaded = loadConfig({ configDir, env: { TELEGRAM_BOT_TOKEN: '1:x' } });
    expect(loaded.ok && loaded.value.telegram).toMatchObject({ linkPreviews: false, webhook: null });
  });

  it('takes the webhook from the environment', () => {
    const loaded = loadConfig({
      configDir,
      env: {
        TELEGRAM_BOT_TOKEN: '1:x',
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg',
        TELEGRAM_WEBHOOK_SECRET: 's3cret_token',
        TELEGRAM_WEBHOOK_PORT: '9000',
      },
    });
    expect(loaded.ok && loaded.value.telegram.webhook).toEqual({
      url: 'https://bot.example.org/tg',
      secretToken: 's3cret_token',
      port: 9000,
      host: '0.0.0.0',
    });
  });

  it('names a webhook without a secret, or with a bad one', () => {
    const missing = loadConfig({ configDir, env: { TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg' } });
    expect(!missing.ok && missing.error).toContain('telegram.webhook.secretToken');
    const bad = loadConfig({
      configDir,
      env: { TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg', TELEGRAM_WEBHOOK_SECRET: 'has spaces' },
    });
    expect(!bad.ok && bad.error).toContain('telegram.webhook.secretToken: must be 1-256 of');
  });
});
