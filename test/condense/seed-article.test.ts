import { describe, expect, it } from 'vitest';
import { condenseItem } from '../../src/condense/condense.js';
import { isDangling } from '../../src/condense/openers.js';
import { summarize } from '../../src/condense/summarize.js';
import { createTopicTagger } from '../../src/condense/topics.js';
import { votingTopicModel } from '../helpers/topic-model.js';
import { corpusAvailable, readSeedArticle } from './corpus.js';
import { danglingOpener } from './dangling.js';

const available = corpusAvailable('seed article');
const COMMENT_FORM = /please enter your (?:comment|name)/iu;
const CLAIM = /safe haven|asylum|sanctuary/iu;
const SOURCE =
  /diplomatic sources told Iran International|according to these sources|sources? (?:said|told)/iu;

describe.skipIf(!available)('the seed article', () => {
  const limits = [
    { maxSentences: 3, maxChars: 400 },
    { maxSentences: 2, maxChars: 300 },
    { maxSentences: 5, maxChars: 800 },
    { maxSentences: 1, maxChars: 400 },
  ];

  for (const options of limits) {
    it(`summarises faithfully at ${options.maxSentences} sentences / ${options.maxChars} characters`, () => {
      const summary = summarize(readSeedArticle(), options);
      if (options.maxSentences === 3 && options.maxChars === 400)
        console.log(`seed summary: ${summary.text}`);
      expect(summary.text).not.toBe('');
      expect(summary.text.length).toBeLessThanOrEqual(options.maxChars);
      expect(summary.sentences.length).toBeLessThanOrEqual(options.maxSentences);
      for (const sentence of summary.sentences) expect(sentence).not.toMatch(COMMENT_FORM);
      expect(danglingOpener(summary.text)).toBeNull();
      expect(isDangling(summary.sentences[0] ?? '')).toBe(false);
      // A claim resting on unnamed sources keeps its attribution.
      if (summary.sentences.some((s) => CLAIM.test(s))) expect(summary.text).toMatch(SOURCE);
    });
  }

  it('keeps the attribution of the claim at every limit', () => {
    const article = readSeedArticle();
    for (let maxSentences = 1; maxSentences <= 5; maxSentences++) {
      for (let maxChars = 100; maxChars <= 1000; maxChars += 25) {
        const summary = summarize(article, { maxSentences, maxChars });
        expect(summary.text.length).toBeLessThanOrEqual(maxChars);
        expect(summary.text).not.toMatch(COMMENT_FORM);
        expect(danglingOpener(summary.text)).toBeNull();
        if (summary.sentences.some((s) => CLAIM.test(s))) expect(summary.text).toMatch(SOURCE);
      }
    }
  });

  it('condenses to English with the regime and Venezuela among its entities', () => {
    const { title, text } = readSeedArticle();
    const condensed = condenseItem(
      { title, text, categories: [] },
      {
        tagger: createTopicTagger([{ id: 'world', label: 'World', emoji: '', categories: [] }], {
          model: votingTopicModel({ world: ['asylum', 'regime', 'sanctions'], other: ['recipe'] }),
        }),
        feedTopics: [],
        maxSentences: 3,
        maxChars: 400,
        contentHash: 'seed',
      },
    );
    expect(condensed.language).toBe('en');
    expect(condensed.summary).not.toMatch(COMMENT_FORM);
    expect(condensed.topics).toEqual(['world']);
    expect(condensed.entities).toEqual(expect.arrayContaining(['venezuela', 'iran']));
  });
});
