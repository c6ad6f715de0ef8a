import { readFile } from 'node:fs/promises';
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { CommandArgs, CommandDefinition } from '../../core/command.js';
import { bindTextArgs, parseCommandLine } from '../../core/command-line.js';
import { dispatch, type DispatchDeps } from '../../core/dispatch.js';
import type { Reply } from '../../core/reply.js';
import { withWorkingNotice } from '../../core/working-notice.js';
import type { ChatAddress, RenderedPart } from '../../core/types.js';
import type { Platform, SendOutcome } from '../platform.js';
import type { PromptLine } from './prompt.js';
import { renderConsoleDigest, renderConsoleReply, terminalSafe } from './render.js';

/** The one chat of the console platform. */
export const consoleChat: ChatAddress = { platform: 'console', chatId: 'console', threadId: '' };

/** What the console needs; `input` is null when commands are not read (one-shot runs). */
export interface ConsoleDeps {
  readonly output: Writable;
  readonly input: Readable | null;
  readonly dispatch: DispatchDeps | null;
  readonly now: () => number;
  /** How long a command may take before a line says it is at work; null never. */
  readonly workingNoticeMs: number | null;
  /** Shown when `input` is a terminal: the prompt stays below what is printed. */
  readonly prompt?: PromptLine;
}

const PROMPT = 'gazette> ';

async function argsFor(command: CommandDefinition, rest: string): Promise<CommandArgs | string> {
  const file = command.options.find((o) => o.type === 'attachment');
  if (file) {
    // The console operator owns the machine: an attachment is a local file path.
    const path = rest.trim();
    if (path === '') return {};
    try {
      return { [file.name]: { name: path, content: await readFile(path, 'utf8') } };
    } catch {
      return `Cannot read ${path}.`;
    }
  }
  const bound = bindTextArgs(command, rest);
  return bound.ok ? bound.value : bound.error;
}

/** Prints digests on a stream and, when given input, runs `/commands` typed there. */
export function createConsolePlatform(deps: ConsoleDeps): Platform {
  let sent = 0;
  let reader: Interface | null = null;
  let prompting = false;
  // Digests and replies stand apart by a blank line; short notices do not.
  const write = (text: string, gap = true): void => {
    const block = `${text}\n${gap ? '\n' : ''}`;
    if (deps.prompt) deps.prompt.print(deps.output, block);
    else deps.output.write(block);
  };

  const handleLine = async (line: string, dispatchDeps: DispatchDeps): Promise<void> => {
    if (line.trim() === '') {
      if (prompting) reader?.prompt();
      return;
    }
    const parsed = parseCommandLine(line);
    const command = parsed && dispatchDeps.commands.find((c) => c.name === parsed.name);
    if (!parsed || !command) {
      write('Unknown command. Type /help for the list.');
      return;
    }
    const args = await argsFor(command, parsed.rest);
    if (typeof args === 'string') {
      write(`❌ ${args}`);
      return;
    }
    const user = { id: 'console', name: 'console' };
    const afterMs = deps.workingNoticeMs;
    const reply = await withWorkingNotice(
      dispatch({ command, chat: consoleChat, user, args, isManager: true, now: deps.now() }, dispatchDeps),
      afterMs === null
        ? null
        : {
            afterMs,
            everyMs: null,
            show: () => {
              write(`⏳ Working on /${command.name}…`, false);
            },
          },
    );
    write(renderConsoleReply(reply));
  };

  return {
    name: 'console',
    renderDigest: (digest) => renderConsoleDigest(digest),
    send(_address: ChatAddress, part: RenderedPart): Promise<SendOutcome> {
      const { text } = JSON.parse(part.payload) as { text: string };
      write(text);
      sent++;
      return Promise.resolve({ ok: true, messageId: `console-${sent}` });
    },
    edit(_address: ChatAddress, messageId: string, part: RenderedPart): Promise<SendOutcome> {
      // A terminal cannot rewrite what scrolled by: the new telling is printed, marked as such.
      const { text } = JSON.parse(part.payload) as { text: string };
      write(`(updated) ${text}`);
      return Promise.resolve({ ok: true, messageId });
    },
    notify(_address: ChatAddress, notice: Reply): Promise<SendOutcome> {
      write(terminalSafe(renderConsoleReply(notice)), false);
      return Promise.resolve({ ok: true, messageId: 'notice' });
    },
    start() {
      const dispatchDeps = deps.dispatch;
      if (deps.input && dispatchDeps) {
        const prompt = deps.prompt;
        prompting = prompt !== undefined && (deps.input as { isTTY?: boolean }).isTTY === true;
        reader = prompting
          ? createInterface({ input: deps.input, output: deps.output, terminal: true, prompt: PROMPT })
          : createInterface({ input: deps.input, terminal: false });
        if (prompting) prompt?.attach(reader);
        // Lines run one after another, as a person typing them would expect.
        let queue = Promise.resolve();
        reader.on('line', (line) => {
          queue = queue.then(() => handleLine(line, dispatchDeps));
        });
      }
      return Promise.resolve();
    },
    stop() {
      if (prompting) deps.prompt?.detach();
      reader?.close();
      reader = null;
      return Promise.resolve();
    },
  };
}
