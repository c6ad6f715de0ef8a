import { describe, expect, it } from 'vitest';
import { declaredIntervalMs, httpMaxAgeMs } from '../../src/ingest/cache-hints.js';
import { feedIntervalMs, publishingGapMs } from '../../src/pipeline/poll-interval.js';

const NOW = Date.UTC(2026, 10, 28, 12, 0);
const MIN = 60_000;
const policy = { intervalMinutes: 15, minIntervalMinutes: 5, maxIntervalMinutes: 120 };
const none = { httpMaxAgeMs: null, declaredMs: null, publishedAt: [], previousMs: null };

describe('cache hints', () => {
  it('reads s-maxage, then max-age, then Expires against Date', () => {
    expect(httpMaxAgeMs('public, max-age=1800', null, null, NOW)).toBe(30 * MIN);
    expect(httpMaxAgeMs('max-age=60, s-maxage=600', null, null, NOW)).toBe(10 * MIN);
    expect(httpMaxAgeMs('no-cache', null, null, NOW)).toBeNull();
    const date = new Date(NOW).toUTCString();
    const expires = new Date(NOW + 20 * MIN).toUTCString();
    expect(httpMaxAgeMs(null, expires, date, NOW + 5 * MIN)).toBe(20 * MIN);
    expect(httpMaxAgeMs(null, 'not a date', null, NOW)).toBeNull();
    expect(httpMaxAgeMs('max-age=-5', null, null, NOW)).toBeNull();
  });

  it('reads <ttl> and sy:updatePeriod/updateFrequency of the channel, not of an item', () => {
    expect(declaredIntervalMs('<rss><channel><ttl>45</ttl><item><title>x</title></item>')).toBe(45 * MIN);
    const sy =
      '<rdf:RDF><channel><sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency></channel>';
    expect(declaredIntervalMs(sy)).toBe(30 * MIN);
    expect(declaredIntervalMs('<rss><channel><item><ttl>5</ttl></item></channel></rss>')).toBeNull();
    expect(declaredIntervalMs('<sy:updatePeriod>sometimes</sy:updatePeriod>')).toBeNull();
  });
});

describe('a feed’s own interval', () => {
  it('is the configured interval when nothing is known', () => {
    expect(feedIntervalMs(policy, none, NOW)).toBe(15 * MIN);
  });

  it('follows the publishing rate, within the bounds', () => {
    const every = (gap: number, count: number): number[] =>
      Array.from({ length: count }, (_, i) => NOW - i * gap);
    // An item every 20 minutes: polled every 10.
    expect(feedIntervalMs(policy, { ...none, publishedAt: every(20 * MIN, 10) }, NOW)).toBe(10 * MIN);
    // An item a minute: no sooner than the lower bound.
    expect(feedIntervalMs(policy, { ...none, publishedAt: every(MIN, 10) }, NOW)).toBe(5 * MIN);
    // Twice a week: no later than the upper bound.
    expect(feedIntervalMs(policy, { ...none, publishedAt: every(3 * 24 * 60 * MIN, 5) }, NOW)).toBe(
      120 * MIN,
    );
    expect(publishingGapMs([NOW], NOW)).toBeNull();
  });

  it('is never shorter than the publisher asked by header, <ttl> or sy:updatePeriod', () => {
    const busy = Array.from({ length: 10 }, (_, i) => NOW - i * MIN);
    expect(feedIntervalMs(policy, { ...none, publishedAt: busy, httpMaxAgeMs: 30 * MIN }, NOW)).toBe(
      30 * MIN,
    );
    expect(feedIntervalMs(policy, { ...none, publishedAt: busy, declaredMs: 60 * MIN }, NOW)).toBe(60 * MIN);
    expect(feedIntervalMs(policy, { ...none, declaredMs: 24 * 60 * MIN }, NOW)).toBe(120 * MIN);
  });

  it('keeps the interval it had when a 304 tells nothing new', () => {
    expect(feedIntervalMs(policy, { ...none, previousMs: 40 * MIN }, NOW)).toBe(40 * MIN);
  });
});
