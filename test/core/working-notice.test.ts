import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withWorkingNotice } from '../../src/core/working-notice.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function pending(): { work: Promise<string>; finish: (value: string) => void } {
  let finish: (value: string) => void = () => undefined;
  const work = new Promise<string>((resolve) => {
    finish = resolve;
  });
  return { work, finish };
}

describe('withWorkingNotice', () => {
  it('shows nothing for an answer that comes in time', async () => {
    const show = vi.fn();
    const { work, finish } = pending();
    const answer = withWorkingNotice(work, { afterMs: 1_000, everyMs: null, show });
    await vi.advanceTimersByTimeAsync(999);
    finish('done');
    expect(await answer).toBe('done');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(show).not.toHaveBeenCalled();
  });

  it('shows once, or again at each renewal, until the answer comes and never after', async () => {
    const once = vi.fn();
    const renewed = vi.fn();
    const { work, finish } = pending();
    const a = withWorkingNotice(work, { afterMs: 1_000, everyMs: null, show: once });
    const b = withWorkingNotice(work, { afterMs: 1_000, everyMs: 4_500, show: renewed });
    await vi.advanceTimersByTimeAsync(10_500);
    expect(once).toHaveBeenCalledTimes(1);
    expect(renewed).toHaveBeenCalledTimes(3);
    finish('done');
    await Promise.all([a, b]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(renewed).toHaveBeenCalledTimes(3);
  });

  it('keeps the answer when showing fails, at once or later', async () => {
    const { work, finish } = pending();
    const answer = withWorkingNotice(work, {
      afterMs: 0,
      everyMs: 100,
      show: vi
        .fn()
        .mockImplementationOnce(() => {
          throw new Error('no terminal');
        })
        .mockRejectedValue(new Error('429 Too Many Requests')),
    });
    await vi.advanceTimersByTimeAsync(350);
    finish('done');
    expect(await answer).toBe('done');
  });

  it('passes a failure of the work itself through', async () => {
    const show = vi.fn();
    await expect(withWorkingNotice(Promise.reject(new Error('boom')), null)).rejects.toThrow('boom');
    const failing = withWorkingNotice(Promise.reject(new Error('late boom')), {
      afterMs: 0,
      everyMs: 1,
      show,
    });
    await expect(failing).rejects.toThrow('late boom');
    await vi.advanceTimersByTimeAsync(100);
    expect(show).not.toHaveBeenCalled();
  });
});
