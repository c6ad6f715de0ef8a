import type { Interface } from 'node:readline';
import type { Writable } from 'node:stream';

/**
 * Keeps a command prompt on the last line of a terminal while digests, replies and log lines are
 * printed above it. Without a prompt attached it only writes.
 */
export interface PromptLine {
  /** Writes `text` (ending in a newline) above the prompt, then draws the prompt again. */
  print(stream: Writable, text: string): void;
  /** Shows `reader`'s prompt from now on. */
  attach(reader: Interface): void;
  detach(): void;
}

/** A prompt line shared by the console platform and the log output; Ctrl+C at it calls `onInterrupt`. */
export function createPromptLine(onInterrupt: () => void): PromptLine {
  let reader: Interface | null = null;
  return {
    print(stream, text) {
      if (reader === null) {
        stream.write(text);
        return;
      }
      // Clear the half-typed line, print, then redraw the prompt with what was typed so far.
      stream.write(`\r\u001b[2K${text}`);
      reader.prompt(true);
    },
    attach(next) {
      reader = next;
      // A terminal reader takes Ctrl+C itself; without a listener it would only pause.
      reader.on('SIGINT', onInterrupt);
      reader.prompt();
    },
    detach() {
      reader = null;
    },
  };
}
