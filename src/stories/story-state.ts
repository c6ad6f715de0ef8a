/**
 * One story in the engine: its members in canonical order, and the sum of their vectors kept as
 * members join, so that weighing a member against the story costs the member's size, never the
 * story's. A story of one member reads everything from that member and allocates nothing more.
 */

import { QUESTION, VIDEO, type ItemVector } from './item-vector.js';

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
  latest: number;
  lead: ItemRecord;
  /** The most representative member in each language. */
  leads: Map<string, ItemRecord> | null;
  /** The stored story id this story is kept under, once it has one. */
  storeId: number | null;
  dead: boolean;
  /** Scratch of the engine's candidate search: the search that last scored it, and the score. */
  mark: number;
  score: number;
}

/** Dot product of two items' headline-and-lead vectors. */
export function fullDot(a: ItemVector, b: ItemVector): number {
  return runDot(a, 0, a.fullLength, b, 0, b.fullLength);
}

/** Dot product of two items' headline vectors. */
export function titleDot(a: ItemVector, b: ItemVector): number {
  return runDot(a, a.fullLength, a.titleLength, b, b.fullLength, b.titleLength);
}

function runDot(
  a: ItemVector,
  aFrom: number,
  aLength: number,
  b: ItemVector,
  bFrom: number,
  bLength: number,
): number {
  let dot = 0;
  const aEnd = aFrom + aLength;
  const bEnd = bFrom + bLength;
  for (let i = aFrom, j = bFrom; i < aEnd && j < bEnd;) {
    const x = a.ids[i] ?? 0;
    const y = b.ids[j] ?? 0;
    if (x === y) dot += (a.weights[i++] ?? 0) * (b.weights[j++] ?? 0);
    else if (x < y) i++;
    else j++;
  }
  return dot;
}

function contains(vector: ItemVector, term: number): boolean {
  let lo = 0;
  let hi = vector.fullLength - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const value = vector.ids[mid] ?? 0;
    if (value === term) return true;
    if (value < term) lo = mid + 1;
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
    latest: founder.time,
    lead: founder,
    leads: null,
    storeId,
    dead: false,
    mark: -1,
    score: 0,
  };
  founder.story = story;
  return story;
}

/** True when some member's vector holds the term. */
export function holdsTerm(story: StoryState, term: number): boolean {
  return story.full === null ? contains(story.founder.vector, term) : story.full.has(term);
}

/** Terms the story gains from a joining member, for the engine's postings. */
export function newTerms(story: StoryState, member: ItemRecord): number[] {
  const out: number[] = [];
  const { ids, fullLength } = member.vector;
  for (let i = 0; i < fullLength; i++) {
    const term = ids[i] ?? 0;
    if (!holdsTerm(story, term)) out.push(term);
  }
  return out;
}

function addInto(sum: Map<number, number>, vector: ItemVector, norm2: number): number {
  let next = norm2;
  for (let i = 0; i < vector.fullLength; i++) {
    const id = vector.ids[i] ?? 0;
    const weight = vector.weights[i] ?? 0;
    const before = sum.get(id) ?? 0;
    sum.set(id, before + weight);
    next += 2 * before * weight + weight * weight;
  }
  return next;
}

/** Adds a member (the latest in canonical order); costs the member's size. */
export function joinStory(story: StoryState, member: ItemRecord): void {
  if (story.full === null) {
    story.full = new Map();
    story.fullNorm2 = addInto(story.full, story.founder.vector, 0);
  }
  story.members.push(member);
  member.story = story;
  story.fullNorm2 = addInto(story.full, member.vector, story.fullNorm2);
  if (member.time > story.latest) story.latest = member.time;
}

/** How well a member stands for the story on a card: central, an article, a statement. */
export function representativeness(story: StoryState, member: ItemRecord): number {
  let central: number;
  if (story.full === null) central = 1;
  else {
    let dot = 0;
    const { ids, weights, fullLength } = member.vector;
    for (let i = 0; i < fullLength; i++) dot += (weights[i] ?? 0) * (story.full.get(ids[i] ?? 0) ?? 0);
    central = story.fullNorm2 === 0 ? 0 : dot / Math.sqrt(story.fullNorm2);
  }
  const flags = member.vector.flags;
  return central - ((flags & VIDEO) !== 0 ? 0.3 : 0) - ((flags & QUESTION) !== 0 ? 0.15 : 0);
}

/** Re-weighs the leads after a member joined: the newcomer against the present leads only. */
export function updateLeads(story: StoryState, member: ItemRecord): void {
  const score = representativeness(story, member);
  if (score > representativeness(story, story.lead)) story.lead = member;
  story.leads ??= new Map([[story.founder.language, story.founder]]);
  const current = story.leads.get(member.language);
  if (current === undefined || score > representativeness(story, current))
    story.leads.set(member.language, member);
}
