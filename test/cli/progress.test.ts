import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/cli/one-shot.js';
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

describe('parseDuration', () => {
  it('reads minutes, hours, days and weeks and refuses the rest', () => {
    expect(parseDuration('90m')).toBe(90 * 60_000);
    expect(parseDuration('24h')).toBe(86_400_000);
    expect(parseDuration('2d')).toBe(172_800_000);
    expect(parseDuration('1w')).toBe(604_800_000);
    for (const bad of ['yesterday', '', '-1h', '1.5h', '999999h']) expect(parseDuration(bad)).toBeNull();
  });
});
