import { describe, expect, it } from 'vitest';
import type { Topic } from '../../src/core/types.js';
import { createTopicTagger } from '../../src/condense/topics.js';
import { corpusAvailable, readSummaries } from './corpus.js';
import { topic } from '../helpers/topic.js';

const available = corpusAvailable('topic corpus');

// A small taxonomy written for the five BBC labels; not tuned article by article.
const taxonomy: readonly Topic[] = [
  topic('business', [
    'economy',
    'economic',
    'growth',
    'inflation',
    'interest rates',
    'bank',
    'shares',
    'stock market',
    'investors',
    'profit',
    'profits',
    'revenue',
    'sales',
    'company',
    'firm',
    'deal',
    'market',
    'prices',
    'oil',
    'dollar',
    'euro',
    'gdp',
    'jobs',
    'trade',
    'chief executive',
    'takeover',
    'debt',
  ]),
  topic('entertainment', [
    'film',
    'films',
    'movie',
    'actor',
    'actress',
    'oscar',
    'award',
    'awards',
    'box office',
    'music',
    'album',
    'singer',
    'band',
    'chart',
    'concert',
    'festival',
    'star',
    'stars',
    'tv',
    'television',
    'show',
    'comedy',
    'director',
    'hollywood',
    'theatre',
    'book',
    'novel',
  ]),
  topic('politics', [
    'election',
    'government',
    'minister',
    'prime minister',
    'parliament',
    'mp',
    'mps',
    'labour',
    'tory',
    'tories',
    'conservatives',
    'lib dems',
    'party',
    'vote',
    'voters',
    'campaign',
    'chancellor',
    'home secretary',
    'commons',
    'lords',
    'policy',
    'bill',
    'downing street',
  ]),
  topic('sport', [
    'match',
    'game',
    'win',
    'won',
    'cup',
    'league',
    'champion',
    'championship',
    'final',
    'season',
    'coach',
    'player',
    'players',
    'team',
    'football',
    'rugby',
    'tennis',
    'cricket',
    'athletics',
    'olympic',
    'injury',
    'club',
    'goal',
    'victory',
    'squad',
  ]),
  topic('tech', [
    'technology',
    'software',
    'computer',
    'computers',
    'internet',
    'online',
    'broadband',
    'mobile',
    'phone',
    'phones',
    'digital',
    'microsoft',
    'google',
    'apple',
    'games',
    'gaming',
    'users',
    'website',
    'net',
    'virus',
    'spam',
    'security',
    'device',
    'devices',
    'gadget',
    'search',
  ]),
];

describe.skipIf(!available)('topic tagging on BBC', () => {
  it('finds the labelled topic as the main topic, or among the main topics when two are close', () => {
    const rows = readSummaries('bbc-100.jsonl');
    const tagger = createTopicTagger(taxonomy);
    const counts = new Map(taxonomy.map((t) => [t.id, { tp: 0, fp: 0, fn: 0 }]));
    let correct = 0;
    let amongMain = 0;
    for (const row of rows) {
      const { topics, mainTopics } = tagger.tag({
        title: row.title ?? null,
        text: row.article,
        categories: [],
        feedTopics: [],
      });
      expect(topics.length).toBeLessThanOrEqual(3);
      if (topics.slice(0, mainTopics).includes(row.topic ?? '')) amongMain++;
      const main = topics[0];
      const truth = counts.get(row.topic ?? '');
      if (main === row.topic) {
        correct++;
        if (truth) truth.tp++;
        continue;
      }
      if (truth) truth.fn++;
      const guessed = main === undefined ? undefined : counts.get(main);
      if (guessed) guessed.fp++;
    }
    const lines = [...counts].map(([id, c]) => {
      const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
      const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
      return `  ${id.padEnd(13)} precision ${precision.toFixed(2)}  recall ${recall.toFixed(2)}`;
    });
    const accuracy = correct / rows.length;
    const recall = amongMain / rows.length;
    console.log(
      [
        `BBC main topic (${rows.length} articles), accuracy ${accuracy.toFixed(2)}, label among the main topics ${recall.toFixed(2)}`,
        ...lines,
      ].join('\n'),
    );
    expect(accuracy).toBeGreaterThanOrEqual(0.91);
    expect(recall).toBeGreaterThanOrEqual(0.94);
  });
});
