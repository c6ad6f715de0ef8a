import { describe, expect, it } from 'vitest';
import { captureStream } from '../helpers/capture.js';
import { formatLogLine } from '../../src/cli/log-format.js';
import { createLogger, isReadableLog } from '../../src/cli/logger.js';
import { testConfig } from '../helpers/config.js';

describe('formatLogLine', () => {
  it('turns pino JSON into one readable line', () => {
    const time = Date.UTC(2026, 10, 28, 9, 3, 4);
    const line = JSON.stringify({
      level: 40,
      time,
      pid: 7,
      hostname: 'box',
      feed: 'https://example.org/feed',
      reason: 'dns',
      err: { type: 'Error', message: 'getaddrinfo ENOTFOUND', stack: 'Error: …\n    at x' },
      msg: 'feed poll failed',
    });
    const text = formatLogLine(line);
    expect(text).toMatch(
      /^\d\d:\d\d:\d\d WARN feed poll failed · feed=https:\/\/example\.org\/feed reason=dns err="getaddrinfo ENOTFOUND"$/,
    );
    expect(text).not.toContain('\n');
    expect(text).not.toContain('box');
  });

  it('keeps control characters out of the terminal and leaves other text alone', () => {
    expect(formatLogLine(JSON.stringify({ level: 30, msg: 'a\u001b[2Jb' }))).toBe('INFO ab');
    expect(formatLogLine('not json')).toBe('not json');
  });
});

describe('createLogger', () => {
  it('writes readable lines on a terminal, warnings and up unless a level is set', () => {
    const tty = captureStream(true);
    const log = createLogger(testConfig({ logLevel: null, logFormat: 'auto' }), { stream: tty });
    log.info('hidden');
    log.warn({ feed: 'x' }, 'shown');
    expect(tty.text()).toMatch(/^\d\d:\d\d:\d\d WARN shown · feed=x\n$/);
  });

  it('writes JSON lines elsewhere or when asked, info and up', () => {
    const pipe = captureStream(false);
    const log = createLogger(testConfig({ logLevel: null, logFormat: 'auto' }), { stream: pipe });
    log.info({ polled: 5 }, 'poll cycle');
    expect(JSON.parse(pipe.text())).toMatchObject({ level: 30, polled: 5, msg: 'poll cycle' });
    expect(isReadableLog(testConfig({ logFormat: 'json' }), { stream: captureStream(true) })).toBe(false);
    expect(isReadableLog(testConfig({ logFormat: 'pretty' }), { stream: captureStream(false) })).toBe(true);
  });
});
