import type { Writable } from 'node:stream';

/** Reports `label done/total` on one rewritten terminal line; says nothing when not on a terminal. */
export interface Progress {
  tick(): void;
  done(): void;
}

/** A progress line on `stream` when it is a TTY, silent otherwise. */
export function createProgress(
  stream: Writable & { isTTY?: boolean },
  label: string,
  total: number,
): Progress {
  let count = 0;
  const draw = (): void => {
    if (stream.isTTY === true) stream.write(`\r${label} ${count}/${total}`);
  };
  draw();
  return {
    tick() {
      count++;
      draw();
    },
    done() {
      if (stream.isTTY === true) stream.write('\r\u001b[2K');
    },
  };
}
