import { describe, expect, it } from 'vitest';
import { createTopicTagger } from '../../src/condense/topics.js';
import type { NormalizedItem } from '../../src/core/types.js';
import { createClusterer } from '../../src/pipeline/cluster-pending.js';
import { condensePending } from '../../src/pipeline/condense-pending.js';
import type { Store } from '../../src/store/store.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { silentLogger } from '../helpers/logger.js';
import { topic } from '../helpers/topic.js';
import { votingTopicModel } from '../helpers/topic-model.js';

const NOW = Date.UTC(2026, 2, 10, 12);

const normalized = (key: string, title: string, text: string, minutesAgo: number): NormalizedItem => ({
  key,
  url: `https://${key}.example/news/1`,
  title,
  text,
  author: null,
  publishedAt: NOW - minutesAgo * 60_000,
  categories: [],
  imageUrl: null,
  contentHash: `hash-${key}`,
});

/** Condensing with an empty taxonomy and the default summary budget. */
const plainDeps = (store: Store) => ({
  store,
  tagger: createTopicTagger([]),
  feedTopics: () => [],
  summary: { maxSentences: 3, maxChars: 400 },
  log: silentLogger(),
});

/** Condenses what is pending, then files it into stories, as a poll cycle does. */
async function condenseAndFile(
  deps: ReturnType<typeof plainDeps>,
  stories: ReturnType<typeof createClusterer>,
): Promise<number> {
  const condensed = await condensePending(deps, NOW);
  await stories.run(NOW);
  return condensed;
}

const clusterer = (store: Store) => createClusterer({ store, windowMs: 48 * 3_600_000, log: silentLogger() });

describe('condensing then filing new sources under one story led by its most central item', () => {
  it('moves the lead to the item that says most of what the others say', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const deps = plainDeps(store);
    const stories = clusterer(store);
    const feeds = await Promise.all(
      ['one', 'two', 'three'].map((name) =>
        store.feeds.upsert({ url: `https://${name}.example/feed.xml` }, NOW),
      ),
    );
    const [first, second, third] = feeds;
    if (!first || !second || !third) throw new Error('feeds');
    // The first report is thin; the later ones share most of their words with each other.
    await store.items.save(
      first.id,
      [normalized('one', 'Cranes fall at Port Selwyn', 'Two cranes fell at Port Selwyn overnight.', 120)],
      NOW,
      10,
    );
    expect(await condenseAndFile(deps, stories)).toBe(1);
    const full =
      'Two cranes collapsed at Port Selwyn in a storm on Tuesday night, halting cargo traffic at the container terminal while engineers inspect the remaining cranes.';
    await store.items.save(
      second.id,
      [normalized('two', 'Storm topples two cranes at Port Selwyn', full, 60)],
      NOW,
      10,
    );
    await store.items.save(
      third.id,
      [
        normalized(
          'three',
          'Port Selwyn cranes collapse in storm, cargo halted',
          `${full} No one was hurt.`,
          30,
        ),
      ],
      NOW,
      10,
    );
    expect(await condenseAndFile(deps, stories)).toBe(2);
    const items = await store.items.recentCondensed(0);
    const storyIds = new Set(items.map((i) => i.storyId));
    expect(storyIds.size).toBe(1);
    const story = await store.stories.get([...storyIds][0] ?? -1);
    expect(story?.sources).toHaveLength(3);
    const lead = items.find((i) => i.id === story?.leadItemId);
    expect(lead?.feedId).not.toBe(first.id);
    expect(story?.headline).toBe(lead?.title);
    expect(story?.publishedAt).toBe(NOW - 120 * 60_000);
    await store.close();
  });

  it('gives a story the main topics of whichever item leads it, edited or newly central', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const deps = {
      store,
      tagger: createTopicTagger([topic('business'), topic('weather')], {
        model: votingTopicModel(
          {
            business: ['port', 'cargo', 'container', 'terminal'],
            weather: ['storm', 'collapsed', 'collapse'],
          },
          0.15,
          2,
        ),
      }),
      feedTopics: () => [],
      summary: { maxSentences: 3, maxChars: 400 },
      log: silentLogger(),
    };
    const stories = clusterer(store);
    const [one, two, three] = await Promise.all(
      ['one', 'two', 'three'].map((name) =>
        store.feeds.upsert({ url: `https://${name}.example/feed.xml` }, NOW),
      ),
    );
    if (!one || !two || !three) throw new Error('feeds');
    const full =
      'Two cranes collapsed at Port Selwyn in a storm on Tuesday night, halting cargo traffic at the container terminal while engineers inspect the remaining cranes.';
    const thin = normalized(
      'one',
      'Cranes fall at Port Selwyn',
      'Two cranes fell at Port Selwyn overnight.',
      120,
    );
    const stormy = normalized('two', 'Storm topples two cranes at Port Selwyn', full, 60);
    const story = async () => {
      const [item] = await store.items.latest(one.id, 1);
      return store.stories.get(item?.storyId ?? -1);
    };

    await store.items.save(one.id, [thin], NOW, 10);
    await condenseAndFile(deps, stories);
    expect(await story()).toMatchObject({ topics: ['business'], mainTopics: 1 });

    await store.items.save(two.id, [stormy], NOW, 10);
    const third = normalized(
      'three',
      'Port Selwyn cranes collapse in storm, cargo halted',
      `${full} No one was hurt.`,
      30,
    );
    await store.items.save(three.id, [third], NOW, 10);
    await condenseAndFile(deps, stories);
    // The storm reports now lead the story, and they are as much about the storm as the port.
    const central = await story();
    expect(central?.leadItemId).not.toBe((await store.items.latest(one.id, 1))[0]?.id);
    expect(central).toMatchObject({ topics: ['business', 'weather'], mainTopics: 2 });

    const lead = await store.items.get(central?.leadItemId ?? -1);
    const calmer = lead?.feedId === two.id ? stormy : third;
    const edited = {
      ...calmer,
      text: 'Cargo traffic at the container terminal of the port was halted.',
      contentHash: 'edited',
    };
    await store.items.save(lead?.feedId ?? -1, [edited], NOW, 10);
    await condenseAndFile(deps, stories);
    expect(await story()).toMatchObject({ leadItemId: lead?.id, mainTopics: 1 });
    await store.close();
  });
});

describe('the topics of a story told by several outlets', () => {
  it('are what its members read together, not its lead alone', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const tagger = createTopicTagger([topic('business'), topic('weather')], {
      model: votingTopicModel({
        business: ['port', 'cargo', 'terminal'],
        weather: ['storm', 'gale', 'wind'],
      }),
    });
    const deps = { ...plainDeps(store), tagger };
    const stories = createClusterer({
      store,
      windowMs: 48 * 3_600_000,
      log: silentLogger(),
      combineTopics: (readings) => tagger.combine(readings),
    });
    const feeds = await Promise.all(
      ['one', 'two', 'three'].map((name) =>
        store.feeds.upsert({ url: `https://${name}.example/feed.xml` }, NOW),
      ),
    );
    // The article leads, and it reads the port's business; the two videos read the storm.
    const told = [
      [
        'one',
        'Storm topples cranes at Port Selwyn cargo terminal',
        'Cranes toppled in a storm at the Port Selwyn cargo terminal; the port shut its cargo terminal.',
      ],
      [
        'two',
        'Gale winds topple cranes at Port Selwyn',
        'A storm with gale winds toppled cranes at Port Selwyn.',
      ],
      [
        'three',
        'Storm winds topple Port Selwyn cranes',
        'Gale and storm winds toppled cranes at Port Selwyn.',
      ],
    ] as const;
    for (const [i, [key, title, text]] of told.entries())
      await store.items.save(
        feeds[i]?.id ?? -1,
        [
          {
            ...normalized(key, title, text, 90 - 30 * i),
            url: i === 0 ? `https://${key}.example/news/1` : `https://www.youtube.com/watch?v=${key}`,
          },
        ],
        NOW,
        10,
      );
    await condenseAndFile(deps, stories);
    const items = await store.items.recentCondensed(0);
    expect(new Set(items.map((i) => i.storyId)).size).toBe(1);
    const story = await store.stories.get(items[0]?.storyId ?? -1);
    const lead = items.find((i) => i.id === story?.leadItemId);
    expect(lead?.key).toBe('one');
    expect(lead?.condensed?.topics.slice(0, lead.condensed.mainTopics)).toEqual(['business']);
    expect(story?.topics.slice(0, story.mainTopics)).toEqual(['weather']);
    expect(story).toMatchObject(tagger.combine(items.map((i) => i.condensed?.topicScores ?? {})) ?? {});
    await store.close();
  });
});

describe('condensePending and the condense lease', () => {
  it('asks before every batch after the first, and stops when told to', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const feed = await store.feeds.upsert({ url: 'https://many.example/feed.xml' }, NOW);
    const items = Array.from({ length: 250 }, (_, i) =>
      normalized(`k${i}`, `Bridge ${i} reopens`, `Bridge number ${i} reopened to traffic on Monday.`, i),
    );
    await store.items.save(feed.id, items, NOW, 250);
    const asked: number[] = [];
    const deps = {
      ...plainDeps(store),
      keepGoing: () => {
        asked.push(asked.length);
        return Promise.resolve(false);
      },
    };
    // The first batch (200 items) is done before anyone is asked; the answer stops the rest.
    expect(await condensePending(deps, NOW)).toBe(200);
    expect(asked).toHaveLength(1);
    expect(await store.items.needingCondense(100)).toHaveLength(50);
    expect(await condensePending({ ...deps, keepGoing: () => Promise.resolve(true) }, NOW)).toBe(50);
    await store.close();
  });

  it('gives the items of its batch it did not reach back to the next claim when stopped', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const feed = await store.feeds.upsert({ url: 'https://many.example/feed.xml' }, NOW);
    const items = Array.from({ length: 20 }, (_, i) =>
      normalized(`k${i}`, `Bridge ${i} reopens`, `Bridge number ${i} reopened to traffic on Monday.`, i),
    );
    await store.items.save(feed.id, items, NOW, 20);
    const stop = new AbortController();
    let condensed = 0;
    const deps = {
      ...plainDeps(store),
      signal: stop.signal,
      elapsed: () => {
        // Stopped while the batch's fifth item is condensed.
        if (++condensed === 5) stop.abort();
        return 0;
      },
    };
    const done = await condensePending(deps, NOW);
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(20);
    // Claimed for two minutes, yet another process (or the next start) takes the rest at once.
    expect(await store.items.claimCondense(NOW, 100, 120_000)).toHaveLength(20 - done);
    await store.close();
  });
});
