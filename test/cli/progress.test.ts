import { describe, expect, it } from 'vitest';
import { captureStream } from '../helpers/capture.js';
import { createProgress } from '../../src/cli/progress.js';

describe('createProgress', () => {
  it('redraws one line on a terminal and clears it when done', () => {
    const tty = captureStream(true);
    const progress = createProgress(tty, 'Fetching feeds', 3);
    progress.tick();
    progress.tick();
    progress.done();
    expect(tty.text()).toBe('\rFetching feeds 0/3\rFetching feeds 1/3\rFetching feeds 2/3\r\u001b[2K');
  });

  it('says nothing when the output is not a terminal', () => {
    const pipe = captureStream(false);
    const progress = createProgress(pipe, 'Fetching feeds', 3);
    progress.tick();
    progress.done();
    expect(pipe.text()).toBe('');
  });
});
