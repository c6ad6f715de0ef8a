import { describe, expect, it } from 'vitest';
import { createSectionReader } from '../../src/condense/topic-evidence.js';
import { topic } from '../helpers/topic.js';

const taxonomy = [
  topic('world', { categories: ['world', 'middle east', 'americas'] }),
  topic('politics', { categories: ['politics', 'uk politics'] }),
  topic('science', { categories: ['science'] }),
  topic('technology', { categories: ['tech'] }),
  topic('sport', { categories: ['sport', 'football', 'deportes'] }),
  topic('culture', { categories: ['arts'] }),
];
const reader = createSectionReader(taxonomy);
const section = (url: string): string[] => [...reader.fromUrl(url)].map((i) => taxonomy[i]?.id ?? '').sort();

describe('the section an article’s address files it under', () => {
  it('reads the deepest section, never the article’s own slug', () => {
    expect(section('https://example.org/sport/football/late-winner')).toEqual(['sport']);
    expect(section('https://example.org/world/tech/chip-plant-opens')).toEqual(['technology']);
    expect(section('https://example.org/news/sport-a-sport-story')).toEqual([]);
    expect(section('https://example.org/news/business-53012345')).toEqual([]);
  });

  it('skips dates and ids, which are no sections', () => {
    expect(section('https://example.org/2020/05/28/us/politics/iran-accord.html')).toEqual(['politics']);
    expect(section('https://example.org/sport/53012345')).toEqual(['sport']);
  });

  it('meets a section by its stem and when its words run together', () => {
    expect(section('https://example.org/news/political/123/wage-audit')).toEqual(['politics']);
    expect(section('https://example.org/sports/tennis-final')).toEqual(['sport']);
    // One stem, but another word: the English stemmer cuts "deportes" to "deport".
    expect(section('https://example.org/news/deportation-flights-123')).toEqual([]);
    expect(section('https://example.org/2020/05/28/middleeast/story/index.html')).toEqual(['world']);
    expect(section('https://example.org/sciencetech/article-123/mosaic-found.html')).toEqual([
      'science',
      'technology',
    ]);
    expect(section('https://example.org/ukpolitics/vote-tonight')).toEqual(['politics']);
  });

  it('trusts a section named whole over a name among a deeper segment’s words', () => {
    expect(section('https://example.org/sport/mixed-martial-arts/title-fight')).toEqual(['sport']);
    expect(section('https://example.org/sport/americas-cup/race-two')).toEqual(['sport']);
    expect(section('https://example.org/news/world-europe-53012345')).toEqual(['world']);
  });

  it('answers nothing for hostile addresses, in bounded time', () => {
    const started = performance.now();
    expect(section('not a url')).toEqual([]);
    expect(section(`https://example.org/${'sport/'.repeat(400)}`)).toEqual([]);
    expect(section(`https://example.org/${'a'.repeat(1_900)}/x`)).toEqual([]);
    expect(section(`https://example.org/${'sciencetech'.repeat(50)}/x`)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
