import type { Logger } from 'pino';
import { STORY_OPINION, STORY_ROUNDUP, STORY_VIDEO, type Item, type TopicScores } from '../core/types.js';
import {
  createStoryEngine,
  defaultMeaningReader,
  type EngineResult,
  type StoryEngine,
  type StoryState,
} from '../stories/engine.js';
import { ROUNDUP, VIDEO } from '../stories/prepared-item.js';
import { leadsOf } from '../stories/story-state.js';
import type { StoryItem } from '../stories/item-vector.js';
import { preparationKey, readPreparation } from '../stories/stored-preparation.js';
import { defaultStoryModel, type StoryModel } from '../stories/story-model.js';
import { createTimeSlicer } from '../core/time-slice.js';
import { headlineAndSummary } from '../digest/untitled.js';
import type { TopicTagger } from '../condense/topics.js';
import type { ClusteringChange, NewStory, Store, StoryFeatureRow } from '../store/store.js';

/** What the story step needs. */
export interface ClusterDeps {
  readonly store: Store;
  readonly windowMs: number;
  readonly log: Logger;
  readonly model?: StoryModel;
  /** Asked before every batch after the first: false stops the pass (the lease was lost). */
  readonly keepGoing?: (() => Promise<boolean>) | undefined;
  /** Longest stretch of work between two turns of the event loop (default 10 ms). */
  readonly sliceMs?: number;
  /** Words the vocabulary may gain beyond twice its size at the last rebuild (default 50,000). */
  readonly vocabularySlack?: number;
  /**
   * Topics of what several items tell together, from their stored readings (the condense step's
   * tagger's `combine`); without it a story shows its lead's topics.
   */
  readonly combineTopics?: TopicTagger['combine'];
}

/** The story step of one process: an engine over the window, kept between passes. */
export interface StoryClusterer {
  /** Files every condensed item that is in no story yet; returns how many it filed. Aborting stops it between batches. */
  run(now: number, signal?: AbortSignal): Promise<number>;
  /** Items a run files at most per batch: a run of a full batch replays no more than a spaced one would. */
  readonly batchSize: number;
  /** How many condensed items wait to be filed at `now`, counted up to `limit`. */
  waiting(now: number, limit: number): Promise<number>;
  /** Drops the in-memory window; the next run rebuilds it from the store. */
  reset(): void;
}

// A batch that reaches back in time replays the window after its earliest item, whatever its
// size: fewer, larger batches replay less. The engine pauses between items, so size costs no lag.
const BATCH = 2_000;
// Words a window's vocabulary may gain beyond twice its size when read: a few days of news at
// thousands of feeds, and a few megabytes.
const VOCABULARY_SLACK = 50_000;
// Story leads read in one round trip.
const LEADS_PER_READ = 500;
// Members whose topic readings a story's topics are weighed from: its first in canonical order.
// Enough readings that one outlet's odd reading is outweighed, and a story's write costs the same
// at two members and at two thousand.
const TOPIC_READERS = 32;
// Signatures kept per item in the window before the map of written stories starts afresh.
const WRITTEN_PER_ITEM = 2;
// An opinion page says so in its address: a section of that name, in the outlets' usual spellings;
// or in a label before its headline or description ("Comment: …", "OPINION: …", "Opinion | …"),
// where an address says nothing of sections ("article.cfm?c_id=1").
const OPINION_SECTION = /\/(?:opinions?|commentisfree|comment|op-?eds?|columnists?)\//iu;
const OPINION_LABEL = /^\s*(?:opinions?|comment|op-?eds?|columns?)\s*[:|]/iu;
// A label in capitals before prose, not a headline or lede in capitals ("OPINION POLL PUTS…").
const OPINION_CAPITALS = /^\s*(?:OPINION|COMMENT|OP-ED|COLUMN)\s+\p{Lu}\p{Ll}/u;

/** Whether an item says it is opinion, by its address or by a label it opens with. */
export function isOpinion(item: Pick<Item, 'url' | 'title' | 'text'>): boolean {
  if (item.url !== null && OPINION_SECTION.test(item.url)) return true;
  return [item.title ?? '', item.text.slice(0, 40)].some(
    (text) => OPINION_LABEL.test(text) || OPINION_CAPITALS.test(text),
  );
}

/**
 * The item as the engine reads it, with its stored preparation when it has one (an unreadable one
 * leaves it with no words, alone in a story); the tie-break is its feed's key for it and its address.
 */
function storyItem(row: StoryFeatureRow, dimensions: number): StoryItem {
  const { prepared } = row;
  return {
    id: row.id,
    outlet: row.feedId,
    url: row.url,
    title: row.title ?? '',
    lead: row.lead ?? '',
    prepared: prepared === null ? undefined : () => readPreparation(prepared, dimensions),
    language: row.language,
    publishedAt: row.publishedAt,
    firstSeenAt: row.firstSeenAt,
    stableKey: `${row.url ?? ''}\u0000${row.key}`,
  };
}

const NO_READING: TopicScores = {};

/** The members whose readings weigh in the story's topics. */
export function topicReaders(story: StoryState): number[] {
  return story.members.slice(0, TOPIC_READERS).map((member) => member.id);
}

function flagsOf(story: StoryState): number {
  const lead = story.lead.vector;
  return (
    ((story.founder.vector.flags & ROUNDUP) !== 0 ? STORY_ROUNDUP : 0) |
    ((lead.flags & VIDEO) !== 0 ? STORY_VIDEO : 0)
  );
}

/**
 * What a story shows, taken from its lead item's condensed text; its topics are what its members'
 * readings say together when they were weighed (`combined`), else its lead's.
 */
function shownStory(
  story: StoryState,
  lead: Item,
  combined: { topics: string[]; mainTopics: number } | null,
): NewStory {
  const condensed = lead.condensed;
  const opinion = isOpinion(lead) ? STORY_OPINION : 0;
  return {
    leadItemId: lead.id,
    ...headlineAndSummary(lead.title, condensed?.summary ?? '', lead.url),
    url: lead.url,
    topics: combined?.topics ?? condensed?.topics ?? [],
    mainTopics: combined?.mainTopics ?? condensed?.mainTopics ?? 0,
    entities: condensed?.entities ?? [],
    publishedAt: lead.publishedAt,
    flags: flagsOf(story) | opinion,
    leads: Object.fromEntries([...leadsOf(story)].map(([l, r]) => [l, r.id])),
  };
}

/**
 * Files condensed items into stories with the story engine, keeping its window in memory between
 * passes and writing each batch's changes in one transaction. A crash or a lost lease loses
 * nothing: the store still lists the items in no story, and a rebuilt engine reads the window back.
 */
export function createClusterer(deps: ClusterDeps): StoryClusterer {
  let engine: StoryEngine | null = null;
  // What each stored story was last written with, by its id: a replay rebuilds an unchanged story
  // as a new object, and it is not read back and written again for that.
  const written = new Map<number, string>();
  let loadedVocabulary = 0;
  // Items that left the window since it was read.
  let turnedOver = 0;
  // The key of the preparations the engine reads, and the bytes of a meaning; set when it is built.
  let reading = { key: 0, dimensions: 0 };
  const itemOf = (row: StoryFeatureRow): StoryItem => storyItem(row, reading.dimensions);

  const slicer = createTimeSlicer(deps.sliceMs ?? 10);
  /** Runs an engine step, giving the event loop a turn whenever a slice is used up. */
  const sliced = async (steps: Generator<void, EngineResult, void>): Promise<EngineResult> => {
    for (;;) {
      const step = steps.next();
      if (step.done === true) return step.value;
      await slicer.pause();
    }
  };
  const persist = async (result: EngineResult, now: number, active: StoryEngine): Promise<void> => {
    const stories = new Set(result.touched);
    const created: NewStory[] = [];
    const createdIndex = new Map<StoryState, number>();
    const createdSignatures: string[] = [];
    const updatedSignatures: string[] = [];
    const updated: { id: number; story: NewStory }[] = [];
    const shown = new Map<StoryState, NewStory>();
    const changed: { story: StoryState; signature: string; readers: number[] }[] = [];
    for (const story of stories) {
      const leadIds = JSON.stringify([...leadsOf(story)].map(([l, r]) => [l, r.id]));
      // Which members are read, not only how many: a replay may give a story other first members.
      // Their count, sum and last id say so in a few characters a story, kept for the whole window.
      const readers = topicReaders(story);
      const read = `${readers.length}.${readers.reduce((sum, id) => sum + id, 0)}.${readers.at(-1) ?? 0}`;
      const signature = `${story.lead.id} ${flagsOf(story)} ${read} ${leadIds}`;
      if (story.storeId === null || written.get(story.storeId) !== signature)
        changed.push({ story, signature, readers });
    }
    // A late item replays the items after it, so a batch may touch many stories: their leads are
    // read a page at a time, not one round trip each, since another process waits for this step.
    const leads = new Map<number, Item>();
    const readings = new Map<number, TopicScores>();
    for (let from = 0; from < changed.length; from += LEADS_PER_READ) {
      await slicer.pause();
      const page = changed.slice(from, from + LEADS_PER_READ);
      for (const item of await deps.store.items.getMany(page.map(({ story }) => story.lead.id)))
        leads.set(item.id, item);
      if (deps.combineTopics === undefined) continue;
      const read = page.flatMap(({ readers }) => (readers.length > 1 ? readers : []));
      for (const [id, scores] of await deps.store.items.topicScores(read)) readings.set(id, scores);
    }
    for (const { story, signature, readers } of changed) {
      await slicer.pause();
      const lead = leads.get(story.lead.id);
      if (lead === undefined) continue;
      // A story of one item keeps that item's own topics exactly.
      const combined =
        deps.combineTopics === undefined || readers.length < 2
          ? null
          : deps.combineTopics(readers.map((id) => readings.get(id) ?? NO_READING));
      const fields = shownStory(story, lead, combined);
      shown.set(story, fields);
      if (story.storeId === null) {
        createdIndex.set(story, created.length);
        created.push(fields);
        createdSignatures.push(signature);
      } else {
        updated.push({ id: story.storeId, story: fields });
        updatedSignatures.push(signature);
      }
    }
    const assigned: ClusteringChange['assigned'][number][] = [];
    for (const [itemId, story] of result.assigned) {
      const index = createdIndex.get(story);
      if (story.storeId !== null) assigned.push({ itemId, story: story.storeId });
      else if (index !== undefined) assigned.push({ itemId, story: { created: index } });
    }
    if (created.length === 0 && updated.length === 0 && assigned.length === 0) return;
    const ids = await deps.store.stories.applyClustering({ created, updated, assigned }, now);
    if (written.size > WRITTEN_PER_ITEM * active.itemCount + BATCH) written.clear();
    ids.forEach((id, index) => {
      const signature = createdSignatures[index];
      if (signature !== undefined) written.set(id, signature);
    });
    updated.forEach(({ id }, index) => {
      const signature = updatedSignatures[index];
      if (signature !== undefined) written.set(id, signature);
    });
    for (const { itemId, story } of assigned) {
      const storyId = typeof story === 'number' ? story : ids[story.created];
      if (storyId !== undefined) active.recordStored(itemId, storyId);
    }
  };

  const load = async (now: number): Promise<StoryEngine> => {
    const model = deps.model ?? defaultStoryModel();
    const fresh = createStoryEngine({ model, windowMs: deps.windowMs, keepStored: true });
    // Preparations stored under the engine's reader: the same as the engine would make of the text.
    const reader = defaultMeaningReader(model);
    reading = { key: preparationKey(reader), dimensions: reader.dimensions };
    const rows = await deps.store.items.storyFeatures(now - deps.windowMs, reading.key);
    const stored = new Map(rows.map((row) => [row.id, row.storyId]));
    const clustered = rows.filter((row) => row.storyId !== null);
    if (clustered.length > 0) {
      await persist(
        await sliced(fresh.adding(clustered.map(itemOf), (id) => stored.get(id) ?? null)),
        now,
        fresh,
      );
      deps.log.info({ items: clustered.length }, 'story window loaded');
    }
    return fresh;
  };

  return {
    async run(now, signal) {
      let done = 0;
      try {
        if (engine === null) {
          engine = await load(now);
          loadedVocabulary = engine.vocabularySize;
          turnedOver = 0;
        }
        const active = engine;
        for (let first = true; ; first = false) {
          if (signal?.aborted === true) break;
          if (!first && deps.keepGoing !== undefined && !(await deps.keepGoing())) break;
          const batch = await deps.store.items.unclustered(BATCH, now, reading.key);
          if (batch.length === 0) break;
          // Items the engine already holds came back unwritten: stop rather than loop on them.
          if (batch.every((row) => active.storyOf(row.id) !== null)) {
            deps.log.warn({ items: batch.length }, 'items filed in stories but not stored; rebuilding');
            engine = null;
            written.clear();
            break;
          }
          await persist(await sliced(active.adding(batch.map(itemOf))), now, active);
          done += batch.length;
        }
        const held = active.itemCount;
        await persist(active.evictBefore(now - deps.windowMs), now, active);
        turnedOver += held - active.itemCount;
        // Words outlive the items that brought them: once the vocabulary has outgrown what its
        // window needed when it was read, the next run reads the window afresh (the same stories).
        // Only items that left can have left words behind, and a fresh read costs the whole
        // window, so it waits until at least half a window has turned over.
        if (
          active.vocabularySize > 2 * loadedVocabulary + (deps.vocabularySlack ?? VOCABULARY_SLACK) &&
          turnedOver >= active.itemCount / 2
        ) {
          deps.log.info(
            { words: active.vocabularySize },
            'story window to be read afresh: its vocabulary outgrew it',
          );
          engine = null;
          written.clear();
        }
      } catch (error) {
        // The store is the truth: a failed write leaves the engine ahead of it, so it is rebuilt.
        engine = null;
        written.clear();
        throw error;
      }
      return done;
    },
    batchSize: BATCH,
    waiting: (now, limit) => deps.store.items.unclusteredCount(limit, now),
    reset() {
      engine = null;
      written.clear();
    },
  };
}
