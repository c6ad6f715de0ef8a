import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';

function stream(isTTY: boolean): PassThrough & { isTTY: boolean; text: () => string } {
  let written = '';
  const s = Object.assign(new PassThrough(), { isTTY, text: (): string => written });
  s.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
  return s;
}

describe('createProgress', () => {
  it('redraws one line on a terminal and clears it when done', () => {
    const tty = stream(true);
    const progress = createProgress(tty, 'Fetching feeds', 3);
    progress.tick();
    progress.tick();
    progress.done();
    expect(tty.text()).toBe('\rFetching feeds 0/3\rFetching feeds 1/3\rFetching feeds 2/3\r\u001b[2K');
  });

  it('says nothing when the output is not a terminal', () => {
    const pipe = stream(false);
    const progress = createProgress(pipe, 'Fetching feeds', 3);
    progress.tick();
    progress.done();
    expect(pipe.text()).toBe('');
  });
});
