import { once } from 'node:events';
import { Events, Routes, type APIMessage, type Client } from 'discord.js';
import type { Reply } from '../../core/reply.js';
import type { ChatAddress, RenderedPart } from '../../core/types.js';
import type { Platform, SendOutcome } from '../platform.js';
import type { PlatformContext } from '../registry.js';
import { attachmentHosts } from './attachments.js';
import { classifyPlatformError } from './classify-error.js';
import { createClient } from './client.js';
import { handleInteraction } from './interactions.js';
import { createPacer } from './pacer.js';
import { registerIfChanged } from './register-commands.js';
import { renderDiscordDigest, type DiscordMessagePayload } from './render-digest.js';
import { renderDiscordReply } from './render-reply.js';
import { DEFER_AFTER_MS } from './respond.js';

/** Discord's global limit: 50 requests a second (a little more than a second, for its clock's sake). */
const GLOBAL_LIMIT = 50;
const GLOBAL_WINDOW_MS = 1_010;
/** OPML files are small; anything larger is not worth downloading. */
const MAX_ATTACHMENT_BYTES = 1024 * 1024;

/** Tunables that tests and benchmarks may change; production uses the defaults. */
export interface DiscordOptions {
  readonly deferAfterMs?: number;
}

const noMentions = { parse: [] as string[] };

/** The Discord adapter: slash commands in, digests out as embeds through the REST API. */
export function createDiscordPlatform(ctx: PlatformContext, options: DiscordOptions = {}): Platform {
  const { token, applicationId, guildId, apiUrl } = ctx.config.discord;
  if (token === null || applicationId === null) {
    throw new Error('The Discord platform needs DISCORD_TOKEN and DISCORD_APPLICATION_ID.');
  }
  const client: Client = createClient({ apiUrl, token, pacer: createPacer(GLOBAL_LIMIT, GLOBAL_WINDOW_MS) });
  const guildOfChannel = new Map<string, string>();
  // Channels whose guild was told they are lost; a success there makes them eligible again.
  const toldLost = new Set<string>();
  const dispatchDeps = {
    services: ctx.services,
    commands: ctx.commands,
    managerRequirement: 'the Manage Channels permission',
    onInternalError: ctx.onInternalError,
  };
  const interactionDeps = {
    dispatch: dispatchDeps,
    now: ctx.now,
    downloads: { hosts: attachmentHosts(apiUrl), maxBytes: MAX_ATTACHMENT_BYTES, timeoutMs: 10_000 },
    deferAfterMs: options.deferAfterMs ?? DEFER_AFTER_MS,
    seen: (channelId: string, guild: string | null) => {
      if (guild !== null) guildOfChannel.set(channelId, guild);
    },
  };

  const post = async (channelId: string, body: object): Promise<SendOutcome> => {
    try {
      const message = (await client.rest.post(Routes.channelMessages(channelId), {
        body: { ...body, allowed_mentions: noMentions },
      })) as APIMessage;
      toldLost.delete(channelId);
      return { ok: true, messageId: message.id };
    } catch (error) {
      return classifyPlatformError(error);
    }
  };

  /** Tells the guild, once, in its system channel, that a channel's digests stopped. */
  const tellGuild = async (channelId: string, reason: string): Promise<void> => {
    if (toldLost.has(channelId)) return;
    toldLost.add(channelId);
    const cached = client.channels.cache.get(channelId);
    const guildId = (cached && 'guildId' in cached ? cached.guildId : null) ?? guildOfChannel.get(channelId);
    const system = guildId ? client.guilds.cache.get(guildId)?.systemChannelId : null;
    if (!system || system === channelId) return;
    const outcome = await post(system, {
      content: `⏸ Gazette paused the digests of <#${channelId}>: ${reason}. Give Gazette View Channel, Send Messages and Embed Links there, then run /digest in that channel to resume.`,
    });
    if (!outcome.ok) ctx.log.warn({ channel: channelId, reason: outcome.reason }, 'could not tell the guild');
  };

  const onInteraction = (interaction: Parameters<typeof handleInteraction>[0]): void => {
    handleInteraction(interaction, interactionDeps).catch((error: unknown) => {
      ctx.log.error({ err: error, interaction: interaction.id }, 'discord interaction failed');
    });
  };

  return {
    name: 'discord',
    renderDigest: renderDiscordDigest,
    async send(address: ChatAddress, part: RenderedPart): Promise<SendOutcome> {
      const payload = JSON.parse(part.payload) as DiscordMessagePayload;
      const channelId = address.threadId || address.chatId;
      // enforce_nonce: a part sent again after a crash before it was marked sent is not posted twice.
      const outcome = await post(channelId, { ...payload, enforce_nonce: true });
      if (!outcome.ok && outcome.kind === 'gone') await tellGuild(channelId, outcome.reason);
      return outcome;
    },
    async notify(address: ChatAddress, notice: Reply): Promise<SendOutcome> {
      const rendered = renderDiscordReply(notice);
      let first: SendOutcome | null = null;
      for (const content of rendered.chunks) {
        const outcome = await post(address.threadId || address.chatId, { content });
        first ??= outcome;
        if (!outcome.ok) break;
      }
      return first ?? { ok: false, kind: 'rejected', reason: 'empty notice' };
    },
    async start() {
      client.on(Events.InteractionCreate, onInteraction);
      client.on(Events.Error, (error) => {
        ctx.log.error({ err: error }, 'discord client error');
      });
      const ready = once(client, Events.ClientReady);
      await client.login(token);
      await ready;
      const registered = await registerIfChanged({
        rest: client.rest,
        scope: { applicationId, guildId },
        commands: ctx.commands,
        dataDir: ctx.config.dataDir,
      }).catch((error: unknown) => {
        ctx.log.error({ err: error }, 'registering the Discord commands failed; run gazette deploy-commands');
        return null;
      });
      if (registered) ctx.log.info(registered, 'Discord commands registered');
      ctx.log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'Discord connected');
    },
    async stop() {
      client.off(Events.InteractionCreate, onInteraction);
      await client.destroy();
    },
  };
}
