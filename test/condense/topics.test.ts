import { describe, expect, it } from 'vitest';
import type { Topic } from '../../src/core/types.js';
import { extractEntities } from '../../src/condense/entities.js';
import { createTopicTagger } from '../../src/condense/topics.js';

const topic = (id: string, keywords: string[], categories: string[] = [], names: string[] = []): Topic => ({
  id,
  label: (id[0] ?? '').toUpperCase() + id.slice(1),
  emoji: '',
  keywords,
  names,
  categories,
});

const taxonomy: readonly Topic[] = [
  topic(
    'politics',
    ['election', 'parliament', 'prime minister', 'vote', 'government', 'white house'],
    ['politics'],
  ),
  topic(
    'business',
    ['shares', 'profit', 'interest rates', 'central bank', 'company'],
    ['business', 'markets'],
  ),
  topic('sport', ['football', 'premier league', 'match', 'goal', 'coach'], ['sport', 'sports']),
  topic('health', ['hospital', 'vaccine', 'who', 'patients'], ['health']),
  topic('technology', ['software', 'smartphone', 'ai'], ['tech'], ['technology']),
];
const tagger = createTopicTagger(taxonomy);
const tag = (title: string | null, text: string, categories: string[] = [], feedTopics: string[] = []) =>
  tagger.tag({ title, text, categories, feedTopics });

describe('topic tagging', () => {
  it('puts the topic of the headline first', () => {
    const result = tag(
      'Premier League: Arsenal win the match with a late goal',
      'The government congratulated the club. Arsenal scored a late goal to win the match.',
    );
    expect(result.topics[0]).toBe('sport');
  });

  it('matches multi-word phrases as a whole, case-insensitively', () => {
    expect(tag(null, 'The Central Bank raised Interest Rates again.').topics).toEqual(['business']);
    expect(tag(null, 'The central heating failed at the bank of the river.').topics).toEqual([]);
  });

  it('matches whole words only, with plurals', () => {
    expect(
      tag(null, 'Voters went to the polls; the elections were calm and the vote was counted.').topics,
    ).toEqual(['politics']);
    expect(tag(null, 'A devoted fan and a footballer’s wife attended the matchday gala.').topics).toEqual([]);
  });

  it('reads a keyword that is also a common word only in capitals', () => {
    expect(tag(null, 'The WHO warned hospitals about the new strain.').topics[0]).toBe('health');
    expect(tag(null, 'People who live nearby said who knows what comes next.').topics).toEqual([]);
  });

  it('maps feed categories to topics', () => {
    expect(tag('Quarterly results', 'Results were published.', ['Markets']).topics).toEqual(['business']);
    expect(tag('Quarterly results', 'Results were published.', ['News > Sports']).topics).toEqual(['sport']);
  });

  it('uses the feed’s own topics as a prior that evidence can override', () => {
    expect(
      tag('Weekend roundup', 'Plenty happened this weekend.', [], ['technology', 'politics']).topics,
    ).toEqual([]);
    expect(
      tag('New smartphone software', 'The software ships with AI features.', [], ['business']).topics[0],
    ).toBe('technology');
    expect(tag('Company update', 'The company met.', [], ['business']).topics).toEqual(['business']);
  });

  it('counts a runner-up close to the top as a main topic too, and a distant one as secondary', () => {
    expect(
      tag(
        'Government plan to cut company debt',
        'The government will vote on a plan to help the company. Company shares rose after the vote.',
      ),
    ).toMatchObject({ topics: ['politics', 'business'], mainTopics: 2 });
    expect(
      tag(
        'Election day: voters head to the polls',
        'The election vote was held across the country and parliament will meet. The company said its shares were steady.',
      ),
    ).toMatchObject({ topics: ['politics', 'business'], mainTopics: 1 });
    expect(tag(null, 'Nothing to see here.')).toMatchObject({ topics: [], mainTopics: 0 });
  });

  it('makes a topic the publisher filed the item under a main topic, even when the text leans elsewhere', () => {
    const story = 'Arsenal scored a late goal to win the football match. The coach praised the team.';
    expect(tag('Arsenal win the match with a late goal', story)).toMatchObject({
      topics: ['sport'],
      mainTopics: 1,
    });
    expect(tag('Arsenal win the match with a late goal', story, ['News > Politics'])).toMatchObject({
      topics: ['sport', 'politics'],
      mainTopics: 2,
    });
  });

  it('makes a field the lead names as its subject a main topic, beside what the words are about', () => {
    const title = 'Stamps help keep the vote clean';
    const lead =
      'The government will stamp every voter’s hand at the election. This new technology is ' +
      'meant to stop anyone voting twice.';
    const rest = ' The opposition called the vote unfair. Parliament debated the election for a week.';
    expect(tag(title, lead + rest)).toMatchObject({ topics: ['politics', 'technology'], mainTopics: 2 });
    // Said later, or as an object, it is only a mention.
    const late = `${lead.replace('This new technology is', 'Stamps are')}${rest.repeat(6)} This technology is cheap.`;
    expect(tag(title, late)).toMatchObject({ topics: ['politics'], mainTopics: 1 });
    expect(
      tag(title, lead.replace('This new technology is', 'They have the technology,') + rest),
    ).toMatchObject({
      topics: ['politics'],
      mainTopics: 1,
    });
  });

  it('keeps the standing of the other topics when the lead names a field', () => {
    const story =
      'Arsenal scored a late goal to win the football match and the company saw its shares rise. ' +
      'The technology was on show too.';
    const withName = tag('Arsenal win the match', story);
    const without = tag('Arsenal win the match', story.replace('The technology was', 'Screens were'));
    expect(withName.topics.slice(0, without.mainTopics)).toEqual(without.topics.slice(0, without.mainTopics));
    expect(withName.mainTopics).toBe(without.mainTopics + 1);
  });

  it('never makes a topic main only because the feed’s catalog entry lists it', () => {
    const result = tag(
      'Arsenal win the match with a late goal',
      'Arsenal scored a late goal to win the football match. The coach praised the team. ' +
        'The company that owns the club saw its shares rise.',
      [],
      ['business', 'politics', 'sport'],
    );
    expect(result).toMatchObject({ topics: ['sport'], mainTopics: 1 });
  });

  it('keeps at most three main topics when the publisher filed the item under more', () => {
    const result = tag(
      'Government vote on hospital software and football shares',
      'The government vote covered hospital patients, football match goals, company shares and software.',
      ['Politics', 'Business', 'Sport', 'Health'],
    );
    expect(result.topics).toHaveLength(3);
    expect(result.mainTopics).toBe(3);
  });

  it('returns at most three topics', () => {
    const result = tag(
      'Government vote on hospital software and football shares',
      'The government vote covered hospital patients, football match goals, company shares and software.',
    );
    expect(result.topics.length).toBeLessThanOrEqual(3);
  });

  it('is deterministic', () => {
    const input = {
      title: 'Election day',
      text: 'The election vote was held.',
      categories: [],
      feedTopics: [],
    };
    expect(tagger.tag(input)).toEqual(tagger.tag(input));
  });
});

describe('entity extraction', () => {
  it('finds multi-word names and acronyms, lower-cased, most important first', () => {
    const entities = extractEntities(
      'Gordon Brown warns SNP over referendum',
      'Former prime minister Gordon Brown has warned that the SNP wants a second referendum. ' +
        'Mr Brown said Nicola Sturgeon was evasive. The SNP denied it.',
    );
    expect(entities.slice(0, 2)).toEqual(['gordon brown', 'snp']);
    expect(entities).toContain('nicola sturgeon');
    expect(entities).not.toContain('brown');
  });

  it('ignores sentence-initial function words, months and days', () => {
    const entities = extractEntities(
      null,
      'The European Central Bank met on Thursday in Frankfurt. In March, the ECB raised rates. However, Christine Lagarde was cautious.',
    );
    expect(entities).toEqual(
      expect.arrayContaining(['european central bank', 'ecb', 'frankfurt', 'christine lagarde']),
    );
    for (const word of ['the', 'in', 'however', 'march', 'thursday', 'in march'])
      expect(entities).not.toContain(word);
  });

  it('drops roles in front of a name and splits possessives', () => {
    const entities = extractEntities(
      null,
      'Kansas Gov. Sam Brownback signed the bill. France’s Pernod Ricard made an offer, President Joe Biden said.',
    );
    expect(entities).toEqual(expect.arrayContaining(['sam brownback', 'pernod ricard', 'joe biden']));
    expect(entities.some((e) => e.includes('gov') || e.includes('president'))).toBe(false);
  });

  it('does not read a title-case headline as one long name', () => {
    const entities = extractEntities(
      'Islamic Regime Sees Venezuela As Sanctuary For Fallen Leaders',
      'Iranian officials view Venezuela as a safe haven, sources in Tehran say.',
    );
    expect(entities[0]).toBe('venezuela');
    expect(entities.every((e) => e.split(' ').length <= 3)).toBe(true);
  });

  it('keeps at most five', () => {
    const entities = extractEntities(
      null,
      'Alice Ames met Bob Brandt, Carol Cruz, Dan Dorsey, Erin Ellis and Frank Fox in Geneva with Gina Gold.',
    );
    expect(entities).toHaveLength(5);
  });

  it('is returned by the tagger', () => {
    expect(tag('Apple and Microsoft settle', 'Apple and Microsoft settled the case.').entities).toEqual(
      expect.arrayContaining(['apple', 'microsoft']),
    );
  });
});
