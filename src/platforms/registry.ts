import type { Readable, Writable } from 'node:stream';
import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import type { CommandDefinition } from '../core/command.js';
import type { DispatchDeps } from '../core/dispatch.js';
import type { GazetteServices } from '../core/services.js';
import type { PlatformName } from '../core/types.js';
import { createConsolePlatform } from './console/console-platform.js';
import { createDiscordPlatform } from './discord/discord-platform.js';
import type { Platform } from './platform.js';
import type { PromptLine } from './console/prompt.js';
import { createTelegramPlatform } from './telegram/telegram-platform.js';

/** What every adapter is built from; each takes what it needs and nothing reaches past it. */
export interface PlatformContext {
  readonly config: Config;
  readonly services: GazetteServices;
  readonly commands: readonly CommandDefinition[];
  readonly log: Logger;
  readonly now: () => number;
  /** The console's streams; other adapters ignore them. */
  readonly output: Writable;
  readonly input: Readable | null;
  /** Keeps the console's prompt below everything printed, on a terminal. */
  readonly prompt?: PromptLine;
  /** How long a command may take before its chat is shown it is at work; null never. */
  readonly workingNoticeMs: number | null;
  /** The one error sink for commands: logs the error under the reference the user sees. */
  readonly onInternalError: DispatchDeps['onInternalError'];
  /** The adapter cannot go on (a refused token, an outage past its limit): stop with this line. */
  readonly fatal: (message: string) => void;
}

/** Builds one platform adapter. */
export type PlatformFactory = (context: PlatformContext) => Platform;

/** The adapters of this build, by platform name. */
export const platformFactories: Partial<Record<PlatformName, PlatformFactory>> = {
  console: (ctx) =>
    createConsolePlatform({
      output: ctx.output,
      input: ctx.input,
      dispatch: {
        services: ctx.services,
        commands: ctx.commands,
        managerRequirement: 'a chat manager',
        onInternalError: ctx.onInternalError,
      },
      now: ctx.now,
      workingNoticeMs: ctx.workingNoticeMs,
      ...(ctx.prompt ? { prompt: ctx.prompt } : {}),
    }),
  discord: (ctx) => createDiscordPlatform(ctx),
  telegram: (ctx) => createTelegramPlatform(ctx),
};
