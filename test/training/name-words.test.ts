import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shippedConfigFile } from '../../src/config/config-file.js';
import { encodeNameWords, NAME_WORDS_FILE } from '../../src/text/name-words.js';
import { corpusNameWords, countWordCase, nameWordsOf, type WordCase } from '../../src/training/name-words.js';
import { CORPUS_DIR, corpusAvailable } from '../condense/corpus.js';

const counted = (...texts: string[]): Map<string, WordCase> => {
  const counts = new Map<string, WordCase>();
  for (const text of texts) countWordCase(text, counts);
  return counts;
};

describe('counting how prose writes words', () => {
  it('counts only where the capital letter is a choice', () => {
    const counts = counted(
      'Voters in Georgia waited for hours. Georgia blamed the machines: Chaos followed. "Lines" were long, I’d say.',
    );
    // "Georgia" opening the second sentence, "Chaos" after a colon and "Lines" after a quote say nothing.
    expect(counts.get('georgia')).toEqual({ capitalised: 1, lower: 0 });
    expect(counts.has('chaos')).toBe(false);
    expect(counts.has('lines')).toBe(false);
    expect(counts.has('i’d')).toBe(false);
    expect(counts.get('machines')).toEqual({ capitalised: 0, lower: 1 });
  });

  it('skips title-case and all-capital lines', () => {
    const counts = counted(
      'Voters Wait Hours As Machines Fail In Georgia',
      'Polls opened in GEORGIA and NEVADA.',
    );
    expect(counts.has('machines')).toBe(false);
    expect(counts.has('georgia')).toBe(false);
  });

  it('calls a word a name when nearly every use inside a sentence is capitalised', () => {
    const counts = counted(
      'They voted in Georgia. Then the Senate met. A primary was held. The Primary season ended.',
      'Officials in Georgia said the Senate would meet and the primary would go on.',
    );
    expect(nameWordsOf(counts).sort()).toEqual(['georgia', 'senate']);
    expect(nameWordsOf(counts, { minUses: 3, minCapitalisedShare: 0.8 })).toEqual([]);
  });
});

describe.skipIf(!corpusAvailable('name words training'))('the shipped name words', () => {
  it('are what the corpus gives (npm run train:names)', async () => {
    const { names } = await corpusNameWords(CORPUS_DIR);
    expect(readFileSync(shippedConfigFile(NAME_WORDS_FILE), 'utf8')).toBe(encodeNameWords(names));
  }, 60_000);
});
