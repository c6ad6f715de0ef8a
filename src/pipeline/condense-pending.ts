import type { Logger } from 'pino';
import type { Item } from '../core/types.js';
import { condenseItem } from '../condense/condense.js';
import { featuresOf, matchStory, type StoryFeatures } from '../condense/story-match.js';
import type { TopicTagger } from '../condense/topics.js';
import type { Store } from '../store/store.js';

/** What condensing needs. */
export interface CondenseDeps {
  readonly store: Store;
  readonly tagger: TopicTagger;
  /** Catalog topics of a feed, by catalog id. */
  readonly feedTopics: (catalogId: string | null) => readonly string[];
  readonly summary: { readonly maxSentences: number; readonly maxChars: number };
  readonly windowMs: number;
  readonly log: Logger;
}

const BATCH = 200;

/**
 * Condenses every item that needs it (new, or edited since) and files it under a story: an
 * existing one when the same news is already known, else a new one. Re-runnable: it works from
 * what the store holds, so a crash midway only leaves items for the next run.
 */
export async function condensePending(deps: CondenseDeps, now: number): Promise<number> {
  let done = 0;
  const recent: StoryFeatures[] = (await deps.store.items.recentCondensed(now - deps.windowMs)).map(
    featuresOf,
  );
  const catalogIds = new Map<number, string | null>();
  for (;;) {
    const batch = await deps.store.items.needingCondense(BATCH);
    if (batch.length === 0) return done;
    for (const item of batch) {
      await condenseOne(deps, item, recent, catalogIds, now);
      done++;
    }
  }
}

async function condenseOne(
  deps: CondenseDeps,
  item: Item,
  recent: StoryFeatures[],
  catalogIds: Map<number, string | null>,
  now: number,
): Promise<void> {
  if (!catalogIds.has(item.feedId)) {
    catalogIds.set(item.feedId, (await deps.store.feeds.get(item.feedId))?.catalogId ?? null);
  }
  const condensed = condenseItem(item, {
    tagger: deps.tagger,
    feedTopics: deps.feedTopics(catalogIds.get(item.feedId) ?? null),
    maxSentences: deps.summary.maxSentences,
    maxChars: deps.summary.maxChars,
    contentHash: item.contentHash,
  });
  const withCondensed: Item = { ...item, condensed };
  const story = {
    leadItemId: item.id,
    headline: item.title ?? condensed.summary.slice(0, 120),
    summary: condensed.summary,
    url: item.url,
    topics: condensed.topics,
    entities: condensed.entities,
    publishedAt: item.publishedAt,
  };
  const storyId =
    item.storyId ??
    matchStory(featuresOf(withCondensed), recent) ??
    (await deps.store.stories.create(story, now));
  if (item.storyId !== null) {
    // An edited item keeps its story; if it leads the story, the story shows the new text.
    const existing = await deps.store.stories.get(item.storyId);
    if (existing?.leadItemId === item.id) await deps.store.stories.update(item.storyId, story, now);
  }
  await deps.store.items.saveCondensed(item.id, condensed, storyId);
  recent.push(featuresOf({ ...withCondensed, storyId }));
}
