import { describe, expect, it } from 'vitest';
import { headlineAndSummary } from '../../src/digest/untitled.js';

describe('headlineAndSummary', () => {
  it('keeps a title as the headline, with the summary beneath it', () => {
    expect(headlineAndSummary('Ryan hurls another no-hitter', 'The Rangers won 3-0.')).toEqual({
      headline: 'Ryan hurls another no-hitter',
      summary: 'The Rangers won 3-0.',
    });
  });

  it('heads an untitled item with its summary, cut with "…" at a word, and never shows it twice', () => {
    const long =
      "I wasn't gonna go this year, but then last week Valley Girl came out and I said to myself, Joe Bob, you gotta get out of the country for a while.";
    const { headline, summary } = headlineAndSummary(null, long);
    expect(headline).toBe(
      "I wasn't gonna go this year, but then last week Valley Girl came out and I said to myself, Joe Bob, you gotta get out…",
    );
    expect(summary).toBe(long);
    expect(headlineAndSummary(null, 'A short post.')).toEqual({ headline: 'A short post.', summary: '' });
  });

  it('heads a card of an item with neither title nor text with its address', () => {
    expect(headlineAndSummary(null, '', 'https://www.example.org/e/1?ref=rss')).toEqual({
      headline: 'example.org/e/1',
      summary: '',
    });
    expect(headlineAndSummary('  ', '', 'not an address')).toEqual({ headline: '', summary: '' });
  });
});
