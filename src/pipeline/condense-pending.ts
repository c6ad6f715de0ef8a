import type { Logger } from 'pino';
import type { Condensed, Item } from '../core/types.js';
import { condenseItem } from '../condense/condense.js';
import type { FeedIdentity } from '../condense/topic-evidence.js';
import type { TopicTagger } from '../condense/topics.js';
import type { CondensedEntry, Store } from '../store/store.js';
import { extractTexts, type ExtractDeps } from './extract-pending.js';
import { createTimeSlicer } from '../core/time-slice.js';
import { headlineAndSummary } from '../digest/untitled.js';
import { LEAD_CHARS, type ItemText } from '../stories/prepared-item.js';
import type { StoredPreparation } from '../stories/stored-preparation.js';

/** What condensing needs. */
export interface CondenseDeps {
  readonly store: Store;
  readonly tagger: TopicTagger;
  /** Catalog topics of a feed, by catalog id. */
  readonly feedTopics: (catalogId: string | null) => readonly string[];
  readonly summary: { readonly maxSentences: number; readonly maxChars: number };
  readonly log: Logger;
  /**
   * What the story engine reads of an item's stored text, prepared here so the one process filing
   * stories need not; without it the story step reads the text itself.
   */
  readonly prepareStory?: ((text: ItemText) => StoredPreparation) | undefined;
  /** Fetches article pages for snippet-only items; without it the feed's text is condensed as is. */
  readonly extract?: ExtractDeps | undefined;
  /**
   * Asked before every batch after the first: false stops the pass (another process has taken
   * over condensing). Renewing a lease here keeps a long pass from outliving it.
   */
  readonly keepGoing?: (() => Promise<boolean>) | undefined;
  /** Items claimed and written at once (default 200). */
  readonly batchSize?: number;
  /** How long a claim keeps other processes off an item (default 2 minutes). */
  readonly claimMs?: number;
  /** Longest stretch of work between two turns of the event loop (default 10 ms). */
  readonly sliceMs?: number;
  /** Batches one call condenses at most (default: until none is left). */
  readonly maxBatches?: number;
  /** Aborting stops the pass between two items; what was condensed is written. */
  readonly signal?: AbortSignal | undefined;
  /** The clock slices are timed by (tests pass a fake one). */
  readonly elapsed?: () => number;
}

/**
 * Condenses every item that needs it (new, or edited since): summary, topics, names and language.
 * Items are claimed a batch at a time, so processes sharing the store split the work, and each
 * batch is written in one transaction. Filing items into stories is the story step's work, after
 * this one. Re-runnable: a crash midway leaves the rest claimed until the claims run out.
 */
export async function condensePending(deps: CondenseDeps, now: number): Promise<number> {
  let done = 0;
  const feeds = new Map<number, FeedFacts>();
  const slicer = createTimeSlicer(deps.sliceMs ?? 10, deps.elapsed);
  const aborted = (): boolean => deps.signal?.aborted === true;
  for (let batches = 0; batches < (deps.maxBatches ?? Infinity); batches++) {
    const first = batches === 0;
    if (aborted()) return done;
    if (!first && deps.keepGoing !== undefined && !(await deps.keepGoing())) return done;
    const claimMs = deps.claimMs ?? 120_000;
    const batch = await deps.store.items.claimCondense(now, deps.batchSize ?? 200, claimMs);
    if (batch.length === 0) return done;
    const pages = deps.extract === undefined ? null : await extractTexts(deps.extract, batch);
    for (const [itemId, url] of pages?.images ?? []) await deps.store.items.setImage(itemId, url);
    const entries: CondensedEntry[] = [];
    const edited: { item: Item; condensed: Condensed }[] = [];
    for (const item of batch) {
      if (aborted()) break;
      const text = { ...item, text: pages?.texts.get(item.id) ?? item.text };
      const condensed = await condenseOne(deps, text, feeds);
      // From the stored text, not a page's: the story step would read the stored one.
      const prepared = deps.prepareStory?.({
        title: item.title ?? '',
        lead: item.text.slice(0, LEAD_CHARS),
        url: item.url,
        language: condensed.language,
      });
      entries.push({ itemId: item.id, condensed, prepared: prepared ?? null });
      if (item.storyId !== null) edited.push({ item, condensed });
      await slicer.pause();
    }
    await deps.store.items.saveCondensedMany(entries);
    // Stopping: what this batch did not reach is left to the next start or another process now,
    // not once the claims run out.
    if (entries.length < batch.length) {
      await deps.store.items.releaseCondense(
        batch.slice(entries.length).map((item) => item.id),
        now + claimMs,
      );
    }
    done += entries.length;
    for (const { item, condensed } of edited) await refreshLead(deps, item, condensed, now);
  }
  return done;
}

/** What condensing reads of an item's feed, read once a pass. */
interface FeedFacts {
  readonly catalogId: string | null;
  readonly identity: FeedIdentity | null;
  readonly language: string | null;
}

async function condenseOne(
  deps: CondenseDeps,
  item: Item,
  feeds: Map<number, FeedFacts>,
): Promise<Condensed> {
  let facts = feeds.get(item.feedId);
  if (facts === undefined) {
    const feed = await deps.store.feeds.get(item.feedId);
    facts = {
      catalogId: feed?.catalogId ?? null,
      identity: feed === null ? null : { url: feed.url, title: feed.title },
      language: feed?.language ?? null,
    };
    feeds.set(item.feedId, facts);
  }
  return condenseItem(item, {
    tagger: deps.tagger,
    feedTopics: deps.feedTopics(facts.catalogId),
    feed: facts.identity,
    feedLanguage: facts.language,
    maxSentences: deps.summary.maxSentences,
    maxChars: deps.summary.maxChars,
    contentHash: item.contentHash,
  });
}

/** An edited item keeps its story; a story it leads shows the new text. */
async function refreshLead(deps: CondenseDeps, item: Item, condensed: Condensed, now: number): Promise<void> {
  if (item.storyId === null) return;
  const story = await deps.store.stories.get(item.storyId);
  if (story?.leadItemId !== item.id) return;
  await deps.store.stories.update(
    story.id,
    {
      leadItemId: item.id,
      ...headlineAndSummary(item.title, condensed.summary, item.url),
      url: item.url,
      topics: condensed.topics,
      mainTopics: condensed.mainTopics,
      entities: condensed.entities,
      publishedAt: story.publishedAt,
      flags: story.flags,
      leads: story.leads,
    },
    now,
  );
}
