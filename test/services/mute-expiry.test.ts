import { describe, expect, it } from 'vitest';
import type { Topic } from '../../src/core/types.js';
import { resolveMuteTerm } from '../../src/services/create-services.js';
import { splitMuteExpiry } from '../../src/services/mute-expiry.js';

const DAY = 86_400_000;

describe('splitMuteExpiry', () => {
  it('reads a duration after the term', () => {
    expect(splitMuteExpiry('sport 7d', null)).toEqual({ term: 'sport', durationMs: 7 * DAY });
    expect(splitMuteExpiry('Premier League 2w', null)).toEqual({
      term: 'Premier League',
      durationMs: 14 * DAY,
    });
    expect(splitMuteExpiry('bitcoin 2 days', null)).toEqual({ term: 'bitcoin', durationMs: 2 * DAY });
    expect(splitMuteExpiry('sport', '12h')).toEqual({ term: 'sport', durationMs: DAY / 2 });
    expect(splitMuteExpiry('sport 1 year', null)).toEqual({ term: 'sport', durationMs: 365 * DAY });
  });

  it('mutes for good when told "forever" or "for good", as when the duration is left out', () => {
    expect(splitMuteExpiry('bitcoin forever', null)).toEqual({ term: 'bitcoin', durationMs: null });
    expect(splitMuteExpiry('Premier League for good', null)).toEqual({
      term: 'Premier League',
      durationMs: null,
    });
    expect(splitMuteExpiry('sport', 'Permanently')).toEqual({ term: 'sport', durationMs: null });
    expect(splitMuteExpiry('forever', null)).toEqual({ term: 'forever', durationMs: null });
  });

  it('reads how long after "for", as people say it', () => {
    expect(splitMuteExpiry('rugby for a week', null)).toEqual({ term: 'rugby', durationMs: 7 * DAY });
    expect(splitMuteExpiry('football for 3d', null)).toEqual({ term: 'football', durationMs: 3 * DAY });
    expect(splitMuteExpiry('Premier League for 2 days', null)).toEqual({
      term: 'Premier League',
      durationMs: 2 * DAY,
    });
    expect(splitMuteExpiry('sport For an hour', null)).toEqual({ term: 'sport', durationMs: DAY / 24 });
    // "for" that says no duration is part of the term.
    expect(splitMuteExpiry('Campaign for Nuclear Disarmament', null)).toEqual({
      term: 'Campaign for Nuclear Disarmament',
      durationMs: null,
    });
    expect(() => splitMuteExpiry('sport for 2 years', null)).toThrow(/a year at most/);
  });

  it('leaves a term without a duration alone', () => {
    expect(splitMuteExpiry('Premier League', null)).toEqual({ term: 'Premier League', durationMs: null });
    expect(splitMuteExpiry('Formula 1', null)).toEqual({ term: 'Formula 1', durationMs: null });
    expect(splitMuteExpiry('"iPhone 16e"', null)).toEqual({ term: '"iPhone 16e"', durationMs: null });
  });

  it('refuses a bad expiry instead of muting it as a word', () => {
    expect(() => splitMuteExpiry('sport 7x', null)).toThrow(/"7x" is not a duration/);
    expect(() => splitMuteExpiry('sport', 'soon')).toThrow(/"soon" is not a duration/);
    expect(() => splitMuteExpiry('sport 400d', null)).toThrow(/a year at most/);
    expect(() => splitMuteExpiry('sport 10s', null)).toThrow(/a minute at least/);
    expect(() => splitMuteExpiry('sport -1d', null)).toThrow(/runs from now on: write 1d, not "-1d"/);
    expect(() => splitMuteExpiry('sport 2y', null)).toThrow(/a year at most/);
    expect(() => splitMuteExpiry('sport', '20 years')).toThrow(/a year at most/);
  });
});

describe('resolveMuteTerm', () => {
  const topics: Topic[] = [
    { id: 'sport', label: 'Sport', emoji: '⚽', categories: [] },
    { id: 'technology', label: 'Technology', emoji: '💻', categories: [] },
    { id: 'politics', label: 'Politics', emoji: '🏛', categories: [] },
  ];

  it('takes a topic by id, label or plural, and names the topic a keyword may have meant', () => {
    expect(resolveMuteTerm('Sports', topics)).toMatchObject({ term: 'sport', topic: { id: 'sport' } });
    expect(resolveMuteTerm('politics', topics)).toMatchObject({ term: 'politics', nearTopic: null });
    expect(resolveMuteTerm('tech', topics)).toMatchObject({
      term: 'tech',
      topic: null,
      nearTopic: { id: 'technology' },
    });
    expect(resolveMuteTerm('bitcoin', topics)).toMatchObject({ term: 'bitcoin', nearTopic: null });
    expect(resolveMuteTerm('te', topics).nearTopic).toBeNull();
    // A typo away from a topic's name: still a keyword, with the topic named in the reply.
    expect(resolveMuteTerm('spotr', topics)).toMatchObject({ term: 'spotr', nearTopic: { id: 'sport' } });
    expect(resolveMuteTerm('politcs', topics)).toMatchObject({ nearTopic: { id: 'politics' } });
  });

  it('reads a curly apostrophe as the straight one phones replace it with', () => {
    expect(resolveMuteTerm('O’Brien', topics)).toMatchObject({ term: "o'brien", label: "O'Brien" });
  });

  it('takes names written with combining marks, as typed or composed', () => {
    expect(resolveMuteTerm('Mu\u0308ller', topics)).toMatchObject({ term: 'müller' });
    expect(resolveMuteTerm('मोदी', topics)).toMatchObject({ term: 'मोदी' });
    expect(resolveMuteTerm('Nguye\u0302\u0303n', topics).term).toBe('nguyễn');
    expect(() => resolveMuteTerm('\u0308x', topics)).toThrow(/starts with a letter or digit/u);
  });
});
