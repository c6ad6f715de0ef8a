import { describe, expect, it } from 'vitest';
import type { Story, StorySource, Topic } from '../../src/core/types.js';
import { createTopicTagger } from '../../src/condense/topics.js';
import { composeDigest, type ComposeInput } from '../../src/digest/compose.js';
import { mutedBy } from '../../src/digest/mute-filter.js';
import { testSource, testStory, testSubscription } from '../helpers/digest-fixtures.js';
import { votingTopicModel } from '../helpers/topic-model.js';

const topics: Topic[] = [
  { id: 'sport', label: 'Sport', emoji: '⚽', categories: [] },
  { id: 'world', label: 'World', emoji: '🌍', categories: [] },
  { id: 'business', label: 'Business', emoji: '💼', categories: [] },
];

const subscription = testSubscription({ timezone: 'Europe/Berlin' });

const story = testStory;

const input = (over: Partial<ComposeInput>): ComposeInput => ({
  subscription,
  slot: Date.UTC(2026, 10, 28, 17, 0),
  candidates: [],
  mutes: [],
  topics,
  maxStories: 10,
  onlyTopic: null,
  feedCount: 3,
  ...over,
});

const TOPIC_IDS = new Set(['sport', 'world', 'business', 'politics']);

describe('mutedBy', () => {
  it('removes a story whose main topic is muted but keeps one that merely mentions it', () => {
    expect(mutedBy(story(1, { topics: ['sport', 'world'] }), ['sport'], TOPIC_IDS)).toBe('sport');
    expect(mutedBy(story(2, { topics: ['world', 'sport'] }), ['sport'], TOPIC_IDS)).toBeNull();
  });

  it('removes a story by any of its main topics, and by no topic after them', () => {
    const twoMain = story(1, { topics: ['business', 'politics', 'world'], mainTopics: 2 });
    expect(mutedBy(twoMain, ['business'], TOPIC_IDS)).toBe('business');
    expect(mutedBy(twoMain, ['politics'], TOPIC_IDS)).toBe('politics');
    expect(mutedBy(twoMain, ['world'], TOPIC_IDS)).toBeNull();
    expect(mutedBy(story(2, { topics: ['world'], mainTopics: 0 }), ['world'], TOPIC_IDS)).toBeNull();
  });

  it('mutes a story by both of two close topics, but not by a distant second', () => {
    const tagger = createTopicTagger(
      [
        { id: 'politics', label: 'Politics', emoji: '', categories: [] },
        { id: 'business', label: 'Business', emoji: '', categories: [] },
      ],
      {
        model: votingTopicModel(
          {
            politics: ['chancellor', 'government', 'minister', 'election', 'vote', 'parliament'],
            business: ['debt', 'economy', 'loans', 'banks', 'company', 'shares'],
          },
          0.3,
          1,
        ),
      },
    );
    const tagged = (headline: string, text: string): Story => {
      const tags = tagger.tag({ title: headline, text, categories: [], feedTopics: [] });
      return story(1, { headline, topics: tags.topics, mainTopics: tags.mainTopics });
    };
    const relief = tagged(
      'Chancellor unveils debt relief plan',
      'The chancellor said the government would write off debt owed by the poorest countries. ' +
        'Banks holding the loans would be repaid, and ministers said the economy would gain.',
    );
    expect(relief.topics).toEqual(['business', 'politics']);
    expect(mutedBy(relief, ['business'], TOPIC_IDS)).toBe('business');
    expect(mutedBy(relief, ['politics'], TOPIC_IDS)).toBe('politics');

    const vote = tagged(
      'Parliament votes on election date',
      'The vote passed after a debate in parliament. Banks were steady.',
    );
    expect(vote.topics).toEqual(['politics', 'business']);
    expect(mutedBy(vote, ['politics'], TOPIC_IDS)).toBe('politics');
    expect(mutedBy(vote, ['business'], TOPIC_IDS)).toBeNull();
  });

  it('mutes a topic by its topic alone, never by its word in a headline or among the names', () => {
    const cup = story(1, {
      headline: 'World Cup final goes to penalties',
      topics: ['sport'],
      entities: ['world'],
    });
    expect(mutedBy(cup, ['world'], TOPIC_IDS)).toBeNull();
    expect(
      mutedBy(story(2, { headline: 'Sport minister resigns', topics: ['politics'] }), ['sport'], TOPIC_IDS),
    ).toBeNull();
    // The same word muted as a keyword, where the taxonomy has no such topic, still names it.
    expect(mutedBy(cup, ['world'], new Set())).toBe('world');
    expect(mutedBy(cup, ['world cup'], TOPIC_IDS)).toBe('world cup');
  });

  it('removes stories about a muted name or keyword in the headline or main entities', () => {
    expect(mutedBy(story(1, { headline: 'Bitcoin falls 10% overnight' }), ['bitcoin'], TOPIC_IDS)).toBe(
      'bitcoin',
    );
    expect(
      mutedBy(story(2, { entities: ['premier league', 'arsenal'] }), ['premier league'], TOPIC_IDS),
    ).toBe('premier league');
    expect(mutedBy(story(3, { headline: 'Bitcoiners gather' }), ['bitcoin'], TOPIC_IDS)).toBeNull();
    expect(
      mutedBy(story(4, { entities: ['a', 'b', 'c', 'premier league'] }), ['premier league'], TOPIC_IDS),
    ).toBeNull();
  });

  it('meets a plural with its singular, in the headline and the main entities, and nothing looser', () => {
    const emmy = story(1, { headline: 'Emmy Awards return with in-person ceremony' });
    expect(mutedBy(emmy, ['emmys'], TOPIC_IDS)).toBe('emmys');
    expect(mutedBy(story(2, { headline: 'Two elections in one week' }), ['election'], TOPIC_IDS)).toBe(
      'election',
    );
    expect(mutedBy(story(3, { entities: ['world cups'] }), ['world cup'], TOPIC_IDS)).toBe('world cup');
    expect(mutedBy(story(4, { headline: 'University fees rise' }), ['universe'], TOPIC_IDS)).toBeNull();
    expect(mutedBy(story(5, { headline: 'Vitamin C and colds' }), ['c++'], TOPIC_IDS)).toBeNull();
    expect(mutedBy(story(6, { headline: 'Awards season opens' }), ['emmys'], TOPIC_IDS)).toBeNull();
  });
});

describe('composeDigest', () => {
  it('ranks by number of outlets, then recency, and caps with a count of the rest', () => {
    const many = Array.from({ length: 14 }, (_, i) => story(i + 1));
    const wide = story(3, {
      sources: [
        {
          itemId: 3,
          feedId: 1,
          feedTitle: 'Outlet A',
          url: null,
          title: null,
          publishedAt: 0,
          summary: null,
          language: null,
          imageUrl: null,
        },
        {
          itemId: 30,
          feedId: 2,
          feedTitle: 'Outlet B',
          url: 'https://b.example/3',
          title: null,
          publishedAt: 0,
          summary: null,
          language: null,
          imageUrl: null,
        },
      ],
    });
    many[2] = wide;
    const digest = composeDigest(input({ candidates: many }));
    expect(digest.entries).toHaveLength(10);
    expect(digest.entries[0]?.storyId).toBe(3);
    expect(digest.entries[0]?.sources).toEqual([
      { name: 'Outlet A', url: null },
      { name: 'Outlet B', url: 'https://b.example/3' },
    ]);
    expect(digest.entries[1]?.storyId).toBe(14);
    expect(digest.omitted).toBe(4);
    expect(digest.title).toBe('Evening digest');
    expect(digest.timeZone).toBe('Europe/Berlin');
  });

  it("ranks a story told by an outlet's site and its video channel as one outlet's", () => {
    const twoOutlets = story(1, {
      sources: [
        testSource(1, { feedId: 1 }),
        testSource(10, { feedId: 2, feedTitle: 'Outlet B', url: 'https://b.example/1' }),
      ],
    });
    const oneNewsroom = story(2, {
      sources: [
        testSource(2, { feedId: 3, feedTitle: 'Fox News', url: 'https://www.foxnews.com/us/a' }),
        testSource(20, {
          feedId: 4,
          feedTitle: 'Fox News (YouTube)',
          url: 'https://www.youtube.com/watch?v=a',
        }),
      ],
    });
    const digest = composeDigest(input({ candidates: [oneNewsroom, twoOutlets] }));
    expect(digest.entries.map((e) => e.storyId)).toEqual([1, 2]);
  });

  it("lists an outlet's site and its video channel as one link, the shown telling's or the plainer name's", () => {
    const fox = (itemId: number, feedId: number, feedTitle: string, url: string) =>
      testSource(itemId, { feedId, feedTitle, url });
    const sources = [
      fox(20, 4, 'Fox News (YouTube)', 'https://www.youtube.com/watch?v=a'),
      testSource(30, { feedId: 5, feedTitle: 'Outlet B', url: 'https://b.example/1' }),
      fox(21, 3, 'Fox News', 'https://www.foxnews.com/us/a'),
    ];
    const led = (leadItemId: number) =>
      composeDigest(input({ candidates: [story(2, { leadItemId, sources })] })).entries[0]?.sources;
    expect(led(30)).toEqual([
      { name: 'Fox News', url: 'https://www.foxnews.com/us/a' },
      { name: 'Outlet B', url: 'https://b.example/1' },
    ]);
    expect(led(20)).toEqual([
      { name: 'Fox News (YouTube)', url: 'https://www.youtube.com/watch?v=a' },
      { name: 'Outlet B', url: 'https://b.example/1' },
    ]);
  });

  it("shows under the headline the summary that says most of what it says, in its language, the lead's own on a tie", () => {
    const headline = 'Crews searching for Gabby Petito find a body in Wyoming';
    const teller = (itemId: number, feedId: number, title: string, summary: string, language = 'en') =>
      testSource(itemId, { feedId, feedTitle: `Outlet ${feedId}`, title, summary, language });
    const lead = teller(
      1,
      1,
      headline,
      'Local and federal agencies are searching for Gabby Petito, missing since August.',
    );
    const found = teller(
      2,
      2,
      'Body found in search for Gabby Petito, FBI says',
      'Crews searching for Gabby Petito have found a body in a Wyoming park, the FBI says.',
    );
    const german = teller(
      3,
      3,
      'Leiche bei Suche nach Gabby Petito gefunden',
      'Crews searching Gabby Petito body found Wyoming, sagt das FBI.',
      'de',
    );
    const shown = (sources: StorySource[]) =>
      composeDigest(input({ candidates: [story(1, { headline, summary: lead.summary ?? '', sources })] }))
        .entries[0]?.summary;
    expect(shown([lead, german, found])).toBe(found.summary);
    expect(shown([lead, german])).toBe(lead.summary);
    const alike = teller(
      4,
      4,
      'Petito search goes on',
      'Agencies are searching for Gabby Petito, missing since August.',
    );
    expect(shown([lead, alike])).toBe(lead.summary);
  });

  it('shows an untitled post once: its headline is its summary, which no copy repeats beneath it', () => {
    const post = 'Police said a man had been arrested after a crash.';
    const sources = [1, 2, 3].map((itemId) => testSource(itemId, { summary: post, language: 'en' }));
    const digest = composeDigest(input({ candidates: [story(1, { headline: post, summary: '', sources })] }));
    expect(digest.entries[0]).toMatchObject({ headline: post, summary: '' });
  });

  it('keeps two outlets apart that the chat named apart, though their feeds share one title', () => {
    const sources = [
      testSource(1, { feedId: 1, feedTitle: 'Top Stories', url: 'https://apnews.com/a' }),
      testSource(2, { feedId: 2, feedTitle: 'Top Stories', url: 'https://www.reuters.com/b' }),
    ];
    const feedNames = new Map([
      [1, 'AP'],
      [2, 'Reuters'],
    ]);
    const digest = composeDigest(input({ candidates: [story(1, { sources })], feedNames }));
    expect(digest.entries[0]?.sources.map((s) => s.name)).toEqual(['AP', 'Reuters']);
  });

  it('keeps two outlets apart whose feeds share a generic title, though the chat named neither', () => {
    const sources = [
      testSource(1, { feedId: 1, feedTitle: 'Top Stories', url: 'https://apnews.com/a' }),
      testSource(2, { feedId: 2, feedTitle: 'Top Stories', url: 'https://www.reuters.com/b' }),
    ];
    const digest = composeDigest(input({ candidates: [story(1, { sources })] }));
    expect(digest.entries[0]?.sources.map((s) => s.url)).toEqual([
      'https://apnews.com/a',
      'https://www.reuters.com/b',
    ]);
  });

  it('does not put the headline beneath itself from a copy whose description only repeats it', () => {
    const headline = 'Apple beats profit estimates on strong iPhone demand';
    const own = testSource(1, {
      title: headline,
      language: 'en',
      summary: 'Chief executive Tim Cook said the quarter was the best in the company’s history.',
    });
    const copy = testSource(2, {
      feedId: 2,
      feedTitle: 'Outlet B',
      title: `${headline} - Yahoo Finance`,
      language: 'en',
      summary: `${headline}.`,
    });
    const digest = composeDigest(
      input({ candidates: [story(1, { headline, summary: own.summary ?? '', sources: [own, copy] })] }),
    );
    expect(digest.entries[0]?.summary).toBe(own.summary);
  });

  it('leaves out muted stories and says which mutes applied', () => {
    const digest = composeDigest(
      input({
        candidates: [story(1, { topics: ['sport'] }), story(2), story(3, { headline: 'Bitcoin rally' })],
        mutes: ['sport', 'bitcoin', 'tennis'],
      }),
    );
    expect(digest.entries.map((e) => e.storyId)).toEqual([2]);
    expect(digest.mutedApplied).toEqual(['Sport', 'bitcoin']);
  });

  it('counts a story kept back in the footer once, and among what is held back for as long as it is', () => {
    const candidates = [
      story(1, { topics: ['sport'], updatedAt: 1_000 }),
      story(2, { topics: ['sport'], updatedAt: 3_000 }),
    ];
    const since = (lastDigestAt: number | null) =>
      composeDigest(input({ candidates, mutes: ['sport'], subscription: { ...subscription, lastDigestAt } }));
    expect(since(null)).toMatchObject({
      leftOut: { muted: [{ label: 'Sport', count: 2 }] },
      heldBack: { muted: [{ label: 'Sport', count: 2 }] },
    });
    expect(since(2_000)).toMatchObject({
      leftOut: { muted: [{ label: 'Sport', count: 1 }] },
      heldBack: { muted: [{ label: 'Sport', count: 2 }] },
    });
    expect(since(5_000).leftOut).toBeUndefined();
    expect(since(5_000).heldBack).toEqual({ muted: [{ label: 'Sport', count: 2 }], unmatched: 0 });
  });

  it('keeps only one topic when asked, and lists an outlet once', () => {
    const twice = story(2, {
      topics: ['business'],
      sources: [
        {
          itemId: 2,
          feedId: 1,
          feedTitle: 'Outlet A',
          url: 'https://a.example/2',
          title: null,
          publishedAt: 0,
          summary: null,
          language: null,
          imageUrl: null,
        },
        {
          itemId: 5,
          feedId: 1,
          feedTitle: 'Outlet A',
          url: 'https://a.example/2b',
          title: null,
          publishedAt: 0,
          summary: null,
          language: null,
          imageUrl: null,
        },
      ],
    });
    const digest = composeDigest(input({ candidates: [story(1), twice], onlyTopic: 'business' }));
    expect(digest.entries.map((e) => e.storyId)).toEqual([2]);
    expect(digest.entries[0]?.sources).toHaveLength(1);
    expect(digest.entries[0]?.topics.map((t) => t.label)).toEqual(['Business']);
  });

  it("links the card's outlet to the article its headline shows, not another of that outlet's", () => {
    const led = story(7, {
      url: 'https://a.example/lead',
      leadItemId: 7,
      sources: [
        testSource(3, { url: 'https://a.example/other' }),
        testSource(4, { feedId: 2, feedTitle: 'Outlet B', url: 'https://b.example/4' }),
        testSource(7, { url: 'https://a.example/lead' }),
      ],
    });
    const [entry] = composeDigest(input({ candidates: [led] })).entries;
    expect(entry?.sources).toEqual([
      { name: 'Outlet A', url: 'https://a.example/lead' },
      { name: 'Outlet B', url: 'https://b.example/4' },
    ]);
  });

  it('tells each entry which of its topics are main', () => {
    const both = story(1, { topics: ['business', 'sport', 'world'], mainTopics: 2 });
    const [entry] = composeDigest(input({ candidates: [both] })).entries;
    expect(entry?.topics.map((t) => t.id)).toEqual(['business', 'sport', 'world']);
    expect(entry?.mainTopics.map((t) => t.id)).toEqual(['business', 'sport']);
  });

  it('summarises a headline-only lead with the earliest other telling in its language', () => {
    const bare = story(1, {
      summary: '',
      sources: [
        testSource(1, { language: 'en', summary: '' }),
        testSource(2, { feedId: 2, feedTitle: 'Outlet B', language: 'fr', summary: 'Un résumé.' }),
        testSource(3, { feedId: 3, feedTitle: 'Outlet C', language: 'en', summary: 'What happened.' }),
        testSource(4, { feedId: 4, feedTitle: 'Outlet D', language: 'en', summary: 'Later telling.' }),
      ],
    });
    const [entry] = composeDigest(input({ candidates: [bare] })).entries;
    expect(entry?.headline).toBe('Headline 1');
    expect(entry?.summary).toBe('What happened.');
    const alone = story(2, { summary: '', sources: [testSource(2, { language: 'en', summary: '' })] });
    expect(composeDigest(input({ candidates: [alone] })).entries[0]?.summary).toBe('');
  });

  it('gives the same digest for the same input in any candidate order', () => {
    const stories = [story(1), story(2, { publishedAt: 5_000 }), story(3, { publishedAt: 5_000 }), story(4)];
    const a = composeDigest(input({ candidates: stories }));
    const b = composeDigest(input({ candidates: [...stories].reverse() }));
    expect(b).toEqual(a);
  });
});

describe('a card tells the story through the chat’s own feeds', () => {
  const bbc = testSource(10, {
    feedId: 1,
    feedTitle: 'BBC News',
    title: 'Body found in Wyoming',
    summary: 'BBC summary.',
    url: 'https://bbc.example/10',
  });
  const nyt = testSource(11, {
    feedId: 2,
    feedTitle: 'The New York Times',
    title: 'Remains found in national forest',
    summary: 'NYT summary.',
    url: 'https://nyt.example/11',
  });
  const fox = testSource(12, { feedId: 3, feedTitle: 'Fox News', title: 'Search ends', summary: null });
  const shared = story(10, {
    headline: 'Body found in Wyoming',
    summary: 'BBC summary.',
    url: 'https://bbc.example/10',
    leadItemId: 10,
    sources: [bbc, nyt, fox],
  });

  it('takes headline, summary and link from a followed feed when the lead’s feed is paused or not followed', () => {
    for (const over of [
      { activeFeedIds: new Set([2, 3]), pausedFeedIds: new Set([1]) },
      { activeFeedIds: new Set([2, 3]) },
    ]) {
      const [entry] = composeDigest(input({ candidates: [shared], ...over })).entries;
      expect(entry).toMatchObject({
        headline: 'Remains found in national forest',
        summary: 'NYT summary.',
        url: 'https://nyt.example/11',
      });
      expect(entry?.sources.map((s) => s.name)).toEqual(['The New York Times', 'Fox News']);
    }
  });

  it('keeps the lead when the chat follows its feed, and every outlet when it follows none of them', () => {
    const [followed] = composeDigest(input({ candidates: [shared], activeFeedIds: new Set([1, 2]) })).entries;
    expect(followed).toMatchObject({ headline: 'Body found in Wyoming', url: 'https://bbc.example/10' });
    expect(followed?.sources.map((s) => s.name)).toEqual(['BBC News', 'The New York Times']);
    const [preview] = composeDigest(input({ candidates: [shared] })).entries;
    expect(preview?.sources.map((s) => s.name)).toEqual(['BBC News', 'The New York Times', 'Fox News']);
  });

  it('mutes and filters by the headline the chat’s card shows, not another feed’s lead', () => {
    const chatFeeds = { activeFeedIds: new Set([2, 3]) };
    // The chat reads the New York Times' headline, which names the forest; BBC's lead does not.
    expect(
      composeDigest(input({ candidates: [shared], mutes: ['national forest'], ...chatFeeds })).entries,
    ).toEqual([]);
    expect(
      composeDigest(input({ candidates: [shared], mutes: ['wyoming'], ...chatFeeds })).entries,
    ).toHaveLength(1);
    const filtered = (pattern: string) =>
      composeDigest(
        input({
          candidates: [shared],
          filters: [{ feedId: null, matches: (text: string) => text.includes(pattern) }],
          ...chatFeeds,
        }),
      ).entries;
    expect(filtered('Remains')).toHaveLength(1);
    expect(filtered('Body found')).toEqual([]);
  });

  it('borrows a summary only from the chat’s own tellings', () => {
    const [entry] = composeDigest(input({ candidates: [shared], activeFeedIds: new Set([3]) })).entries;
    expect(entry).toMatchObject({ headline: 'Search ends', summary: '' });
    expect(entry?.sources.map((s) => s.name)).toEqual(['Fox News']);
  });
});
