import { describe, expect, it } from 'vitest';
import { createTopicTagger } from '../../src/condense/topics.js';
import type { NormalizedItem } from '../../src/core/types.js';
import type { StoryClusterer } from '../../src/pipeline/cluster-pending.js';
import { createCondenseStep } from '../../src/pipeline/condense-step.js';
import type { Store } from '../../src/store/store.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { silentLogger } from '../helpers/logger.js';

const NOW = Date.UTC(2026, 2, 10, 12);

const item = (key: string): NormalizedItem => ({
  key,
  url: `https://${key}.example/news/1`,
  title: `Bridge ${key} reopens`,
  text: `Bridge ${key} reopened to traffic on Monday after a year of repairs.`,
  author: null,
  publishedAt: NOW - 60_000,
  categories: [],
  imageUrl: null,
  contentHash: `hash-${key}`,
});

/** A story step that only counts its runs. */
function countingStories(): StoryClusterer & { runs: number } {
  return {
    runs: 0,
    run() {
      this.runs++;
      return Promise.resolve(0);
    },
    reset: () => undefined,
  };
}

async function setup(): Promise<{ store: Store; feedId: number; clock: { now: number } }> {
  const store = createSqliteStore({ path: ':memory:' });
  const feed = await store.feeds.upsert({ url: 'https://bridges.example/feed.xml' }, NOW);
  return { store, feedId: feed.id, clock: { now: NOW } };
}

describe('the condense step spaces its story runs', () => {
  it('files stories once caught up when someone waits, and a patient run waits for the spacing', async () => {
    const { store, feedId, clock } = await setup();
    const stories = countingStories();
    const step = createCondenseStep({
      condense: {
        store,
        tagger: createTopicTagger([]),
        feedTopics: () => [],
        summary: { maxSentences: 3, maxChars: 400 },
        log: silentLogger(),
        batchSize: 2,
      },
      stories,
      mayCluster: () => Promise.resolve(true),
      now: () => clock.now,
      storyEveryMs: 10_000,
    });
    await store.items.save(feedId, [item('a'), item('b'), item('c')], NOW, 10);
    // Two batches and the empty one: the first story run is due at once, the rest are spaced.
    expect(await step()).toBe(3);
    expect(stories.runs).toBe(2);

    await store.items.save(feedId, [item('d')], NOW, 10);
    expect(await step(undefined, { patient: true })).toBe(1);
    expect(stories.runs).toBe(2);
    clock.now += 10_000;
    expect(await step(undefined, { patient: true })).toBe(0);
    expect(stories.runs).toBe(3);
    await store.close();
  });
});
