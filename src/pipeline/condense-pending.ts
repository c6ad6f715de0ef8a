import type { Logger } from 'pino';
import type { Condensed, Item } from '../core/types.js';
import { condenseItem } from '../condense/condense.js';
import { mostCentral } from '../condense/story-lead.js';
import { featuresOf, matchStory, type StoryFeatures } from '../condense/story-match.js';
import type { TopicTagger } from '../condense/topics.js';
import type { NewStory, Store } from '../store/store.js';
import { extractTexts, type ExtractDeps } from './extract-pending.js';

/** What condensing needs. */
export interface CondenseDeps {
  readonly store: Store;
  readonly tagger: TopicTagger;
  /** Catalog topics of a feed, by catalog id. */
  readonly feedTopics: (catalogId: string | null) => readonly string[];
  readonly summary: { readonly maxSentences: number; readonly maxChars: number };
  readonly windowMs: number;
  readonly log: Logger;
  /** Fetches article pages for snippet-only items; without it the feed's text is condensed as is. */
  readonly extract?: ExtractDeps | undefined;
  /**
   * Asked before every batch after the first: false stops the pass (another process has taken
   * over condensing). Renewing a lease here keeps a long pass from outliving it.
   */
  readonly keepGoing?: (() => Promise<boolean>) | undefined;
}

const BATCH = 200;

/**
 * Condenses every item that needs it (new, or edited since) and files it under a story: an
 * existing one when the same news is already known, else a new one. A story that gains a source
 * is shown by its most central item. Re-runnable: it works from what the store holds, so a crash
 * midway only leaves items for the next run.
 */
export async function condensePending(deps: CondenseDeps, now: number): Promise<number> {
  let done = 0;
  const recent: StoryFeatures[] = (await deps.store.items.recentCondensed(now - deps.windowMs)).map(
    featuresOf,
  );
  const catalogIds = new Map<number, string | null>();
  for (let first = true; ; first = false) {
    if (!first && deps.keepGoing !== undefined && !(await deps.keepGoing())) return done;
    const batch = await deps.store.items.needingCondense(BATCH);
    if (batch.length === 0) return done;
    const texts = deps.extract === undefined ? null : await extractTexts(deps.extract, batch);
    for (const item of batch) {
      await condenseOne(deps, { ...item, text: texts?.get(item.id) ?? item.text }, recent, catalogIds, now);
      done++;
      // Store calls resolve as microtasks: without a turn of the event loop here, a batch of
      // items would hold up deliveries, heartbeats and commands for its whole length.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

function storyOf(item: Item, condensed: Condensed): NewStory {
  return {
    leadItemId: item.id,
    headline: item.title ?? condensed.summary.slice(0, 120),
    summary: condensed.summary,
    url: item.url,
    topics: condensed.topics,
    mainTopics: condensed.mainTopics,
    entities: condensed.entities,
    publishedAt: item.publishedAt,
  };
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
  const story = storyOf(item, condensed);
  const matched = item.storyId === null ? matchStory(featuresOf(withCondensed), recent) : null;
  const known = item.storyId ?? matched;
  // A new story and its first item are written together, so a crash cannot leave an empty story.
  const storyId = known ?? (await deps.store.items.saveCondensedAsNewStory(item.id, condensed, story, now));
  if (item.storyId !== null) {
    // An edited item keeps its story; if it leads the story, the story shows the new text.
    const existing = await deps.store.stories.get(item.storyId);
    if (existing?.leadItemId === item.id)
      await deps.store.stories.update(item.storyId, { ...story, publishedAt: existing.publishedAt }, now);
  }
  if (known !== null) await deps.store.items.saveCondensed(item.id, condensed, known);
  const features = featuresOf({ ...withCondensed, storyId });
  recent.push(features);
  if (matched !== null) await recentre(deps, matched, recent, withCondensed, now);
}

/** Makes the story's most central item its lead, once it has sources enough to have a centre. */
async function recentre(
  deps: CondenseDeps,
  storyId: number,
  recent: readonly StoryFeatures[],
  added: Item,
  now: number,
): Promise<void> {
  const story = await deps.store.stories.get(storyId);
  if (story === null) return;
  const members = recent.filter((f) => f.storyId === storyId);
  const lead = mostCentral(members, story.leadItemId);
  if (lead === story.leadItemId) return;
  const item = lead === added.id ? added : await deps.store.items.get(lead);
  if (item?.condensed == null) return;
  await deps.store.stories.update(
    storyId,
    { ...storyOf(item, item.condensed), publishedAt: story.publishedAt },
    now,
  );
}
