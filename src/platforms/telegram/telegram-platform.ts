import type { Server } from 'node:http';
import { Telegraf } from 'telegraf';
import type { UserFromGetMe } from 'telegraf/types';
import type { DispatchDeps } from '../../core/dispatch.js';
import type { Platform, SendOutcome } from '../platform.js';
import type { PlatformContext } from '../registry.js';
import { registerCommands } from './bot-commands.js';
import type { ChatQueues } from './chat-queues.js';
import { createFloodLimiter, noFloodLimit, telegramLimits, type FloodLimits } from './flood-limiter.js';
import { decodePayload } from './payload.js';
import { renderTelegramDigest } from './render-digest.js';
import { renderTelegramReply } from './render-reply.js';
import { connectOrRetry, type PendingConnection } from '../connect-retry.js';
import {
  classifyPollError,
  createPoller,
  DEFAULT_MAX_OUTAGE_MS,
  type Poller,
  type PollTimer,
} from './poller.js';
import { createSender } from './sender.js';
import { allowedUpdates, installHandlers } from './updates.js';
import { startWebhook, stopWebhook } from './webhook.js';

/** Knobs that are not configuration: tests and benchmarks set them. */
export interface TelegramTuning {
  /** The pace to keep; null sends at once (a fake Bot API without limits). */
  readonly limits?: FloodLimits | null;
  /** Longest wait for one Bot API call. */
  readonly callTimeoutMs?: number;
  /** Largest OPML file `/import` downloads. */
  readonly importMaxBytes?: number;
  /** Time for long polling's retries. */
  readonly pollTimer?: PollTimer;
  /** How long long polling, or connecting at start, may keep failing before the process is stopped. */
  readonly maxPollingOutageMs?: number;
  /** Wait between attempts to connect while Telegram is away at start; 1 s doubling to 30 s unless set. */
  readonly connectRetryMs?: number;
}

/** telegraf resolves method URLs against the root, so a root with a path needs its final slash. */
const withSlash = (url: string): string => (url.endsWith('/') ? url : `${url}/`);

/** The Telegram adapter: long polling (or a webhook), commands, HTML digests, flood-safe sends. */
export function createTelegramPlatform(ctx: PlatformContext, tuning: TelegramTuning = {}): Platform {
  const settings = ctx.config.telegram;
  if (settings.token === null) throw new Error('TELEGRAM_BOT_TOKEN is not set.');
  const timeoutMs = tuning.callTimeoutMs ?? 30_000;
  const bot = new Telegraf(settings.token, {
    telegram: { apiRoot: withSlash(settings.apiRoot), webhookReply: false },
  });
  const limits = tuning.limits === undefined ? telegramLimits : tuning.limits;
  const sender = createSender({
    telegram: bot.telegram,
    limiter: limits === null ? noFloodLimit : createFloodLimiter(limits),
    log: ctx.log,
    moveChat: async (from, to) => {
      await ctx.services.moveChat('telegram', from, to);
    },
    timeoutMs,
  });
  const dispatchDeps: DispatchDeps = {
    services: ctx.services,
    commands: ctx.commands,
    managerRequirement: 'a chat administrator',
    onInternalError: ctx.onInternalError,
  };
  let me: UserFromGetMe | null = null;
  const known = (): UserFromGetMe => {
    if (me === null) throw new Error('The Telegram adapter was used before it started.');
    return me;
  };
  const queues: ChatQueues = installHandlers(bot, {
    telegram: bot.telegram,
    dispatch: dispatchDeps,
    sender,
    now: ctx.now,
    botId: () => known().id,
    botUsername: () => known().username,
    importMaxBytes: tuning.importMaxBytes ?? 1024 * 1024,
    timeoutMs,
    workingNoticeMs: ctx.workingNoticeMs,
    log: ctx.log,
    moveChat: async (from, to) => {
      const moved = await ctx.services.moveChat('telegram', from, to);
      if (moved > 0) ctx.log.info({ from, to, moved }, 'telegram group became a supergroup');
    },
  });
  let poller: Poller | null = null;
  // Connecting may go on in the background (Telegram away at start); a stop ends it.
  let pending: PendingConnection | null = null;
  let stopping = false;
  const connect = async (): Promise<void> => {
    const info = await bot.telegram.getMe();
    await registerCommands(bot.telegram, ctx.commands);
    if (settings.webhook === null) await bot.telegram.deleteWebhook();
    if (stopping) return;
    me = info;
    bot.botInfo = info;
    if (settings.webhook !== null) {
      server = await startWebhook(bot, settings.webhook, ctx.log);
      return;
    }
    // Long polling and a webhook exclude each other; this bot polls.
    poller = createPoller({
      bot,
      allowedUpdates,
      log: ctx.log,
      fatal: ctx.fatal,
      ...(tuning.pollTimer === undefined ? {} : { timer: tuning.pollTimer }),
      ...(tuning.maxPollingOutageMs === undefined ? {} : { maxOutageMs: tuning.maxPollingOutageMs }),
    });
    poller.start();
  };
  let server: Server | null = null;

  return {
    name: 'telegram',
    picturesShown: 1,
    renderDigest: (digest) => renderTelegramDigest(digest, { linkPreviews: settings.linkPreviews }),
    send(address, part): Promise<SendOutcome> {
      const message = decodePayload(part.payload);
      if (message === null) {
        return Promise.resolve({ ok: false, kind: 'rejected', reason: 'not a Telegram message payload' });
      }
      return sender.message({ chatId: address.chatId, threadId: address.threadId }, message, 'outbox');
    },
    edit(address, messageId, part): Promise<SendOutcome> {
      const message = decodePayload(part.payload);
      if (message === null) {
        return Promise.resolve({ ok: false, kind: 'rejected', reason: 'not a Telegram message payload' });
      }
      return sender.edit(
        { chatId: address.chatId, threadId: address.threadId },
        messageId,
        message,
        'outbox',
      );
    },
    notify: (address, notice) =>
      sender.reply({ chatId: address.chatId, threadId: address.threadId }, renderTelegramReply(notice)),
    connected: () => server !== null || poller?.healthy() === true,
    async start() {
      stopping = false;
      pending = await connectOrRetry(connect, {
        name: 'Telegram',
        setting: 'TELEGRAM_BOT_TOKEN',
        log: ctx.log,
        fatal: ctx.fatal,
        classify: (error) => {
          const failure = classifyPollError(error);
          return { refused: failure.kind === 'fatal', reason: failure.reason };
        },
        maxOutageMs: tuning.maxPollingOutageMs ?? DEFAULT_MAX_OUTAGE_MS,
        ...(tuning.connectRetryMs === undefined
          ? {}
          : { firstWaitMs: tuning.connectRetryMs, maxWaitMs: tuning.connectRetryMs }),
      });
    },
    async stop() {
      stopping = true;
      await pending?.stop();
      pending = null;
      if (server !== null) await stopWebhook(server);
      server = null;
      await poller?.stop();
      poller = null;
      await queues.idle();
    },
  };
}
