import { describe, expect, it } from 'vitest';
import { createTopicTagger } from '../../src/condense/topics.js';
import type { NormalizedItem } from '../../src/core/types.js';
import { createClusterer } from '../../src/pipeline/cluster-pending.js';
import { condensePending, type CondenseDeps } from '../../src/pipeline/condense-pending.js';
import { defaultMeaningReader } from '../../src/stories/engine.js';
import { preparationKey, storedPreparation } from '../../src/stories/stored-preparation.js';
import { defaultStoryModel } from '../../src/stories/story-model.js';
import type { Store } from '../../src/store/store.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { silentLogger } from '../helpers/logger.js';

const NOW = Date.UTC(2026, 2, 10, 12);
const WINDOW = 48 * 3_600_000;

/** Three events, each told by several outlets in their own words, and items about nothing else. */
const EVENTS = [
  [
    'Storm topples two cranes at Port Selwyn',
    'Two cranes collapsed at Port Selwyn in a storm overnight, halting cargo traffic.',
  ],
  [
    'Port Selwyn cranes collapse in storm',
    'Cargo traffic halted at Port Selwyn after a storm brought down two cranes.',
  ],
  [
    'Cranes fall at Port Selwyn',
    'A storm felled two cranes at the Port Selwyn container terminal on Tuesday.',
  ],
  [
    'Mayor Ana Ruiz wins second term in Valdoria',
    'Ana Ruiz was re-elected mayor of Valdoria with 58% of the vote on Sunday.',
  ],
  [
    'Valdoria re-elects Ana Ruiz as mayor',
    'Voters in Valdoria gave mayor Ana Ruiz a second term, results showed on Sunday.',
  ],
  [
    'Kestrel Airlines cancels 300 flights over pilot strike',
    'Kestrel Airlines cancelled 300 flights as pilots walked out over pay.',
  ],
  [
    'Pilot strike grounds Kestrel Airlines flights',
    'Hundreds of Kestrel Airlines flights were cancelled on Monday as pilots struck over pay.',
  ],
  [
    'Museum opens new dinosaur hall',
    'The city museum opened a hall of fossils found in the northern desert.',
  ],
  [
    'Local bakery wins national bread prize',
    'A family bakery from the coast took first prize in the national bread contest.',
  ],
] as const;

const listed = (feed: number, at: number): NormalizedItem[] =>
  EVENTS.map(([title, text], i) => ({
    key: `f${feed}-${i}`,
    url: `https://outlet${feed}.example/news/${i}`,
    title,
    text,
    author: null,
    publishedAt: NOW - (at + i) * 60_000,
    categories: [],
    imageUrl: null,
    contentHash: `f${feed}-${i}`,
  })).filter((_, i) => (i + feed) % 3 !== 0);

const deps = (store: Store, prepare: boolean): CondenseDeps => ({
  store,
  tagger: createTopicTagger([]),
  feedTopics: () => [],
  summary: { maxSentences: 3, maxChars: 400 },
  log: silentLogger(),
  prepareStory: prepare
    ? (text) => storedPreparation(defaultMeaningReader(defaultStoryModel()), text)
    : undefined,
});

/** Each item's story, named by the key of the story's lowest item: comparable across stores. */
async function storiesOf(store: Store): Promise<Map<string, string>> {
  const items = await store.items.recentCondensed(0);
  const first = new Map<number, string>();
  for (const item of [...items].sort((a, b) => (a.key < b.key ? -1 : 1)))
    if (item.storyId !== null && !first.has(item.storyId)) first.set(item.storyId, item.key);
  return new Map(items.map((item) => [item.key, first.get(item.storyId ?? -1) ?? 'none']));
}

/**
 * Two polls of four feeds, condensed with preparation (`prepare` says for which poll) and filed
 * into stories, with the story step's window read afresh between them.
 */
async function run(prepare: readonly [boolean, boolean]): Promise<Store> {
  const store = createSqliteStore({ path: ':memory:' });
  const stories = createClusterer({ store, windowMs: WINDOW, log: silentLogger() });
  const feeds = await Promise.all(
    [0, 1, 2, 3].map((i) => store.feeds.upsert({ url: `https://outlet${i}.example/feed.xml` }, NOW)),
  );
  for (const [poll, prepared] of prepare.entries()) {
    for (const [i, feed] of feeds.entries())
      if (i % 2 === poll) await store.items.save(feed.id, listed(i, 100 - poll * 50), NOW, 50);
    await condensePending(deps(store, prepared), NOW);
    await stories.run(NOW);
    stories.reset();
  }
  return store;
}

describe('what condensing prepares for the story step', () => {
  it('gives the same stories as the story step reading the text, and items condensed before it still work', async () => {
    const fromText = await storiesOf(await run([false, false]));
    expect(new Set(fromText.values()).size).toBeLessThan(fromText.size);
    expect([...fromText.values()]).not.toContain('none');
    expect(await storiesOf(await run([true, true]))).toEqual(fromText);
    expect(await storiesOf(await run([false, true]))).toEqual(fromText);
  });

  it('hands the story step the preparation instead of the text, unless the item changed or another key asks', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const feed = await store.feeds.upsert({ url: 'https://outlet0.example/feed.xml' }, NOW);
    await store.items.save(feed.id, listed(1, 10), NOW, 50);
    await condensePending(deps(store, true), NOW);
    const key = preparationKey(defaultMeaningReader(defaultStoryModel()));
    const rows = await store.items.storyFeatures(0, key);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect([row.prepared !== null, row.title, row.lead]).toEqual([true, null, null]);
    expect((await store.items.unclustered(100, NOW, key)).every((row) => row.prepared !== null)).toBe(true);
    for (const row of await store.items.storyFeatures(0, key + 1))
      expect([row.prepared, row.lead === null]).toEqual([null, false]);

    // Edited after condensing: the stored preparation is of the old text until it is condensed again.
    const [first, ...rest] = listed(1, 10);
    if (first === undefined) throw new Error('items');
    await store.items.save(
      feed.id,
      [{ ...first, text: 'A new text.', contentHash: 'edited' }, ...rest],
      NOW,
      50,
    );
    const edited = (await store.items.storyFeatures(0, key)).find((row) => row.key === first.key);
    expect([edited?.prepared, edited?.lead]).toEqual([null, 'A new text.']);
  });
});
