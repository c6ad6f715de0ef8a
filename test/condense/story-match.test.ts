import { describe, expect, it } from 'vitest';
import {
  canonicalUrl,
  createStoryIndex,
  featuresOf,
  matchStory,
  type FeatureSource,
  type StoryFeatures,
} from '../../src/condense/story-match.js';

const HOUR = 60 * 60 * 1000;
const T0 = Date.UTC(2024, 1, 6);

interface Labelled {
  readonly label: string;
  readonly feedId: number;
  readonly hours: number;
  readonly title: string;
  readonly text: string;
  readonly url?: string;
}

// Several events, each told by 1–3 outlets in their own words, and near-misses that must stay apart.
const items: readonly Labelled[] = [
  {
    label: 'turkey-quake',
    feedId: 1,
    hours: 1,
    title: 'Powerful earthquake kills hundreds in Turkey and Syria',
    text: 'A magnitude 7.8 earthquake struck southern Turkey and northern Syria early on Monday, killing hundreds of people and toppling buildings in Gaziantep and across the border.',
  },
  {
    label: 'turkey-quake',
    feedId: 2,
    hours: 2,
    title: 'Turkey-Syria quake: death toll climbs as rescuers search rubble',
    text: 'Rescuers in Turkey and Syria searched the rubble of collapsed buildings after a 7.8 magnitude earthquake near Gaziantep killed hundreds of people on Monday.',
  },
  {
    label: 'ecb-rates',
    feedId: 1,
    hours: 3,
    title: 'ECB raises interest rates to record high',
    text: 'The European Central Bank raised its key interest rate by a quarter point to a record 4%, saying inflation in the eurozone remained too high.',
  },
  {
    label: 'fed-rates',
    feedId: 2,
    hours: 4,
    title: 'Federal Reserve holds interest rates steady',
    text: 'The US Federal Reserve kept interest rates unchanged on Wednesday, saying inflation was easing but remained too high.',
  },
  {
    label: 'ecb-rates',
    feedId: 3,
    hours: 4,
    title: 'European Central Bank lifts rates again as inflation persists',
    text: 'The European Central Bank increased interest rates for the tenth time in a row, taking its deposit rate to a record 4% to fight eurozone inflation.',
  },
  {
    label: 'turkey-quake',
    feedId: 3,
    hours: 5,
    title: 'Hundreds dead after 7.8 quake hits Turkey, Syria',
    text: 'The earthquake, one of the strongest to hit Turkey in a century, flattened buildings in Gaziantep and northern Syria, killing hundreds of people, officials said.',
  },
  {
    label: 'nepal-quake',
    feedId: 2,
    hours: 6,
    title: 'Earthquake kills dozens in western Nepal',
    text: 'A magnitude 5.6 earthquake struck western Nepal on Monday night, killing dozens of people and destroying homes in Jajarkot district, officials said.',
  },
  {
    label: 'nepal-quake',
    feedId: 4,
    hours: 8,
    title: 'Nepal quake: rescuers search for survivors in Jajarkot',
    text: 'Rescuers in Nepal searched for survivors after a 5.6 magnitude earthquake flattened homes in the remote Jajarkot district, killing dozens of people.',
  },
  {
    label: 'arsenal-chelsea',
    feedId: 3,
    hours: 9,
    title: 'Arsenal beat Chelsea 3-1 at the Emirates',
    text: 'Arsenal beat Chelsea 3-1 in the Premier League on Saturday, with Bukayo Saka scoring twice at the Emirates.',
  },
  {
    label: 'liverpool-everton',
    feedId: 4,
    hours: 9,
    title: 'Liverpool held to draw by Everton',
    text: 'Liverpool were held to a 1-1 draw by Everton in the Premier League on Saturday, with Mohamed Salah scoring at Anfield.',
  },
  {
    label: 'iphone',
    feedId: 1,
    hours: 10,
    title: 'Apple unveils iPhone 16 with AI features',
    text: 'Apple unveiled the iPhone 16 at its Cupertino event on Monday, with new artificial intelligence features and a camera button.',
    url: 'https://news.example.com/tech/iphone-16?utm_source=rss',
  },
  {
    label: 'iphone',
    feedId: 4,
    hours: 12,
    title: 'iPhone 16 launch: Apple bets on AI',
    text: 'Apple’s new iPhone 16, unveiled on Monday in Cupertino, puts artificial intelligence at the heart of the phone, along with a new camera button.',
  },
  {
    label: 'chelsea-arsenal-women',
    feedId: 2,
    hours: 11,
    title: 'Chelsea beat Arsenal in Women’s Super League',
    text: 'Chelsea beat Arsenal 2-0 in the Women’s Super League on Sunday, with Sam Kerr scoring at Kingsmeadow.',
  },
  {
    label: 'iphone',
    feedId: 5,
    hours: 13,
    title: 'Our take on the new phone',
    text: 'A hands-on look at the device and its camera.',
    url: 'http://www.news.example.com/tech/iphone-16/#comments',
  },
];

function nth(index: number): Labelled {
  const item = items[index];
  if (item === undefined) throw new Error(`no item ${index}`);
  return item;
}

function source(item: Labelled, id: number, storyId: number | null = null): FeatureSource {
  return {
    id,
    storyId,
    feedId: item.feedId,
    url: item.url ?? `https://outlet${item.feedId}.example/${id}`,
    title: item.title,
    text: item.text,
    publishedAt: T0 + item.hours * HOUR,
    condensed: null,
  };
}

/** Files the items one by one as the pipeline does, returning the story id given to each. */
function cluster(list: readonly Labelled[]): number[] {
  const recent: StoryFeatures[] = [];
  const stories: number[] = [];
  list.forEach((item, i) => {
    const candidate = featuresOf(source(item, i + 1));
    const storyId = matchStory(candidate, recent) ?? 100 + i;
    stories.push(storyId);
    recent.push({ ...candidate, storyId });
  });
  return stories;
}

describe('matchStory on a labelled set', () => {
  const stories = cluster(items);
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i];
      const b = items[j];
      if (a === undefined || b === undefined) continue;
      const same = a.label === b.label;
      it(`${same ? 'joins' : 'separates'} "${a.title}" and "${b.title}"`, () => {
        expect(stories[i] === stories[j]).toBe(same);
      });
    }
  }
});

describe('matchStory rules', () => {
  const quake = nth(0);
  const retold = nth(1);

  it('never joins two items of the same feed, however alike', () => {
    const first = { ...featuresOf(source(quake, 1)), storyId: 7 };
    const again = featuresOf(source({ ...retold, feedId: quake.feedId }, 2));
    expect(matchStory(again, [first])).toBeNull();
  });

  it('joins items of the same feed with the same canonical URL', () => {
    const first = {
      ...featuresOf(source({ ...quake, url: 'https://a.example/x?utm_medium=rss' }, 1)),
      storyId: 7,
    };
    const edited = featuresOf(
      source({ ...retold, feedId: quake.feedId, url: 'https://www.a.example/x/' }, 2),
    );
    expect(matchStory(edited, [first])).toBe(7);
  });

  it('ignores items outside the time window', () => {
    const first = { ...featuresOf(source(quake, 1)), storyId: 7 };
    const late = featuresOf(source({ ...retold, hours: quake.hours + 49 }, 2));
    expect(matchStory(late, [first])).toBeNull();
    expect(matchStory(late, [first], { windowMs: 72 * HOUR })).toBe(7);
  });

  it('skips recent items that have no story yet', () => {
    const first = featuresOf(source(quake, 1));
    expect(matchStory(featuresOf(source(retold, 2)), [first])).toBeNull();
  });

  it('keeps its index in step with a growing array', () => {
    const recent: StoryFeatures[] = [{ ...featuresOf(source(nth(2), 1)), storyId: 1 }];
    const candidate = featuresOf(source(retold, 2));
    expect(matchStory(candidate, recent)).toBeNull();
    recent.push({ ...featuresOf(source(quake, 3)), storyId: 3 });
    expect(matchStory(candidate, recent)).toBe(3);
  });

  it('answers from an index of 10,000 items', () => {
    const index = createStoryIndex();
    for (let i = 0; i < 10_000; i++) {
      index.add({
        itemId: 1000 + i,
        storyId: 1000 + i,
        feedId: 10 + (i % 50),
        url: `https://filler.example/${i}`,
        title: `Council ${i} approves budget for district ${i % 97}`,
        lead: `The council of town ${i} approved its budget for road ${i % 31} and school ${i % 13} repairs.`,
        publishedAt: T0 + (i % 40) * HOUR,
        entities: [`town ${i}`],
      });
    }
    index.add({ ...featuresOf(source(quake, 1)), storyId: 5 });
    expect(index.size).toBe(10_001);
    const started = performance.now();
    expect(index.match(featuresOf(source(retold, 2)))).toBe(5);
    console.log(
      `story index: one match against 10,001 items took ${(performance.now() - started).toFixed(1)} ms`,
    );
  });
});

describe('canonicalUrl', () => {
  it.each([
    ['https://www.Example.com/a/b/?utm_source=x&id=3#top', 'example.com/a/b?id=3'],
    ['http://example.com/a?b=2&a=1', 'example.com/a?a=1&b=2'],
    [null, null],
  ])('canonicalises %j', (url, expected) => {
    expect(canonicalUrl(url)).toBe(expected);
  });
});
