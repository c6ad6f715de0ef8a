import { once } from 'node:events';
import {
  ChannelType,
  DiscordAPIError,
  Events,
  Routes,
  type APIChannel,
  type APIMessage,
  type Interaction,
} from 'discord.js';
import type { SendOutcome } from '../platform.js';
import type { PlatformContext } from '../registry.js';
import { attachmentHosts } from './attachments.js';
import { classifyPlatformError } from './classify-error.js';
import { createClient } from './client.js';
import { handleInteraction, type InteractionDeps } from './interactions.js';
import { createPacer } from './pacer.js';
import { registerIfChanged } from './register-commands.js';
import { DEFER_AFTER_MS } from './respond.js';

/** Discord's global limit: 50 requests a second (a little more than a second, for its clock's sake). */
const GLOBAL_LIMIT = 50;
const GLOBAL_WINDOW_MS = 1_010;
/** OPML files are small; anything larger is not worth downloading. */
const MAX_ATTACHMENT_BYTES = 1024 * 1024;

const noMentions = { parse: [] as string[] };
/** Discord's code for a message that no longer exists. */
const UNKNOWN_MESSAGE = 10008;
/**
 * Mentions are off, but for the roles a digest part names itself (the chat's topic pings, checked
 * to be the server's when they were set): whatever else the body asks for is dropped.
 */
function mentionsOf(body: object): { parse: string[]; roles?: string[] } {
  const asked: unknown = 'allowed_mentions' in body ? body.allowed_mentions : null;
  const roles: unknown = typeof asked === 'object' && asked !== null && 'roles' in asked ? asked.roles : [];
  const valid = Array.isArray(roles)
    ? roles.filter((id): id is string => typeof id === 'string' && /^\d{17,20}$/.test(id))
    : [];
  return valid.length === 0 ? { parse: [] } : { parse: [], roles: valid.slice(0, 100) };
}

/** A logged-in bot: posts messages and answers interactions until stopped. */
export interface DiscordConnection {
  /** Posts a message body to a channel; mentions are off but for the roles the body allows. */
  post(channelId: string, body: object): Promise<SendOutcome>;
  /** Rewrites a message Gazette posted; mentions stay off. */
  edit(channelId: string, messageId: string, body: object): Promise<SendOutcome>;
  /** Opens a post in a forum channel with the body as its first message; the post's id comes back. */
  openPost(forumId: string, title: string, body: object): Promise<SendOutcome>;
  /** Whether the channel is a forum (or media) channel, where messages go in posts. */
  isForum(channelId: string): Promise<boolean>;
  /** Tells the channel's guild, once, that Gazette lost the channel and paused its digests. */
  reportLost(channelId: string, reason: string): Promise<void>;
  /** True while the gateway session is up. */
  isReady(): boolean;
  stop(): Promise<void>;
}

/** Logs in with the Guilds intent, registers the commands if they changed, and takes interactions. */
export async function connect(
  ctx: PlatformContext,
  token: string,
  applicationId: string,
): Promise<DiscordConnection> {
  const { guildId, apiUrl } = ctx.config.discord;
  const client = createClient({ apiUrl, token, pacer: createPacer(GLOBAL_LIMIT, GLOBAL_WINDOW_MS) });
  const guildOfChannel = new Map<string, string>();
  // Channels whose guild was told they are lost; a success there makes them eligible again.
  const toldLost = new Set<string>();
  const deps: InteractionDeps = {
    dispatch: {
      services: ctx.services,
      commands: ctx.commands,
      managerRequirement: 'the Manage Channels permission',
      onInternalError: ctx.onInternalError,
    },
    now: ctx.now,
    downloads: { hosts: attachmentHosts(apiUrl), maxBytes: MAX_ATTACHMENT_BYTES, timeoutMs: 10_000 },
    deferAfterMs: DEFER_AFTER_MS,
    seen: (channelId, guild) => {
      if (guild !== null) guildOfChannel.set(channelId, guild);
    },
  };

  const post = async (channelId: string, body: object): Promise<SendOutcome> => {
    try {
      const message = (await client.rest.post(Routes.channelMessages(channelId), {
        body: { ...body, allowed_mentions: mentionsOf(body) },
      })) as APIMessage;
      toldLost.delete(channelId);
      return { ok: true, messageId: message.id };
    } catch (error) {
      return classifyPlatformError(error);
    }
  };

  const edit = async (channelId: string, messageId: string, body: object): Promise<SendOutcome> => {
    try {
      await client.rest.patch(Routes.channelMessage(channelId, messageId), {
        body: { ...body, allowed_mentions: noMentions },
      });
      return { ok: true, messageId };
    } catch (error) {
      // Someone deleted the message: the edit is moot, the channel is fine.
      if (error instanceof DiscordAPIError && error.code === UNKNOWN_MESSAGE) {
        return { ok: false, kind: 'rejected', reason: 'the message to edit was deleted' };
      }
      return classifyPlatformError(error);
    }
  };

  const onInteraction = (interaction: Interaction): void => {
    handleInteraction(interaction, deps).catch((error: unknown) => {
      ctx.log.error({ err: error, interaction: interaction.id }, 'discord interaction failed');
    });
  };
  client.on(Events.InteractionCreate, onInteraction);
  client.on(Events.Error, (error) => {
    ctx.log.error({ err: error }, 'discord client error');
  });
  const ready = once(client, Events.ClientReady);
  try {
    await client.login(token);
    await ready;
  } catch (error) {
    // A failed login leaves a client that would keep its timers: gone before the next attempt.
    await client.destroy();
    throw error;
  }
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

  return {
    post,
    edit,
    async openPost(forumId, title, body) {
      try {
        const thread = (await client.rest.post(Routes.threads(forumId), {
          body: { name: title, message: { ...body, allowed_mentions: mentionsOf(body) } },
        })) as APIChannel;
        toldLost.delete(forumId);
        return { ok: true, messageId: thread.id };
      } catch (error) {
        return classifyPlatformError(error);
      }
    },
    async isForum(channelId) {
      const channel =
        client.channels.cache.get(channelId) ?? (await client.channels.fetch(channelId).catch(() => null));
      return channel?.type === ChannelType.GuildForum || channel?.type === ChannelType.GuildMedia;
    },
    async reportLost(channelId, reason) {
      if (toldLost.has(channelId)) return;
      toldLost.add(channelId);
      const cached = client.channels.cache.get(channelId);
      const guild = (cached && 'guildId' in cached ? cached.guildId : null) ?? guildOfChannel.get(channelId);
      const system = guild ? client.guilds.cache.get(guild)?.systemChannelId : null;
      if (!system || system === channelId) return;
      const outcome = await post(system, {
        content: `⏸ Gazette paused the digests of <#${channelId}>: ${reason}. Give Gazette View Channel, Send Messages and Embed Links there, then run /digest in that channel to resume.`,
      });
      if (!outcome.ok)
        ctx.log.warn({ channel: channelId, reason: outcome.reason }, 'could not tell the guild');
    },
    isReady: () => client.isReady(),
    async stop() {
      client.off(Events.InteractionCreate, onInteraction);
      await client.destroy();
    },
  };
}
