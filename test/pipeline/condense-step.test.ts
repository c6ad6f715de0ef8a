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
function countingStories(): StoryClusterer & { runs: number; backlog: number; looks: number } {
  return {
    runs: 0,
    backlog: 0,
    looks: 0,
    batchSize: 4,
    run() {
      this.runs++;
      return Promise.resolve(0);
    },
    waiting(_now, limit) {
      this.looks++;
      return Promise.resolve(Math.min(limit, this.backlog));
    },
    reset: () => undefined,
  };
}

async function setup(): Promise<{ store: Store; feedId: number; clock: { now: number } }> {
  const store = createSqliteStore({ path: ':memory:' });
  const feed = await store.feeds.upsert({ url: 'https://bridges.example/feed.xml' }, NOW);
  return { store, feedId: feed.id, clock: { now: NOW } };
}

/** A condense step over `store` in batches of `batchSize`, whose story job `holder` says it holds. */
function stepOver(
  store: Store,
  stories: StoryClusterer,
  clock: { now: number },
  batchSize: number,
  holder: () => boolean = () => true,
): ReturnType<typeof createCondenseStep> {
  return createCondenseStep({
    condense: {
      store,
      tagger: createTopicTagger([]),
      feedTopics: () => [],
      summary: { maxSentences: 3, maxChars: 400 },
      log: silentLogger(),
      batchSize,
    },
    stories,
    mayCluster: () => Promise.resolve(holder()),
    now: () => clock.now,
    storyEveryMs: 10_000,
  });
}

describe('the condense step spaces its story runs', () => {
  it('files stories once caught up when someone waits, and a patient run waits for the spacing', async () => {
    const { store, feedId, clock } = await setup();
    const stories = countingStories();
    const step = stepOver(store, stories, clock, 2);
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

  it("files whenever a full batch of mostly others' work waits while it holds the story job, and only then looks", async () => {
    const { store, feedId, clock } = await setup();
    const stories = countingStories();
    let holder = true;
    const step = stepOver(store, stories, clock, 1, () => holder);
    await store.items.save(feedId, [item('a'), item('b'), item('c'), item('d')], NOW, 10);
    stories.backlog = 4;
    // The first batch is due by spacing; each later one finds a full batch waiting, which other
    // processes condensed.
    expect(await step(undefined, { patient: true })).toBe(4);
    expect(stories.runs).toBe(4);

    // When its own work fills most of the batch, it keeps to the spacing: due after the first
    // condensed batch, not after the second.
    const alone = stepOver(store, stories, clock, 5, () => holder);
    // Five wait, all of them its own.
    stories.backlog = 5;
    await store.items.save(feedId, ['h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q'].map(item), NOW, 20);
    expect(await alone(undefined, { patient: true })).toBe(10);
    expect(stories.runs).toBe(5);

    // Another process holds the job: this one never asks about a backlog it may not file.
    holder = false;
    clock.now += 10_000;
    await store.items.save(feedId, [item('e'), item('f'), item('g')], NOW, 10);
    const looks = stories.looks;
    expect(await step(undefined, { patient: true })).toBe(3);
    expect(stories.runs).toBe(5);
    expect(stories.looks).toBe(looks);
    await store.close();
  });
});
