/**
 * One story in the engine: its members in canonical order and sums kept as members join, so that
 * comparing an item with the story costs the item's size, never the story's. A story of one
 * member reads everything from that member and allocates nothing of its own.
 */

import type { ItemVector, SparseVector } from './item-vector.js';

/** The engine's record of an item. */
export interface ItemRecord {
  readonly id: number;
  readonly outlet: number;
  /** Canonical order: time, then publication, then a hash of the stable key, then id. */
  readonly time: number;
  readonly published: number;
  readonly tie: number;
  readonly language: string;
  readonly vector: ItemVector;
  story: StoryState | null;
  /** The stored story id the caller last recorded for this item. */
  stored: number | null;
}

/** A story's running state. */
export interface StoryState {
  readonly founder: ItemRecord;
  readonly members: ItemRecord[];
  /** Sum of the members' unit vectors; null while the founder is alone. */
  full: Map<number, number> | null;
  fullNorm2: number;
  title: Map<number, number> | null;
  titleNorm2: number;
  /** Members holding each term; null while the founder is alone. */
  counts: Map<number, number> | null;
  /** Members naming each name word; null while the founder is alone. */
  names: Map<number, number> | null;
  /** Members from each outlet; null while the founder is alone. */
  outlets: Map<number, number> | null;
  latest: number;
  lead: ItemRecord;
  /** The most representative member in each language. */
  leads: Map<string, ItemRecord> | null;
  /** The stored story id this story is kept under, once it has one. */
  storeId: number | null;
  dead: boolean;
}

/** Dot product of two sorted sparse vectors, each shared term's product optionally scaled. */
export function sparseDot(a: SparseVector, b: SparseVector, scale?: (id: number) => number): number {
  let dot = 0;
  for (let i = 0, j = 0; i < a.ids.length && j < b.ids.length;) {
    const x = a.ids[i] ?? 0;
    const y = b.ids[j] ?? 0;
    if (x === y) {
      dot += (a.weights[i++] ?? 0) * (b.weights[j++] ?? 0) * (scale === undefined ? 1 : scale(x));
    } else if (x < y) i++;
    else j++;
  }
  return dot;
}

function mapDot(
  sum: ReadonlyMap<number, number>,
  vector: SparseVector,
  scale?: (id: number) => number,
): number {
  let dot = 0;
  for (let i = 0; i < vector.ids.length; i++) {
    const id = vector.ids[i] ?? 0;
    const shared = sum.get(id);
    if (shared !== undefined)
      dot += (vector.weights[i] ?? 0) * shared * (scale === undefined ? 1 : scale(id));
  }
  return dot;
}

function addInto(sum: Map<number, number>, vector: SparseVector, norm2: number): number {
  let next = norm2;
  for (let i = 0; i < vector.ids.length; i++) {
    const id = vector.ids[i] ?? 0;
    const weight = vector.weights[i] ?? 0;
    const before = sum.get(id) ?? 0;
    sum.set(id, before + weight);
    next += 2 * before * weight + weight * weight;
  }
  return next;
}

function contains(sorted: Int32Array, id: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const value = sorted[mid] ?? 0;
    if (value === id) return true;
    if (value < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** A new story founded by one item. */
export function foundStory(founder: ItemRecord, storeId: number | null): StoryState {
  const story: StoryState = {
    founder,
    members: [founder],
    full: null,
    fullNorm2: 1,
    counts: null,
    title: null,
    titleNorm2: 1,
    names: null,
    outlets: null,
    latest: founder.time,
    lead: founder,
    leads: null,
    storeId,
    dead: false,
  };
  founder.story = story;
  return story;
}

/**
 * Dot of an item's full vector with the story's sum (each shared term's part optionally scaled),
 * and the sum's length.
 */
export function fullAgainst(
  story: StoryState,
  vector: SparseVector,
  scale?: (id: number) => number,
): { dot: number; norm: number } {
  if (story.full === null) return { dot: sparseDot(story.founder.vector.full, vector, scale), norm: 1 };
  return { dot: mapDot(story.full, vector, scale), norm: Math.sqrt(story.fullNorm2) };
}

/** Dot of an item's headline vector with the story's headline sum, and the sum's length. */
export function titleAgainst(
  story: StoryState,
  vector: SparseVector,
  scale?: (id: number) => number,
): { dot: number; norm: number } {
  if (story.title === null) return { dot: sparseDot(story.founder.vector.title, vector, scale), norm: 1 };
  return { dot: mapDot(story.title, vector, scale), norm: Math.sqrt(story.titleNorm2) };
}

/** Members of the story holding this term. */
export function termCount(story: StoryState, term: number): number {
  if (story.counts === null) return contains(story.founder.vector.full.ids, term) ? 1 : 0;
  return story.counts.get(term) ?? 0;
}

/** Members of the story naming this name word. */
export function nameCount(story: StoryState, name: number): number {
  if (story.names === null) return contains(story.founder.vector.names, name) ? 1 : 0;
  return story.names.get(name) ?? 0;
}

/** Members of the story from this outlet. */
export function outletCount(story: StoryState, outlet: number): number {
  if (story.outlets === null) return story.founder.outlet === outlet ? 1 : 0;
  return story.outlets.get(outlet) ?? 0;
}

/** Distinct outlets among the members. */
export function outletTotal(story: StoryState): number {
  return story.outlets === null ? 1 : story.outlets.size;
}

/** True when some member's vector holds the term. */
export function holdsTerm(story: StoryState, term: number): boolean {
  return story.full === null ? contains(story.founder.vector.full.ids, term) : story.full.has(term);
}

/** Name words the story gains from a joining member, for the engine's name counts. */
export function newNames(story: StoryState, member: ItemRecord): number[] {
  const out: number[] = [];
  for (const name of member.vector.names) if (nameCount(story, name) === 0) out.push(name);
  return out;
}

/** Terms the story gains from a joining member, for the engine's postings. */
export function newTerms(story: StoryState, member: ItemRecord): number[] {
  const out: number[] = [];
  for (const term of member.vector.full.ids) if (!holdsTerm(story, term)) out.push(term);
  return out;
}

function materialise(story: StoryState): void {
  if (story.full !== null) return;
  const founder = story.founder;
  story.full = new Map();
  story.fullNorm2 = addInto(story.full, founder.vector.full, 0);
  story.title = new Map();
  story.titleNorm2 = addInto(story.title, founder.vector.title, 0);
  story.counts = new Map();
  for (const term of founder.vector.full.ids) story.counts.set(term, 1);
  story.names = new Map();
  for (const name of founder.vector.names) story.names.set(name, 1);
  story.outlets = new Map([[founder.outlet, 1]]);
}

/** Adds a member (the latest in canonical order); costs the member's size. */
export function joinStory(story: StoryState, member: ItemRecord): void {
  materialise(story);
  story.members.push(member);
  member.story = story;
  story.fullNorm2 = addInto(story.full ?? new Map<number, number>(), member.vector.full, story.fullNorm2);
  story.titleNorm2 = addInto(story.title ?? new Map<number, number>(), member.vector.title, story.titleNorm2);
  const counts = story.counts ?? new Map<number, number>();
  for (const term of member.vector.full.ids) counts.set(term, (counts.get(term) ?? 0) + 1);
  const names = story.names ?? new Map<number, number>();
  for (const name of member.vector.names) names.set(name, (names.get(name) ?? 0) + 1);
  const outlets = story.outlets ?? new Map<number, number>();
  outlets.set(member.outlet, (outlets.get(member.outlet) ?? 0) + 1);
  if (member.time > story.latest) story.latest = member.time;
}

/** How well a member stands for the story on a card: central, an article, a statement. */
export function representativeness(story: StoryState, member: ItemRecord): number {
  const { dot, norm } = fullAgainst(story, member.vector.full);
  const central = norm === 0 ? 0 : dot / norm;
  return central - (member.vector.video ? 0.3 : 0) - (member.vector.question ? 0.15 : 0);
}

/** Re-weighs the lead after a member joined: the newcomer against the present leads only. */
export function updateLeads(story: StoryState, member: ItemRecord): void {
  if (representativeness(story, member) > representativeness(story, story.lead)) story.lead = member;
  story.leads ??= new Map([[story.founder.language, story.founder]]);
  const current = story.leads.get(member.language);
  if (current === undefined || representativeness(story, member) > representativeness(story, current))
    story.leads.set(member.language, member);
}
