import { describe, expect, it, vi } from 'vitest';
import { createTopicTagger } from '../../src/condense/topics.js';
import type { NormalizedItem } from '../../src/core/types.js';
import { createClusterer } from '../../src/pipeline/cluster-pending.js';
import { condensePending } from '../../src/pipeline/condense-pending.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { silentLogger } from '../helpers/logger.js';

const NOW = Date.UTC(2026, 2, 10, 12);
const WORDS = ['harbour', 'glacier', 'senate', 'vaccine', 'orchestra', 'drought', 'satellite', 'tariff'];

function item(key: string, i: number): NormalizedItem {
  const word = WORDS[i % WORDS.length] ?? 'news';
  return {
    key,
    url: `https://example.org/${key}`,
    title: `Officials discuss the ${word} plan ${key}`,
    text: `The ${word} plan ${key} was discussed by officials on Tuesday, who said more talks would follow.`,
    author: null,
    publishedAt: NOW - i * 60_000,
    categories: [],
    imageUrl: null,
    contentHash: `hash-${key}`,
  };
}

describe('the story window over a long run', () => {
  it('is read afresh once its vocabulary outgrows it and items have left, keeping every item in its story', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const feed = await store.feeds.upsert({ url: 'https://example.org/feed.xml' }, NOW);
    const deps = {
      store,
      tagger: createTopicTagger([]),
      feedTopics: () => [],
      summary: { maxSentences: 3, maxChars: 400 },
      log: silentLogger(),
    };
    const reads = vi.spyOn(store.items, 'storyFeatures');
    const stories = createClusterer({
      store,
      windowMs: 48 * 3_600_000,
      log: silentLogger(),
      vocabularySlack: 10,
    });
    const fileBatch = async (from: number, count: number, at = NOW): Promise<void> => {
      const batch = Array.from({ length: count }, (_, i) => item(`k${from + i}`, from + i));
      await store.items.save(feed.id, batch, at, batch.length);
      await condensePending(deps, at);
      await stories.run(at);
    };
    await fileBatch(0, 8);
    expect(reads).toHaveBeenCalledTimes(1);
    const before = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => (await store.items.getMany([i + 1]))[0]?.storyId),
    );
    expect(before.every((id) => typeof id === 'number')).toBe(true);
    // Eight items brought far more than ten words, but every one of them is still in use: a fresh
    // read would find the same vocabulary.
    await fileBatch(8, 2);
    expect(reads).toHaveBeenCalledTimes(1);
    // Two days on the first ten have left the window and their words with them: the next run
    // reads the window again...
    const later = NOW + 49 * 3_600_000;
    await fileBatch(10, 2, later);
    expect(reads).toHaveBeenCalledTimes(1);
    await fileBatch(12, 2, later);
    expect(reads).toHaveBeenCalledTimes(2);
    // ...and the items already filed stay in the stories they were stored under.
    const after = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => (await store.items.getMany([i + 1]))[0]?.storyId),
    );
    expect(after).toEqual(before);
    const unfiled = await store.items.unclustered(10, later);
    expect(unfiled).toEqual([]);
    await store.close();
  });
});
