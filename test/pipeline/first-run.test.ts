import { describe, expect, it } from 'vitest';
import { createFirstRun } from '../../src/pipeline/first-run.js';
import type { PollCycleResult } from '../../src/pipeline/poll-cycle.js';
import { describePollCycle, failureWords } from '../../src/pipeline/poll-status.js';
import { silentLogger } from '../helpers/logger.js';

const cycle = (polled: number, failures: Record<string, number> = {}): PollCycleResult => ({
  polled,
  changed: 0,
  failed: Object.values(failures).reduce((a, b) => a + b, 0),
  failures,
  condensed: 0,
});

describe('describePollCycle', () => {
  it('says in plain words how a cycle went', () => {
    expect(describePollCycle(cycle(0))).toBeNull();
    expect(describePollCycle(cycle(5))?.text).toBe('Read your 5 feeds.');
    expect(describePollCycle(cycle(5, { dns: 5 }))).toEqual({
      read: 'none',
      text: 'None of your 5 feeds could be reached: this machine looks offline. Gazette keeps trying; /feeds shows each one.',
    });
    expect(describePollCycle(cycle(1, { timeout: 1 }))?.text).toMatch(
      /^Your feed could not be reached: this machine/,
    );
    expect(describePollCycle(cycle(3, { http_status: 2, dns: 1 }))?.text).toBe(
      'None of your 3 feeds could be read (2 HTTP errors, 1 host not found). Gazette keeps trying; /feeds shows each one.',
    );
    expect(describePollCycle(cycle(5, { not_a_feed: 1 }))?.text).toBe(
      'Read 4 of your 5 feeds; 1 could not be read (1 not a feed). /feeds shows which.',
    );
  });

  it('calls the feeds of a cycle that polled only those due by what they are, not all of yours', () => {
    expect(describePollCycle(cycle(5), 5)?.text).toBe('Read your 5 feeds.');
    expect(describePollCycle(cycle(2), 5)?.text).toBe('Read the 2 feeds that were due.');
    expect(describePollCycle(cycle(1), 5)?.text).toBe('Read the 1 feed that was due.');
    expect(describePollCycle(cycle(2, { dns: 1 }), 5)?.text).toBe(
      'Read 1 of the 2 feeds that were due; 1 could not be read (1 host not found). /feeds shows which.',
    );
    expect(describePollCycle(cycle(1, { dns: 1 }), 5)?.text).toMatch(
      /^The feed that was due could not be reached/,
    );
    expect(describePollCycle(cycle(3, { http_status: 3 }), 5)?.text).toMatch(
      /^None of the 3 feeds that were due could be read \(3 HTTP errors\)/,
    );
  });

  it('names an unknown failure by its code', () => {
    expect(failureWords({ teapot: 2 })).toBe('2 teapot');
  });
});

describe('createFirstRun', () => {
  const setup = (withDigest: boolean, stories = true) => {
    const told: string[] = [];
    let digests = 0;
    const run = createFirstRun({
      log: silentLogger(),
      tell: (text) => {
        told.push(text);
        return Promise.resolve();
      },
      firstDigest: withDigest
        ? () => {
            digests++;
            return Promise.resolve(stories);
          }
        : null,
      nothingYet: () => 'Nothing yet.',
      followed: null,
    });
    return { run, told, digests: () => digests };
  };

  it('posts the first digest after the first cycle that read a feed, not after the first cycle', async () => {
    const { run, told, digests } = setup(true);
    await run.afterCycle(cycle(0));
    expect(told).toEqual([]);
    await run.afterCycle(cycle(5, { dns: 5 }));
    expect(told).toEqual([expect.stringContaining('this machine looks offline')]);
    expect(digests()).toBe(0);
    await run.afterCycle(cycle(2, { dns: 2 }));
    expect(told).toHaveLength(1);
    await run.afterCycle(cycle(3, { dns: 1 }));
    expect(told.at(-1)).toBe('Feeds answer again.');
    expect(digests()).toBe(1);
    await run.afterCycle(cycle(5));
    expect(digests()).toBe(1);
    expect(told).toHaveLength(2);
  });

  it('says feeds answer again only after a cycle that polled every feed found none answering', async () => {
    const told: string[] = [];
    const run = createFirstRun({
      log: silentLogger(),
      tell: (text) => {
        told.push(text);
        return Promise.resolve();
      },
      firstDigest: null,
      nothingYet: () => 'Nothing yet.',
      followed: 5,
    });
    await run.afterCycle(cycle(5, { dns: 1 }));
    // One dead feed polled alone, between healthy cycles: no outage, and so no recovery.
    await run.afterCycle(cycle(1, { dns: 1 }));
    await run.afterCycle(cycle(4));
    expect(told).toEqual([
      'Read 4 of your 5 feeds; 1 could not be read (1 host not found). /feeds shows which.',
    ]);
    await run.afterCycle(cycle(5, { dns: 5 }));
    await run.afterCycle(cycle(2));
    expect(told.at(-1)).toBe('Feeds answer again.');
  });

  it('says when the first digest found nothing, and posts none for a chat that had one', async () => {
    const empty = setup(true, false);
    await empty.run.afterCycle(cycle(2));
    expect(empty.told).toEqual(['Read your 2 feeds.', 'Nothing yet.']);
    const seasoned = setup(false);
    await seasoned.run.afterCycle(cycle(2));
    expect(seasoned.told).toEqual(['Read your 2 feeds.']);
  });
});
