import type { Reply } from '../../core/reply.js';
import type { ChatAddress, RenderedPart } from '../../core/types.js';
import { connectOrRetry, type PendingConnection } from '../connect-retry.js';
import type { Platform, SendOutcome } from '../platform.js';
import type { PlatformContext } from '../registry.js';
import type { DiscordConnection } from './connection.js';
import { renderDiscordDigest, type DiscordMessagePayload } from './render-digest.js';
import { renderDiscordReply } from './render-reply.js';
import { createForumPosts } from './forum-posts.js';
import { limits } from './limits.js';

/** How long Discord may stay unreachable at start before Gazette stops with the reason. */
const MAX_OUTAGE_MS = 15 * 60_000;

const notConnected: SendOutcome = {
  ok: false,
  kind: 'retry',
  retryAfterMs: null,
  reason: 'Discord is not connected',
};

/**
 * The Discord adapter: slash commands in, digests out as embeds through the REST API. discord.js
 * is loaded only when the bot starts, so other commands of the CLI do not pay for it.
 */
export function createDiscordPlatform(ctx: PlatformContext): Platform {
  const { token, applicationId } = ctx.config.discord;
  if (token === null || applicationId === null) {
    throw new Error('The Discord platform needs DISCORD_TOKEN and DISCORD_APPLICATION_ID.');
  }
  let connection: DiscordConnection | null = null;
  // Logging in may go on in the background (Discord away at start); a stop ends it.
  let pending: PendingConnection | null = null;
  let stopping = false;
  const forum = createForumPosts();
  const target = (address: ChatAddress): string => address.threadId || address.chatId;

  return {
    name: 'discord',
    renderDigest: renderDiscordDigest,
    picturesShown: limits.embedsPerMessage,
    async send(address: ChatAddress, part: RenderedPart): Promise<SendOutcome> {
      if (connection === null) return notConnected;
      const { postTitle, digestKey, ...message } = JSON.parse(part.payload) as DiscordMessagePayload;
      const outcome = (await connection.isForum(target(address)))
        ? await forum.send(connection, target(address), { postTitle, digestKey, message })
        : // enforce_nonce: a part sent again after a crash before it was marked sent is not posted twice.
          await connection.post(target(address), { ...message, enforce_nonce: true });
      if (!outcome.ok && outcome.kind === 'gone')
        await connection.reportLost(target(address), outcome.reason);
      return outcome;
    },
    async edit(address: ChatAddress, messageId: string, part: RenderedPart): Promise<SendOutcome> {
      if (connection === null) return notConnected;
      // An edit carries no nonce: it names its message, and a repeat changes nothing.
      const { content, embeds, components } = JSON.parse(part.payload) as DiscordMessagePayload;
      return connection.edit(target(address), messageId, { content, embeds, components });
    },
    async notify(address: ChatAddress, notice: Reply): Promise<SendOutcome> {
      if (connection === null) return notConnected;
      let first: SendOutcome | null = null;
      for (const content of renderDiscordReply(notice).chunks) {
        const outcome = await connection.post(target(address), { content });
        first ??= outcome;
        if (!outcome.ok) break;
      }
      return first ?? { ok: false, kind: 'rejected', reason: 'empty notice' };
    },
    connected: () => connection?.isReady() === true,
    async start() {
      stopping = false;
      const { connect } = await import('./connection.js');
      const { classifyLoginError } = await import('./classify-error.js');
      pending = await connectOrRetry(
        async () => {
          const connected = await connect(ctx, token, applicationId);
          // Stopped while logging in: the connection is not kept.
          if (stopping) await connected.stop();
          else connection = connected;
        },
        {
          name: 'Discord',
          setting: 'DISCORD_TOKEN',
          log: ctx.log,
          fatal: ctx.fatal,
          classify: classifyLoginError,
          maxOutageMs: MAX_OUTAGE_MS,
        },
      );
    },
    async stop() {
      stopping = true;
      await pending?.stop();
      pending = null;
      await connection?.stop();
      connection = null;
    },
  };
}
