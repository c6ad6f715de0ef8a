import type { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import type { Config } from '../config/schema.js';
import type { PromptLine } from '../platforms/console/prompt.js';
import { formatLogLine } from './log-format.js';

/** Where logs go and whether a person is reading them there. */
export interface LogTarget {
  readonly stream: Writable & { readonly isTTY?: boolean };
  /** Keeps the console's prompt below the log lines, when there is one. */
  readonly prompt?: PromptLine;
}

/** True when logs should be one-liners for people rather than JSON for machines. */
export function isReadableLog(config: Config, target: LogTarget): boolean {
  if (config.logFormat === 'auto') return target.stream.isTTY === true;
  return config.logFormat === 'pretty';
}

/**
 * The process logger: JSON lines when not on a terminal or with LOG_FORMAT=json, readable
 * one-liners on a terminal. Without a configured level, a terminal shows warnings and errors only
 * (the console prints its own status in words), JSON carries info and above.
 */
export function createLogger(config: Config, target: LogTarget): Logger {
  const readable = isReadableLog(config, target);
  const level = config.logLevel ?? (readable ? 'warn' : 'info');
  if (!readable) return pino({ level, base: null }, target.stream);
  const prompt = target.prompt;
  const destination = {
    write(line: string): void {
      const text = `${formatLogLine(line)}\n`;
      if (prompt) prompt.print(target.stream, text);
      else target.stream.write(text);
    },
  };
  return pino({ level, base: null }, destination);
}
