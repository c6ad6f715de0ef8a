import type { Logger } from 'pino';
import type { Item } from '../core/types.js';
import { condenseItem } from '../condense/condense.js';
import type { TopicTagger } from '../condense/topics.js';
import type { Store } from '../store/store.js';
import { extractTexts, type ExtractDeps } from './extract-pending.js';

/** What condensing needs. */
export interface CondenseDeps {
  readonly store: Store;
  readonly tagger: TopicTagger;
  /** Catalog topics of a feed, by catalog id. */
  readonly feedTopics: (catalogId: string | null) => readonly string[];
  readonly summary: { readonly maxSentences: number; readonly maxChars: number };
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
 * Condenses every item that needs it (new, or edited since): summary, topics, names and language.
 * Filing items into stories is the story step's work, after this one. Re-runnable: it works from
 * what the store holds, so a crash midway only leaves items for the next run.
 */
export async function condensePending(deps: CondenseDeps, now: number): Promise<number> {
  let done = 0;
  const catalogIds = new Map<number, string | null>();
  for (let first = true; ; first = false) {
    if (!first && deps.keepGoing !== undefined && !(await deps.keepGoing())) return done;
    const batch = await deps.store.items.needingCondense(BATCH);
    if (batch.length === 0) return done;
    const pages = deps.extract === undefined ? null : await extractTexts(deps.extract, batch);
    for (const [itemId, url] of pages?.images ?? []) await deps.store.items.setImage(itemId, url);
    for (const item of batch) {
      await condenseOne(deps, { ...item, text: pages?.texts.get(item.id) ?? item.text }, catalogIds, now);
      done++;
      // Store calls resolve as microtasks: without a turn of the event loop here, a batch of
      // items would hold up deliveries, heartbeats and commands for its whole length.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

async function condenseOne(
  deps: CondenseDeps,
  item: Item,
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
  await deps.store.items.saveCondensed(item.id, condensed, null);
  // An edited item keeps its story; a story it leads shows the new text.
  if (item.storyId === null) return;
  const story = await deps.store.stories.get(item.storyId);
  if (story?.leadItemId !== item.id) return;
  await deps.store.stories.update(
    story.id,
    {
      leadItemId: item.id,
      headline: item.title ?? condensed.summary.slice(0, 120),
      summary: condensed.summary,
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
