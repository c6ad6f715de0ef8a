import type { PollCycleResult } from './poll-cycle.js';

/** Failures that say the network, not the feed, is the problem. */
const UNREACHABLE: ReadonlySet<string> = new Set(['dns', 'connect', 'timeout', 'network']);

const words: Readonly<Record<string, readonly [string, string]>> = {
  dns: ['host not found', 'hosts not found'],
  connect: ['connection refused', 'connections refused'],
  timeout: ['timeout', 'timeouts'],
  network: ['connection failure', 'connection failures'],
  http_status: ['HTTP error', 'HTTP errors'],
  not_a_feed: ['not a feed', 'not feeds'],
  malformed: ['broken feed', 'broken feeds'],
  too_large: ['too large', 'too large'],
  blocked_address: ['private address', 'private addresses'],
  too_many_redirects: ['redirect loop', 'redirect loops'],
  bad_url: ['bad address', 'bad addresses'],
};

/** `3 hosts not found, 1 timeout`: the failures of a cycle in words, most frequent first. */
export function failureWords(failures: Readonly<Record<string, number>>): string {
  return Object.entries(failures)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([code, count]) => {
      const [one, many] = words[code] ?? [code, code];
      return `${count} ${count === 1 ? one : many}`;
    })
    .join(', ');
}

const feedsWord = (n: number): string => `${n} feed${n === 1 ? '' : 's'}`;

/** How a poll cycle went, in one sentence for the person running Gazette; null when nothing was polled. */
export interface PollStatus {
  readonly text: string;
  /** `none`: no feed could be read; `some`: a few failed; `all`: every feed was read. */
  readonly read: 'none' | 'some' | 'all';
}

/**
 * Describes a poll cycle in plain words, e.g. "None of your 5 feeds could be reached: this machine
 * looks offline." `followed` is how many feeds the reader follows: a cycle after a restart polls
 * only those that were due, and then says so rather than calling them all of the reader's feeds.
 */
export function describePollCycle(
  result: PollCycleResult,
  followed: number | null = null,
): PollStatus | null {
  const { polled, failed, failures } = result;
  if (polled === 0) return null;
  const why = failureWords(failures);
  const all = followed === null || followed === polled;
  const these = all
    ? `your ${feedsWord(polled)}`
    : `the ${feedsWord(polled)} that ${polled === 1 ? 'was' : 'were'} due`;
  if (failed === 0) return { read: 'all', text: `Read ${these}.` };
  if (failed < polled) {
    return {
      read: 'some',
      text: `Read ${polled - failed} of ${these}; ${failed} could not be read (${why}). /feeds shows which.`,
    };
  }
  const offline = Object.keys(failures).every((code) => UNREACHABLE.has(code));
  const none =
    polled !== 1 ? `None of ${these} could` : all ? 'Your feed could not' : `The feed that was due could not`;
  const first = offline ? `${none} be reached: this machine looks offline.` : `${none} be read (${why}).`;
  return { read: 'none', text: `${first} Gazette keeps trying; /feeds shows each one.` };
}
