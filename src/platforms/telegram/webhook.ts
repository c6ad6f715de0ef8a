import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import type { Telegraf } from 'telegraf';
import { allowedUpdates } from './updates.js';

/** Where Telegram posts updates, and the secret it must present. */
export interface WebhookSettings {
  readonly url: string;
  readonly secretToken: string;
  readonly port: number;
  readonly host: string;
}

/**
 * Serves the webhook on `host:port` at the URL's path and tells Telegram about it. telegraf answers
 * 403 to any request whose X-Telegram-Bot-Api-Secret-Token is not the configured secret.
 */
export async function startWebhook(bot: Telegraf, settings: WebhookSettings, log: Logger): Promise<Server> {
  const path = new URL(settings.url).pathname;
  const handle = bot.webhookCallback(path, { secretToken: settings.secretToken });
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error({ err: error }, 'telegram webhook request failed');
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  await bot.telegram.setWebhook(settings.url, {
    secret_token: settings.secretToken,
    allowed_updates: [...allowedUpdates],
  });
  return server;
}

/** Stops taking webhook requests; Telegram keeps updates until the next start. */
export async function stopWebhook(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => {
      resolve();
    });
  });
}
