import {
  Client,
  DefaultRestOptions,
  GatewayIntentBits,
  Options,
  type RESTOptions,
  type RateLimitData,
} from 'discord.js';
import type { Pacer } from './pacer.js';

/** Rate-limit waits longer than this go back to the outbox instead of holding a send open. */
const LONG_WAIT_MS = 5_000;

/** Interaction responses are not bound by the global limit, so they never queue behind a delivery. */
const unpaced = /\/(interactions|webhooks)\//;

/** Where the bot talks to and how fast. */
export interface ClientSettings {
  readonly apiUrl: string;
  readonly token: string;
  readonly pacer: Pacer;
}

/**
 * REST options shared by the gateway client and `deploy-commands`.
 *
 * `retries: 0`: a 5xx or a timeout may hide a message Discord did create, so the outbox decides
 * about a second try (with the same nonce), not the library. A 429 is different: Discord did
 * nothing, so discord.js's bucket queue may wait and repeat it; only long waits come back to us.
 */
export function restOptions(settings: Pick<ClientSettings, 'apiUrl' | 'pacer'>): Partial<RESTOptions> {
  return {
    api: settings.apiUrl,
    retries: 0,
    timeout: 15_000,
    rejectOnRateLimit: (data: RateLimitData) =>
      data.route.startsWith('/channels') && Math.max(data.retryAfter, data.timeToReset) > LONG_WAIT_MS,
    async makeRequest(url, init) {
      if (unpaced.test(url)) return DefaultRestOptions.makeRequest(url, init);
      const done = await settings.pacer.acquire();
      try {
        return await DefaultRestOptions.makeRequest(url, init);
      } finally {
        done();
      }
    },
  };
}

/** A client with the Guilds intent only (no privileged intent) and no message cache. */
export function createClient(settings: ClientSettings): Client {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: restOptions(settings),
    allowedMentions: { parse: [] },
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      ReactionManager: 0,
      GuildMemberManager: 0,
      UserManager: 0,
    }),
  });
  client.rest.setToken(settings.token);
  return client;
}
