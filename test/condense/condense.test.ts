import { describe, expect, it } from 'vitest';
import type { Topic } from '../../src/core/types.js';
import { condenseItem } from '../../src/condense/condense.js';
import { createTopicTagger } from '../../src/condense/topics.js';
import { votingTopicModel } from '../helpers/topic-model.js';

const topics: readonly Topic[] = [
  { id: 'sport', label: 'Sport', emoji: '', categories: ['sport'] },
  { id: 'politics', label: 'Politics', emoji: '', categories: ['politics'] },
];
const context = {
  tagger: createTopicTagger(topics, {
    model: votingTopicModel({ sport: ['football', 'match', 'goal'], politics: ['election', 'vote'] }),
  }),
  feedTopics: [],
  maxSentences: 2,
  maxChars: 300,
  contentHash: 'abc123',
};

describe('condenseItem', () => {
  it('combines language, summary, topics and entities', () => {
    const condensed = condenseItem(
      {
        title: 'Arsenal win the north London derby',
        text: [
          'By Jane Doe',
          '',
          'Arsenal beat Tottenham 2-1 in the football match at the Emirates on Sunday.',
          'Bukayo Saka scored the winning goal in the second half.',
          'He celebrated with the fans.',
          '',
          'Please enter your comment!',
        ].join('\n'),
        categories: ['Sport'],
      },
      context,
    );
    expect(condensed.language).toBe('en');
    expect(condensed.contentHash).toBe('abc123');
    expect(condensed.topics[0]).toBe('sport');
    expect(condensed.entities).toEqual(expect.arrayContaining(['arsenal', 'bukayo saka']));
    expect(condensed.summary.length).toBeLessThanOrEqual(300);
    expect(condensed.summary).toMatch(/^Arsenal beat Tottenham/u);
    expect(condensed.summary).not.toMatch(/Jane Doe|comment/u);
  });

  it('detects the language of the item', () => {
    const condensed = condenseItem(
      {
        title: 'La Liga: el Barcelona gana el clásico',
        text: 'El Barcelona ganó al Real Madrid por 2-1 en el clásico del domingo. Los goles llegaron en la segunda parte.',
        categories: [],
      },
      context,
    );
    expect(condensed.language).toBe('es');
  });

  it('condenses an item without text to an empty summary', () => {
    const condensed = condenseItem({ title: 'Election night results', text: '', categories: [] }, context);
    expect(condensed.summary).toBe('');
    expect(condensed.topics).toEqual(['politics']);
  });

  it('tags by where the item was filed: its address and its section feed', () => {
    const plain = { title: 'Weekend roundup', text: 'Plenty happened this weekend.', categories: [] };
    expect(condenseItem(plain, context).topics).toEqual([]);
    expect(condenseItem({ ...plain, url: 'https://example.org/sport/weekend-1' }, context).topics).toEqual([
      'sport',
    ]);
    const feed = { url: 'https://example.org/politics/rss.xml', title: 'Example - Politics' };
    expect(condenseItem(plain, { ...context, feed }).topics).toEqual(['politics']);
  });
});
