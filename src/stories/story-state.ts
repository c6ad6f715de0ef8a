/**
 * One story in the engine: its members in canonical order and what a card needs (its leads).
 * Nothing in it grows with its members but the member list: a join costs the member's size.
 */

import { appended } from './appended.js';
import { ItemVector, type VectorFields } from './item-vector.js';
import { HEADLINE_ONLY, QUESTION, VIDEO } from './prepared-item.js';

/**
 * The engine's record of an item: its place in canonical order, its story, and its vector, which
 * it is itself: one object an item, where a record pointing at a vector cost a second object's
 * header and the pointer.
 */
export class ItemRecord extends ItemVector {
  readonly id: number;
  readonly outlet: number;
  /**
   * When it is placed, in whole seconds ({@link secondsOf}). Canonical order: time, then the time
   * it was published, then a hash of the stable key, then id.
   */
  readonly time: number;
  /**
   * When it was published (no later than first seen), in whole seconds. A backlog read at once is
   * placed no earlier than the engine's lag allows, all at one moment; its items keep the order
   * they were told in, and the hours between them, by this.
   */
  readonly published: number;
  readonly tie: number;
  readonly language: string;
  /** A second hash of its address (0 for none), beside its vector's. */
  readonly addressCheck: number;
  story: StoryState | null = null;
  /** The stored story id the caller last recorded for this item. */
  stored: number | null;
  /** Offset of what it means in the engine's meaning pool (meaning.ts); -1 when unknown. */
  meaning = -1;

  constructor(
    place: Pick<ItemRecord, 'id' | 'outlet' | 'time' | 'published' | 'tie' | 'language' | 'addressCheck'>,
    vector: VectorFields,
    stored: number | null,
  ) {
    super(vector);
    this.id = place.id;
    this.outlet = place.outlet;
    this.time = place.time;
    this.published = place.published;
    this.tie = place.tie;
    this.language = place.language;
    this.addressCheck = place.addressCheck;
    this.stored = stored;
  }

  /** The item's vector: the record itself. */
  get vector(): ItemVector {
    return this;
  }
}

/** Where item times count from: 2020-01-01 UTC. */
const TIME_EPOCH = Date.UTC(2020, 0, 1);
/** Seconds either side of the epoch a time may lie (1986–2054): every time a small integer. */
const TIME_RANGE = 2 ** 30 - 1;

/**
 * An engine time: whole seconds since 2020, so that every item's and story's time is a small
 * integer, which V8 keeps in the object itself; milliseconds since 1970 are not, and each would cost
 * a number object of its own (16 bytes an item and as much a story).
 */
export function secondsOf(ms: number): number {
  return Math.max(-TIME_RANGE, Math.min(TIME_RANGE, Math.round(exactSecondsOf(ms))));
}

/** An hour in engine time. */
export const HOUR_SECONDS = 3_600;

/**
 * `ms` in engine time without rounding: the items placed before `ms` are those whose time is below
 * it (to within the half second a time is rounded by).
 */
export function exactSecondsOf(ms: number): number {
  return (ms - TIME_EPOCH) / 1000;
}

/** A story's running state. */
export interface StoryState {
  readonly founder: ItemRecord;
  members: ItemRecord[];
  /**
   * Its members told apart by outlet and headline shape: one feed repeating one headline, as spam
   * does, counts once however often it repeats it.
   */
  tellings: number;
  /** The latest member's publication ({@link ItemRecord.published}): when the story was last told. */
  latest: number;
  lead: ItemRecord;
  /**
   * The most representative member in each language, once members are in more than one; until
   * then the lead leads in the founder's language, and a map for every story would cost more than
   * the story. Read through {@link leadsOf}.
   */
  leads: Map<string, ItemRecord> | null;
  /**
   * While it has at most {@link SMALL_STORY} members: the squared length of the sum of their
   * headline-and-lead vectors, the rest being read from the members themselves.
   */
  selfDot: number;
  /**
   * Once it has more than {@link SMALL_STORY} members: the sum of its members' headline-and-lead weights by term, its
   * squared length, and how many members hold each name word. A newcomer is weighed against the
   * whole story through them, so words the members share count most.
   */
  profile: StoryProfile | null;
  /** The stored story id this story is kept under, once it has one. */
  storeId: number | null;
  dead: boolean;
  /**
   * Scratch of the engine's candidate search: the search that last scored it and the score, and
   * the term that last counted it, so a story listed twice under one term counts once.
   */
  mark: number;
  score: number;
  stamp: number;
}

/**
 * What a story's members say together. Term sums are kept in units of 1/{@link PROFILE_SCALE}:
 * integers stay unboxed in a Map where fractions would cost a heap number each, and integer sums
 * are the same in any order of addition.
 */
export interface StoryProfile {
  readonly terms: Map<number, number>;
  norm2: number;
  readonly names: Map<number, number>;
  /** Its members' {@link tellingOf} keys. */
  readonly tellings: Set<number>;
}

/** A member's outlet and headline shape in one number. */
function tellingOf(member: ItemRecord): number {
  return (Math.imul(member.outlet, 0x9e3779b1) ^ member.vector.shape) >>> 0;
}

/**
 * Members up to which a story keeps no profile: most stories stay this small, and a Map of terms
 * for each would cost more than the window's vectors.
 */
export const SMALL_STORY = 4;

/** Units of a term weight in a profile's sums. */
export const PROFILE_SCALE = 65_536;

function addToProfile(profile: StoryProfile, member: ItemRecord): void {
  const { pool, offset, fullLength, titleLength, nameLength } = member.vector;
  for (let i = 0; i < fullLength; i++) {
    const term = pool.ids[offset + i] ?? 0;
    const weight = Math.round((pool.weights[offset + i] ?? 0) * PROFILE_SCALE);
    const was = profile.terms.get(term) ?? 0;
    profile.terms.set(term, was + weight);
    profile.norm2 += (was + weight) ** 2 - was * was;
  }
  const from = offset + fullLength + titleLength;
  for (let i = 0; i < nameLength; i++) {
    const name = pool.ids[from + i] ?? 0;
    profile.names.set(name, (profile.names.get(name) ?? 0) + 1);
  }
  profile.tellings.add(tellingOf(member));
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
  const { ids, weights } = a.pool;
  const other = b.pool;
  const aEnd = a.offset + aFrom + aLength;
  const bEnd = b.offset + bFrom + bLength;
  for (let i = a.offset + aFrom, j = b.offset + bFrom; i < aEnd && j < bEnd;) {
    const x = ids[i] ?? 0;
    const y = other.ids[j] ?? 0;
    if (x === y) dot += (weights[i++] ?? 0) * (other.weights[j++] ?? 0);
    else if (x < y) i++;
    else j++;
  }
  return dot;
}

/** A new story founded by one item. */
export function foundStory(founder: ItemRecord, storeId: number | null): StoryState {
  const story: StoryState = {
    founder,
    members: [founder],
    tellings: 1,
    latest: founder.published,
    lead: founder,
    leads: null,
    selfDot: fullDot(founder.vector, founder.vector),
    profile: null,
    storeId,
    dead: false,
    mark: -1,
    score: 0,
    stamp: -1,
  };
  founder.story = story;
  return story;
}

/** Adds a member (the latest in canonical order); costs the member's size. */
export function joinStory(story: StoryState, member: ItemRecord): void {
  const telling = tellingOf(member);
  const told =
    story.profile === null
      ? story.members.some((other) => tellingOf(other) === telling)
      : story.profile.tellings.has(telling);
  if (!told) story.tellings++;
  if (story.profile !== null) addToProfile(story.profile, member);
  else if (story.members.length < SMALL_STORY) {
    let cross = 0;
    for (const other of story.members) cross += fullDot(other.vector, member.vector);
    story.selfDot += 2 * cross + fullDot(member.vector, member.vector);
  } else {
    story.profile = { terms: new Map(), norm2: 0, names: new Map(), tellings: new Set() };
    for (const other of story.members) addToProfile(story.profile, other);
    addToProfile(story.profile, member);
  }
  story.members = appended(story.members, member);
  member.story = story;
  if (member.published > story.latest) story.latest = member.published;
}

/**
 * How well a member stands for the story on a card: close to the members it is weighed against,
 * an article rather than a video, and less strongly a statement rather than a question and a
 * telling with text rather than a bare headline. A bare headline weighs its few words fully and so
 * sits closest to every member, yet has nothing to summarise; an article page still leads before a
 * video, whose story would rank as told on video only.
 */
export function representativeness(member: ItemRecord, against: readonly ItemRecord[]): number {
  let sum = 0;
  let count = 0;
  for (const other of against) {
    if (other === member) continue;
    sum += fullDot(member.vector, other.vector);
    count++;
  }
  const flags = member.vector.flags;
  return (
    (count === 0 ? 1 : sum / count) -
    ((flags & VIDEO) !== 0 ? 0.3 : 0) -
    ((flags & HEADLINE_ONLY) !== 0 ? 0.15 : 0) -
    ((flags & QUESTION) !== 0 ? 0.15 : 0)
  );
}

/**
 * Re-weighs the leads after a member joined, against the given members (the story's founder and
 * latest few): the newcomer against the present leads only, so the cost never grows with the story.
 */
export function updateLeads(story: StoryState, member: ItemRecord, against: readonly ItemRecord[]): void {
  const score = representativeness(member, against);
  const lead = story.lead;
  if (score > representativeness(lead, against)) story.lead = member;
  if (story.leads === null) {
    // One language so far: its lead is weighed exactly as the story's lead.
    if (member.language === story.founder.language) return;
    story.leads = new Map([[story.founder.language, lead]]);
  }
  const current = story.leads.get(member.language);
  if (current === undefined || score > representativeness(current, against))
    story.leads.set(member.language, member);
}

/** The story's most representative member in each language its members are written in. */
export function leadsOf(story: StoryState): ReadonlyMap<string, ItemRecord> {
  return story.leads ?? new Map([[story.founder.language, story.lead]]);
}
