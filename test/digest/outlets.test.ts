import { describe, expect, it } from 'vitest';
import type { StorySource } from '../../src/core/types.js';
import { countOutlets, siteOf } from '../../src/digest/outlets.js';
import { testSource } from '../helpers/digest-fixtures.js';

let next = 1;
const source = (feedTitle: string, url: string | null): StorySource =>
  testSource(next, { feedId: next++, feedTitle, url });

describe('siteOf', () => {
  it.each([
    ['https://www.bbc.co.uk/news/world-1', 'bbc.co.uk'],
    ['https://edition.cnn.com/2020/05/28/a.html', 'cnn.com'],
    ['https://www.smh.com.au/world/a', 'smh.com.au'],
    ['https://www.stuff.co.nz/a', 'stuff.co.nz'],
    ['https://www.theguardian.com/world/a', 'theguardian.com'],
    ['https://www.spiegel.de/a', 'spiegel.de'],
    ['http://127.0.0.1:8080/a', '127.0.0.1'],
    ['not an address', null],
    [null, null],
  ])('reads %j as %j', (url, site) => {
    expect(siteOf(url)).toBe(site);
  });
});

describe('countOutlets', () => {
  it("counts an outlet's section feeds once", () => {
    expect(
      countOutlets([
        source('BBC News - World', 'https://www.bbc.co.uk/news/world-1'),
        source('BBC News - UK', 'https://www.bbc.co.uk/news/uk-2'),
        source('World news | The Guardian', 'https://www.theguardian.com/world/a'),
        source('Politics | The Guardian', 'https://www.theguardian.com/politics/b'),
      ]),
    ).toBe(2);
  });

  it('counts a video channel with the site of the same name once', () => {
    expect(
      countOutlets([
        source('Fox News', 'https://www.foxnews.com/politics/a'),
        source('Fox News (YouTube)', 'https://www.youtube.com/watch?v=abc'),
        source('FOX NEWS', 'https://www.youtube.com/watch?v=def'),
      ]),
    ).toBe(1);
  });

  it("keeps apart different outlets' channels on one platform and sections that share a name", () => {
    expect(
      countOutlets([
        source('CNN', 'https://www.youtube.com/watch?v=1'),
        source('Fox News', 'https://www.youtube.com/watch?v=2'),
        source('World news | The Guardian', 'https://www.theguardian.com/world/a'),
        source('World News - Breaking international news | Sky News', 'https://news.sky.com/story/b'),
      ]),
    ).toBe(4);
  });

  it("keeps apart two newsrooms' feeds of one generic title, and joins one that names its site", () => {
    expect(
      countOutlets([
        source('Top Stories', 'https://apnews.com/article/a'),
        source('Top Stories', 'https://www.reuters.com/world/b'),
        source('Top Stories', 'https://apnews.com/article/c'),
      ]),
    ).toBe(2);
    expect(
      countOutlets([
        source('CNN', 'https://edition.cnn.com/2020/a'),
        source('CNN', 'https://www.youtube.com/watch?v=1'),
        source('CNN', null),
      ]),
    ).toBe(1);
  });

  it('keeps newsrooms apart under a title a site only contains, a feed with no address or a bracketed one', () => {
    expect(
      countOutlets([
        source('Latest News', 'https://news.sky.com/a'),
        source('Latest News', 'https://www.aljazeera.com/b'),
        source('Latest News', 'https://www.foxnews.com/c'),
      ]),
    ).toBe(3);
    expect(
      countOutlets([
        source('Top Stories', 'https://apnews.com/a'),
        source('Top Stories', 'https://www.reuters.com/b'),
        source('Top Stories', null),
        source('Top Stories (Video)', 'https://www.reuters.com/v'),
      ]),
    ).toBe(2);
  });

  it("counts a newsroom's site and its video channel once though its name is not its address", () => {
    expect(
      countOutlets([
        source('Financial Times', 'https://www.ft.com/content/a'),
        source('Financial Times', 'https://www.youtube.com/watch?v=1'),
      ]),
    ).toBe(1);
  });

  it('counts one aggregator feed once, whatever sites its items link to', () => {
    const feed = testSource(1, { feedId: 7, feedTitle: 'Top Stories', url: 'https://apnews.com/a' });
    const other = testSource(2, { feedId: 7, feedTitle: 'Top Stories', url: 'https://www.reuters.com/b' });
    expect(countOutlets([feed, other])).toBe(1);
  });

  it('keeps apart titles that differ in their brackets only, and titles of brackets alone', () => {
    expect(countOutlets([source('Top stories (Reuters)', null), source('Top stories (AP)', null)])).toBe(2);
    expect(countOutlets([source('[Video]', null), source('(untitled)', null)])).toBe(2);
  });

  it("counts thousands of one site's feeds sharing a part as one outlet", () => {
    const feeds = Array.from({ length: 20_000 }, (_, i) =>
      source(`"query ${i}" - Google News`, `https://news.google.com/articles/${i}`),
    );
    expect(countOutlets(feeds)).toBe(1);
  });

  it('counts sources without an address by their feed titles', () => {
    expect(countOutlets([source('Example', null), source('Example', null), source('Other', null)])).toBe(2);
    expect(countOutlets([])).toBe(0);
  });
});
