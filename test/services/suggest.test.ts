import { describe, expect, it } from 'vitest';
import { catalogOf } from '../../src/app.js';
import { didYouMean, editDistance, suggestRefs } from '../../src/services/suggest.js';
import { testConfig } from '../helpers/config.js';

const config = testConfig();
const suggest = (typed: string): string[] => suggestRefs(typed, catalogOf(config), config.topics);

describe('suggestRefs', () => {
  it('offers catalog ids and topics close to what was typed', () => {
    expect(suggest('bbc')[0]).toBe('bbc-world');
    expect(suggest('techology')).toEqual(['technology']);
    expect(suggest('sprot')).toEqual(['sport']);
    expect(suggest('guardian')[0]).toBe('guardian-world');
    expect(suggest('bbc world')[0]).toBe('bbc-world');
    expect(suggest('zzzzzz')).toEqual([]);
    expect(suggest('x')).toEqual([]);
  });

  it('says it in words', () => {
    expect(didYouMean([])).toBe('');
    expect(didYouMean(['bbc-world'])).toBe(' Did you mean bbc-world?');
    expect(didYouMean(['a', 'b', 'c'])).toBe(' Did you mean a, b or c?');
  });

  it('counts a swap of two letters as one edit', () => {
    expect(editDistance('sprot', 'sport', 2)).toBe(1);
    expect(editDistance('abc', 'abcdef', 1)).toBe(2);
  });
});
