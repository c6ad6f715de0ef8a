/**
 * The story engine: groups items into stories, one event each, the same way whatever order the
 * items arrive in. Items are processed in a canonical order (time, then a hash of a stable key),
 * each joining the story it most probably belongs to or founding a new one. An item that arrives
 * late rewinds the items after it and replays them, so the result is always that of processing
 * the window in canonical order. A join costs the item's size, never the story's.
 */

import {
  compactPool,
  createVectorPool,
  hasTerm,
  itemVector,
  nameTerm,
  release,
  type ItemVector,
  type StoryItem,
} from './item-vector.js';
import { hash30, prepareItem, ROUNDUP } from './prepared-item.js';
import { urlKey } from './url-key.js';
import { joinProbability, pairFeatures, type JoinFeatures } from './join-features.js';
import { storyFeatures, storyProbability, type StoryFeatures } from './story-features.js';
import type { StoryModel } from './story-model.js';
import {
  exactSecondsOf,
  foundStory,
  ItemRecord,
  joinStory,
  secondsOf,
  updateLeads,
  type StoryState,
} from './story-state.js';
import {
  centroidCosine,
  compactMeanings,
  createCentroids,
  createMeaningPool,
  createMeaningReader,
  meaningCosine,
  releaseMeaning,
  storeMeaning,
  type MeaningReader,
} from './meaning.js';
import { KeyTable } from './key-table.js';
import { SMALL_STORY } from './story-state.js';
import { defaultWordVectors } from '../text/word-vectors.js';
import { createTermCounts, createTermLists } from './term-arrays.js';
import { createTermTable, createVocabulary } from './vocabulary.js';

export type { StoryItem } from './item-vector.js';
export type { ItemRecord, StoryState } from './story-state.js';

/** What a teacher may measure while it decides. */
export interface Lesson {
  /** The members a story is compared through. */
  representatives(story: StoryState): readonly ItemRecord[];
  pair(a: ItemRecord, b: ItemRecord): JoinFeatures;
  /** An item against a whole story, under the model the engine runs with. */
  story(record: ItemRecord, story: StoryState): StoryFeatures;
}

/** How the engine runs. */
export interface EngineOptions {
  readonly model: StoryModel;
  /** Items further apart than this in time never share a story. */
  readonly windowMs?: number;
  /**
   * How much earlier than its arrival an item may be placed: a feed that dates its items days back
   * would otherwise rewind days of work on every poll.
   */
  readonly maxLagMs?: number;
  /**
   * Keeps every item the caller has stored in the story it was stored under, deciding only new
   * items: a running service never moves news a chat was shown. Without it (files, one-shot
   * digests, evaluations) every item is decided, and any arrival order gives the same stories.
   */
  readonly keepStored?: boolean;
  /**
   * Reads what items mean from pretrained word vectors; null reads nothing (every meaning feature
   * is then 0). By default the shipped vectors, weighed by the model's word rarities.
   */
  readonly meanings?: MeaningReader | null;
  /**
   * Training only: sees each item's candidate stories and may choose its story itself (undefined
   * leaves the choice to the model).
   */
  readonly teacher?: (
    record: ItemRecord,
    candidates: readonly StoryState[],
    lesson: Lesson,
  ) => StoryState | null | undefined;
}

/** What adding items changed. */
export interface EngineResult {
  /** Items whose story is new or different, with the story they are now in. */
  readonly assigned: ReadonlyMap<number, StoryState>;
  /** Live stories whose members or lead may have changed. */
  readonly touched: ReadonlySet<StoryState>;
}

/** A story engine over a sliding window of items. */
export interface StoryEngine {
  /**
   * Adds items in any order; `stored` tells the story id each item was last stored under, so that
   * a rebuilt engine keeps the stories the store knows. An item given again replaces its record.
   */
  add(items: readonly StoryItem[], stored?: (id: number) => number | null): EngineResult;
  /**
   * The same as `add`, in steps: the generator pauses every few items so a caller can give the
   * event loop a turn, and returns the result. Nothing else may use the engine until it is done.
   */
  adding(
    items: readonly StoryItem[],
    stored?: (id: number) => number | null,
  ): Generator<void, EngineResult, void>;
  /** Tells the engine the story id an item is now stored under. */
  recordStored(itemId: number, storyId: number): void;
  /** Forgets items placed before `time`; their stories keep the members still in the window. */
  evictBefore(time: number): EngineResult;
  storyOf(itemId: number): StoryState | null;
  readonly itemCount: number;
  /**
   * Distinct words and names the engine has interned. They outlive the items that brought them,
   * so a long-running engine's vocabulary grows past its window; its owner rebuilds it.
   */
  readonly vocabularySize: number;
}

const DEFAULT_WINDOW_MS = 48 * 3_600_000;
const DEFAULT_MAX_LAG_MS = 6 * 3_600_000;
/** Stories fully scored per item: the best by a quick overlap of its rarest words. */
const CANDIDATES = 24;
/** Words of an item that nominate candidate stories: its rarest. */
const NOMINATORS = 32;
/**
 * Units of a word's weight in a candidate's score. Scores are whole numbers so that a story's score
 * stays a small integer: a fractional field would make V8 box it in a number object of its own in
 * every story, most of which are never scored twice.
 */
const SCORE_UNITS = 2 ** 20;
/** Words commoner than this (inverse document frequency) never nominate a candidate. */
const NOMINATING_IDF = 3;
/**
 * A word held by more items in the window than this nominates nothing: the item's rarer words will.
 * Counted in items, which any arrival order counts alike; high enough that the next copy of a wire
 * story told by a couple of thousand outlets still finds it by its words.
 */
const MAX_HOLDERS = 2_500;
/** Members an item is compared with: the founder, the lead and the latest. */
const REPRESENTATIVES = 6;
/**
 * Summed rarity (inverse document frequency) below which an item says too little to be matched by
 * its words: a headline of two common words and no text. Real headlines with a lead carry 30 or more.
 */
const MIN_INFORMATION = 20;
/**
 * Distinct headline words below which a headline may name a series, not an event ("Daily quiz",
 * "Morning briefing", "In pictures"): unrelated outlets write the same one over unrelated
 * descriptions, so such an item never joins a story by another outlet's identical headline. On the
 * 28 labelled days, 13 of 8,279 headlines are this short, 2 of them in a story of several outlets
 * (refusing such items any join cost those days' pairwise F1 a point).
 */
const MIN_HEADLINE_WORDS = 3;
/** A burst beyond this (natural log of the ratio) says nothing more. */
const MAX_BURST = 5;
/** Items placed or replayed between two pauses of {@link StoryEngine.adding}. */
const STEP = 32;
/**
 * Stories killed, beyond the items in the window, before every postings list is swept of them.
 * Replays kill and refound stories by the thousand; a list a query never reads again would hold
 * its dead stories, and everything they point at, for as long as the word stays in the window.
 */
const SWEEP_SLACK = 1_024;

function compare(a: ItemRecord, b: ItemRecord): number {
  return a.time - b.time || a.published - b.published || a.tie - b.tie || a.id - b.id;
}

/** Ranks candidates: higher score first, then the earlier founder, so the choice is total. */
function before(a: StoryState, b: StoryState): boolean {
  return a.score > b.score || (a.score === b.score && compare(a.founder, b.founder) < 0);
}

/** The {@link CANDIDATES} best of the scored stories, best first, without sorting them all. */
function best(scored: readonly StoryState[]): StoryState[] {
  const top: StoryState[] = [];
  for (const story of scored) {
    const last = top[top.length - 1];
    if (top.length === CANDIDATES && last !== undefined && !before(story, last)) continue;
    let at = top.length;
    for (let above = top[at - 1]; above !== undefined && before(story, above); above = top[at - 1]) at--;
    top.splice(at, 0, story);
    if (top.length > CANDIDATES) top.pop();
  }
  return top;
}

/** Whether a member of the story other than `member` has the term in its headline and lead. */
function holds(story: StoryState, member: ItemRecord, term: number): boolean {
  if (story.profile !== null) return story.profile.terms.has(term);
  return story.members.some((other) => other !== member && hasTerm(other.vector, term));
}

function representatives(story: StoryState): ItemRecord[] {
  const out = [story.founder];
  if (story.lead !== story.founder) out.push(story.lead);
  for (let i = story.members.length - 1; i > 0 && out.length < REPRESENTATIVES; i--) {
    const member = story.members[i];
    if (member !== undefined && !out.includes(member)) out.push(member);
  }
  return out;
}

/** One outlet's same headline and lead, word for word. */
function isCopy(member: ItemRecord, record: ItemRecord): boolean {
  return (
    member.outlet === record.outlet && record.vector.copy !== 0 && member.vector.copy === record.vector.copy
  );
}

/**
 * A second hash of an item's address, beside its preparation's: the address index holds 30 bits,
 * and among 50,000 addresses two unrelated ones share those about once in 25,000 new items.
 */
function addressCheckOf(url: string | null): number {
  const key = urlKey(url);
  return key === null ? 0 : hash30(`\u0001${key}`);
}

/** Whether one of the item's names is a word of its headline. */
function headlineNames(vector: ItemVector): boolean {
  const { pool, offset, fullLength, titleLength } = vector;
  for (let rank = 0; rank < vector.nameLength; rank++) {
    const term = nameTerm(vector, rank);
    if (term < 0) continue;
    for (let i = offset + fullLength; i < offset + fullLength + titleLength; i++)
      if (pool.ids[i] === term) return true;
  }
  return false;
}

/** An outlet's headline and lead in one number (see {@link isCopy}). */
function copyKey(record: ItemRecord): number {
  return (Math.imul(record.outlet, 0x9e3779b1) ^ record.vector.copy) >>> 2 || 1;
}

/** Readers built for each model: building one weighs every background word once. */
const readers = new WeakMap<StoryModel, MeaningReader>();

/** The shipped vectors' reader for a model. */
export function defaultMeaningReader(model: StoryModel): MeaningReader {
  let reader = readers.get(model);
  if (reader === undefined) {
    reader = createMeaningReader(defaultWordVectors(), idfUnder(model), model.df);
    readers.set(model, reader);
  }
  return reader;
}

function idfUnder(model: StoryModel): (term: string) => number {
  return (term) => Math.log((model.documents + 1) / ((model.df.get(term) ?? 0) + 1)) + 1;
}

/** An empty engine. */
export function createStoryEngine(options: EngineOptions): StoryEngine {
  const { model } = options;
  const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
  // Item and story times are in seconds (see `secondsOf`).
  const windowSeconds = windowMs / 1000;
  const maxLagMs = options.maxLagMs ?? DEFAULT_MAX_LAG_MS;
  const idf = idfUnder(model);
  const reader = options.meanings === undefined ? defaultMeaningReader(model) : options.meanings;
  // What each item means, and the sums of stories' meanings.
  const meanings = createMeaningPool(reader?.dimensions ?? 0);
  const centroidOf = createCentroids(meanings, SMALL_STORY);
  const terms = createTermTable(idf);
  const names = createVocabulary();
  const pool = createVectorPool();
  const languages = new Map<string, string>();
  const records = new Map<number, ItemRecord>();
  const processed: ItemRecord[] = [];
  // The stories each word of their members nominates; a story may be listed once per member.
  const postings = createTermLists<StoryState>();
  // Items in the window holding each term, against the share of background documents that do.
  const termItems = createTermCounts();
  // The latest item placed at each address: the one a later item at that address joins. The
  // latest, not the first, so that the index holds while older items leave the window.
  const byUrl = new KeyTable();
  // The latest item placed of each outlet's headline and lead: the one a later copy joins, whether
  // or not its words still nominate it (a feed repeating one item thousands of times holds its
  // words past MAX_HOLDERS).
  const byCopy = new KeyTable();
  const recordAt = (table: KeyTable, key: number): ItemRecord | undefined => {
    const id = table.get(key);
    return id === undefined ? undefined : records.get(id);
  };
  const claims = new Map<number, StoryState>();
  let query = 0;
  let stamps = 0;
  let killed = 0;

  const context = {
    meaningCosine: (a: ItemRecord, b: ItemRecord): number => meaningCosine(meanings, a.meaning, b.meaning),
    centroidCosine: (record: ItemRecord, story: StoryState): number =>
      record.meaning < 0 ? 0 : centroidCosine(meanings, record.meaning, centroidOf(story)),
    idfOf: (term: number): number => terms.idfOf(term),
    burst: (term: number): number => {
      const expected = processed.length * Math.exp(1 - terms.idfOf(term));
      return Math.min(MAX_BURST, Math.max(0, Math.log((termItems.get(term) + 1) / (expected + 1))));
    },
  };

  const recordOf = (item: StoryItem, stored: number | null): ItemRecord => {
    const told = Math.min(item.publishedAt, item.firstSeenAt);
    const clamped = Math.max(item.firstSeenAt - maxLagMs, told);
    const placed = Number.isFinite(clamped) ? clamped : 0;
    let language = languages.get(item.language);
    if (language === undefined) {
      language = item.language;
      languages.set(language, language);
    }
    const place = {
      id: item.id,
      outlet: item.outlet,
      time: secondsOf(placed),
      published: secondsOf(Number.isFinite(told) ? told : placed),
      tie: hash30(item.stableKey),
      language,
      addressCheck: addressCheckOf(item.url),
    };
    const prepared = item.prepared?.() ?? prepareItem(item, reader);
    const record = new ItemRecord(place, itemVector(prepared, terms, names, pool), stored);
    // A meaning of another length was read by another reader: it would compare as noise.
    if (reader !== null && prepared.meaning?.length === meanings.dimensions)
      record.meaning = storeMeaning(meanings, prepared.meaning);
    return record;
  };

  /**
   * Lists the story under the member's words that can nominate (common words never do), once per
   * word: a word another member brought already lists it.
   */
  const index = (story: StoryState, member: ItemRecord): void => {
    const { pool, offset, fullLength } = member.vector;
    for (let i = 0; i < fullLength; i++) {
      const term = pool.ids[offset + i] ?? 0;
      if (terms.idfOf(term) < NOMINATING_IDF) continue;
      const last = postings.last(term);
      if (last === undefined || (last !== story && !holds(story, member, term))) postings.append(term, story);
    }
  };

  const claim = (story: StoryState, storeId: number | null): void => {
    if (storeId === null || story.storeId !== null || claims.has(storeId)) return;
    story.storeId = storeId;
    claims.set(storeId, story);
  };

  /** Positions (from the vector's offset) of the item's rarest words that may nominate. */
  const nominators = (record: ItemRecord): number[] => {
    const { pool, offset, fullLength } = record.vector;
    const term = (position: number): number => pool.ids[offset + position] ?? 0;
    const out: number[] = [];
    for (let i = 0; i < fullLength; i++) {
      if (terms.idfOf(term(i)) >= NOMINATING_IDF && termItems.get(term(i)) <= MAX_HOLDERS) out.push(i);
    }
    // Rarest first; ties by term id, so the choice never depends on anything but the item.
    out.sort((a, b) => terms.idfOf(term(b)) - terms.idfOf(term(a)) || term(a) - term(b));
    return out.slice(0, NOMINATORS);
  };

  const nominate = (record: ItemRecord): StoryState[] => {
    // A live story in a list holds its word (a rebuilt story is a new object): no lookups here.
    const mark = ++query;
    const touched: StoryState[] = [];
    const { pool, offset } = record.vector;
    // Told a window apart, by publication: a backlog read at one moment gathers no more than the
    // same items read as they were published would.
    const oldest = record.published - windowSeconds;
    let weight = 0;
    let stamp = 0;
    // Postings of stories that died are dropped as they are met.
    const count = (story: StoryState): boolean => {
      if (story.dead) return false;
      if (story.latest < oldest || story.stamp === stamp) return true;
      story.stamp = stamp;
      if (story.mark !== mark) {
        story.mark = mark;
        story.score = 0;
        touched.push(story);
      }
      story.score += weight;
      return true;
    };
    for (const position of nominators(record)) {
      weight = Math.round((pool.weights[offset + position] ?? 0) * SCORE_UNITS);
      stamp = ++stamps;
      postings.scan(pool.ids[offset + position] ?? 0, count);
    }
    return best(touched);
  };

  /**
   * An item against a story: the pair model's verdicts on the story's representatives (one close
   * member is weighed against the others once a story has two), and the item against the centroid
   * and names of the whole story.
   */
  const measure = (record: ItemRecord, story: StoryState): StoryFeatures => {
    let first = 0;
    let second = 0;
    let sameOutlet = false;
    let closestMeaning = 0;
    const members = representatives(story);
    for (const member of members) {
      const features = pairFeatures(record, member, context);
      closestMeaning = Math.max(closestMeaning, features.meaning);
      const p = joinProbability(features, model.weights, model.bias);
      if (p > first) [first, second] = [p, first];
      else if (p > second) second = p;
      if (member.outlet === record.outlet) sameOutlet = true;
    }
    return storyFeatures(
      record,
      story,
      { first, second, compared: members.length, sameOutlet, closestMeaning },
      context,
    );
  };

  const fit = (record: ItemRecord, story: StoryState): number =>
    storyProbability(measure(record, story), model.story);

  const lesson: Lesson = { representatives, pair: (a, b) => pairFeatures(a, b, context), story: measure };

  /**
   * Roundups stand alone, one outlet's series ("Best of cartoons, May 28") never merges, nor do
   * several outlets' same short headline ("Daily quiz"), and an item that says too little to be
   * matched by what it says joins only by its address.
   */
  const mayJoin = (record: ItemRecord, story: StoryState): boolean => {
    if ((story.founder.vector.flags & ROUNDUP) !== 0) return false;
    if (record.vector.information < MIN_INFORMATION || story.founder.vector.information < MIN_INFORMATION)
      return false;
    // A short headline that names someone ("Maradona dies") is news told tersely, not a series.
    const series = record.vector.titleLength < MIN_HEADLINE_WORDS && !headlineNames(record.vector);
    for (const member of representatives(story)) {
      if (member.vector.shape !== record.vector.shape) continue;
      // Another outlet's same short headline is the same series, not the same event.
      if (series && member.outlet !== record.outlet) return false;
      if (
        member.outlet === record.outlet &&
        member.vector.url !== record.vector.url &&
        !isCopy(member, record)
      )
        return false;
    }
    return true;
  };

  const sameUrl = (record: ItemRecord): StoryState | null => {
    if (record.vector.url === 0) return null;
    const other = recordAt(byUrl, record.vector.url);
    // The index keeps a 30-bit hash of the address: two unrelated articles may share one, and a
    // second hash of it tells them apart.
    if (other?.addressCheck !== record.addressCheck) return null;
    const story = other.story;
    return story !== null && !story.dead && compare(other, record) < 0 ? story : null;
  };

  const sameCopy = (record: ItemRecord): StoryState | null => {
    if (record.vector.copy === 0) return null;
    const other = recordAt(byCopy, copyKey(record));
    const story = other?.story ?? null;
    return other !== undefined &&
      isCopy(other, record) &&
      story !== null &&
      !story.dead &&
      compare(other, record) < 0
      ? story
      : null;
  };

  const choose = (record: ItemRecord): StoryState | null => {
    // An item at an address already read, or an outlet's article filed again under another
    // address, joins that story.
    const byAddress = sameUrl(record) ?? sameCopy(record);
    if (byAddress !== null && Math.abs(byAddress.latest - record.published) <= windowSeconds)
      return byAddress;
    const nominated = nominate(record);
    if (options.teacher !== undefined) {
      const taught = options.teacher(record, nominated, lesson);
      if (taught !== undefined) return taught;
    }
    if ((record.vector.flags & ROUNDUP) !== 0) return null;
    let best: StoryState | null = null;
    let bestP = model.threshold;
    for (const story of nominated) {
      if (!mayJoin(record, story)) continue;
      const p = fit(record, story);
      if (p > bestP || (p === bestP && best !== null && compare(story.founder, best.founder) < 0)) {
        best = story;
        bestP = p;
      }
    }
    return best;
  };

  const countTerms = (record: ItemRecord, delta: number): void => {
    const { pool, offset, fullLength } = record.vector;
    for (let i = 0; i < fullLength; i++) termItems.add(pool.ids[offset + i] ?? 0, delta);
  };

  /**
   * A story no stored item holds yet: one that items new to the engine began. A stored item whose
   * own story is not live again may join it, and the story takes the stored id: an item fetched
   * late but published earlier then shares the story it tells instead of sitting beside it, and no
   * stored item leaves its story.
   */
  const unclaimed = (story: StoryState | null): StoryState | null =>
    story !== null && story.storeId === null ? story : null;

  /** The live story the item was stored under, when stored decisions are kept. */
  const storedStory = (record: ItemRecord): StoryState | 'new' | null => {
    if (options.keepStored !== true || record.stored === null) return null;
    const story = claims.get(record.stored);
    return story === undefined || story.dead ? 'new' : story;
  };

  const place = (record: ItemRecord, touched: Set<StoryState>): void => {
    const kept = storedStory(record);
    const story = kept === 'new' ? unclaimed(choose(record)) : (kept ?? choose(record));
    if (story === null) {
      const founded = foundStory(record, null);
      claim(founded, record.stored);
      index(founded, record);
      touched.add(founded);
    } else {
      index(story, record);
      joinStory(story, record);
      updateLeads(story, record, representatives(story));
      claim(story, record.stored);
      touched.add(story);
    }
    // An id beyond 32 bits (no store hands one out) is left out of both: its copies and
    // addresses are then matched by their words alone.
    if (KeyTable.holds(record.id)) indexKeys(record);
    countTerms(record, 1);
  };

  const indexKeys = (record: ItemRecord): void => {
    if (record.vector.url !== 0) byUrl.add(record.vector.url, record.id);
    if (record.vector.copy !== 0) byCopy.add(copyKey(record), record.id);
  };

  /**
   * Takes the item out of the indexes; true when it was the latest at its address or of its copy,
   * so that the one before it (if any is still in the window) must stand there again.
   */
  const forget = (record: ItemRecord): boolean => {
    countTerms(record, -1);
    if (!KeyTable.holds(record.id)) return false;
    const url = record.vector.url !== 0 && byUrl.remove(record.vector.url, record.id);
    const copy = record.vector.copy !== 0 && byCopy.remove(copyKey(record), record.id);
    return url || copy;
  };

  /**
   * Puts back in the indexes, for the undone items that stood there while earlier holders remain,
   * the latest earlier item at the same address or of the same copy, as a forward pass over the
   * remaining items leaves them. Only keys still held are looked for, so the walk back ends at
   * their nearest earlier holders, not at the window's start.
   */
  function* reindex(undone: readonly ItemRecord[]): Generator<void, void, void> {
    const urls = new Set(
      undone.flatMap((r) => (r.vector.url !== 0 && byUrl.has(r.vector.url) ? [r.vector.url] : [])),
    );
    const copies = new Set(
      undone.flatMap((r) => (r.vector.copy !== 0 && byCopy.has(copyKey(r)) ? [copyKey(r)] : [])),
    );
    for (let i = processed.length - 1; i >= 0 && urls.size + copies.size > 0; i--) {
      const record = processed[i];
      if (record === undefined || !KeyTable.holds(record.id)) continue;
      if (urls.delete(record.vector.url)) byUrl.set(record.vector.url, record.id);
      if (record.vector.copy !== 0 && copies.delete(copyKey(record))) byCopy.set(copyKey(record), record.id);
      if (i % (STEP * 32) === 0) yield;
    }
  }

  /** An item that leaves for good: its record and its vector's slots. */
  const retire = (record: ItemRecord): void => {
    records.delete(record.id);
    release(pool, record.vector);
    releaseMeaning(meanings, record.meaning);
  };

  const kill = (story: StoryState): void => {
    story.dead = true;
    killed++;
    if (story.storeId !== null && claims.get(story.storeId) === story) claims.delete(story.storeId);
  };

  /** Drops dead stories from every postings list once they may outnumber the live ones. */
  const sweepIfDue = (): void => {
    if (killed < records.size + SWEEP_SLACK) return;
    postings.sweep((story) => !story.dead);
    killed = 0;
  };

  /** Replays a story from its remaining members, in order, so its sums are exactly a forward pass's. */
  const rebuild = (story: StoryState, members: readonly ItemRecord[]): StoryState | null => {
    kill(story);
    const [first, ...rest] = members;
    if (first === undefined) return null;
    const fresh = foundStory(first, null);
    fresh.storeId = story.storeId;
    if (story.storeId !== null) claims.set(story.storeId, fresh);
    index(fresh, first);
    for (const member of rest) {
      index(fresh, member);
      joinStory(fresh, member);
      updateLeads(fresh, member, representatives(fresh));
    }
    return fresh;
  };

  /** Takes the records from `from` on off the end of the processed list, undoing their joins. */
  function* rewind(from: number, touched: Set<StoryState>): Generator<void, ItemRecord[], void> {
    const undone = processed.splice(from);
    const shrunk = new Set<StoryState>();
    const lost: ItemRecord[] = [];
    for (let i = undone.length - 1; i >= 0; i--) {
      const record = undone[i];
      if (record === undefined) continue;
      const story = record.story;
      if (story !== null) {
        story.members.pop();
        if (story.members.length === 0) {
          kill(story);
          shrunk.delete(story);
        } else shrunk.add(story);
      }
      record.story = null;
      if (forget(record)) lost.push(record);
      if (i % STEP === 0) yield;
    }
    if (lost.length > 0) yield* reindex(lost);
    let rebuilt = 0;
    for (const story of shrunk) {
      const fresh = rebuild(story, [...story.members]);
      if (fresh !== null) touched.add(fresh);
      rebuilt += story.members.length;
      if (rebuilt >= STEP) {
        rebuilt = 0;
        yield;
      }
    }
    return undone;
  }

  const firstAfter = (record: ItemRecord): number => {
    let lo = 0;
    let hi = processed.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const at = processed[mid];
      if (at !== undefined && compare(at, record) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  /** The records a replay moves, with each one's founder and story id before it: arrays, no object per record. */
  interface Before {
    readonly records: readonly ItemRecord[];
    readonly founders: readonly (ItemRecord | null)[];
    readonly storeIds: readonly (number | null)[];
  }
  const result = (
    before: Before,
    fresh: readonly ItemRecord[],
    touched: ReadonlySet<StoryState>,
  ): EngineResult => {
    const assigned = new Map<number, StoryState>();
    for (const record of fresh) if (record.story !== null) assigned.set(record.id, record.story);
    before.records.forEach((record, i) => {
      const story = record.story;
      if (story === null) return;
      if (
        before.founders[i] !== story.founder ||
        before.storeIds[i] !== story.storeId ||
        record.stored !== story.storeId
      )
        assigned.set(record.id, story);
    });
    const live = new Set([...touched].filter((s) => !s.dead));
    for (const story of assigned.values()) live.add(story);
    return { assigned, touched: live };
  };

  function* adding(
    items: readonly StoryItem[],
    stored?: (id: number) => number | null,
  ): Generator<void, EngineResult, void> {
    const touched = new Set<StoryState>();
    const replaced = items.map((i) => records.get(i.id)).filter((r): r is ItemRecord => r !== undefined);
    // Reading an item into a vector is the costliest part of a new item: paused like a placement.
    const fresh: ItemRecord[] = [];
    for (const item of items) {
      fresh.push(recordOf(item, stored?.(item.id) ?? records.get(item.id)?.stored ?? null));
      if (fresh.length % STEP === 0) yield;
    }
    fresh.sort(compare);
    const earliest = [...fresh, ...replaced].reduce<ItemRecord | null>(
      (min, r) => (min === null || compare(r, min) < 0 ? r : min),
      null,
    );
    if (earliest === null) return { assigned: new Map(), touched };
    const from = Math.min(
      firstAfter(earliest),
      ...replaced.map((r) => processed.indexOf(r)).filter((i) => i >= 0),
    );
    const moved = processed.slice(from);
    const before: Before = {
      records: moved,
      founders: moved.map((r) => r.story?.founder ?? null),
      storeIds: moved.map((r) => r.story?.storeId ?? null),
    };
    const undone = (yield* rewind(from, touched)).filter((r) => !replaced.includes(r));
    for (const record of replaced) retire(record);
    for (const record of fresh) records.set(record.id, record);
    let placed = 0;
    for (const record of [...undone, ...fresh].sort(compare)) {
      place(record, touched);
      processed.push(record);
      if (++placed % STEP === 0) yield;
    }
    compactPool(pool, () => processed.map((r) => r.vector));
    compactMeanings(meanings, () => processed);
    sweepIfDue();
    return result(before, fresh, touched);
  }

  return {
    add(items, stored) {
      const steps = adding(items, stored);
      for (;;) {
        const step = steps.next();
        if (step.done === true) return step.value;
      }
    },
    adding,
    recordStored(itemId, storyId) {
      const record = records.get(itemId);
      if (record === undefined) return;
      record.stored = storyId;
      const story = record.story;
      if (story !== null && story.storeId === null) claim(story, storyId);
    },
    evictBefore(time) {
      let count = 0;
      const before = exactSecondsOf(time);
      while (count < processed.length && (processed[count]?.time ?? Infinity) < before) count++;
      const touched = new Set<StoryState>();
      if (count === 0) return { assigned: new Map(), touched };
      const shrunk = new Set<StoryState>();
      for (const record of processed.splice(0, count)) {
        retire(record);
        forget(record);
        if (record.story !== null) shrunk.add(record.story);
        record.story = null;
      }
      for (const story of shrunk) {
        const fresh = rebuild(
          story,
          story.members.filter((m) => m.story !== null),
        );
        if (fresh !== null) touched.add(fresh);
      }
      compactPool(pool, () => processed.map((r) => r.vector));
      compactMeanings(meanings, () => processed);
      sweepIfDue();
      return { assigned: new Map(), touched };
    },
    storyOf: (itemId) => records.get(itemId)?.story ?? null,
    get itemCount() {
      return processed.length;
    },
    get vocabularySize() {
      return terms.size + names.size;
    },
  };
}
