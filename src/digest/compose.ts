import type {
  Digest,
  DigestEntry,
  LeftOut,
  Story,
  StorySource,
  SubscribedFeed,
  Subscription,
  Topic,
  TopicPing,
} from '../core/types.js';
import { type Growth, growthOf } from './continuity.js';
import { formatterFor } from '../core/time-zone-formats.js';
import { mutedBy } from './mute-filter.js';
import { type CompiledFilter, passesFilters } from './story-filter.js';
import { summaryFor } from './card-summary.js';
import { outletsOf, siteOf } from './outlets.js';
import { rankStories } from './rank.js';

/**
 * What composing a digest needs; all of it comes from the store and configuration. Without the
 * chat's feeds ({@link ChatFeeds}), every feed counts as the chat's own.
 */
export interface ComposeInput extends Partial<ChatFeeds> {
  readonly subscription: Subscription;
  readonly slot: number;
  /** Stories not yet shown to this subscription. */
  readonly candidates: readonly Story[];
  readonly mutes: readonly string[];
  readonly topics: readonly Topic[];
  readonly maxStories: number;
  /** Keep only stories whose topics include this id (`/digest technology`). */
  readonly onlyTopic: string | null;
  readonly feedCount: number;
  /** The chat's include filters, compiled. */
  readonly filters?: readonly CompiledFilter[];
  /** Stories the chat was shown before, with the feeds it saw: those that grew come as updates. */
  readonly shown?: readonly { readonly story: Story; readonly shownFeedIds: readonly number[] }[];
  /** A live or breaking post instead of a scheduled digest. */
  readonly kind?: Digest['kind'];
  /** Roles the chat mentions per topic; absent: none. */
  readonly pings?: readonly TopicPing[];
}

/** What a chat's feeds say about its cards: which it reads, which it paused, what it calls them. */
export interface ChatFeeds {
  /**
   * The chat's followed feeds that are not paused: cards are told through them, and per-feed
   * filters read which of them brought a story. Empty: every feed not paused counts.
   */
  readonly activeFeedIds: ReadonlySet<number>;
  /** Feeds the chat paused: not named among a story's sources. */
  readonly pausedFeedIds: ReadonlySet<number>;
  /** Names the chat gave its feeds, shown instead of theirs. */
  readonly feedNames: ReadonlyMap<number, string>;
}

/** {@link ChatFeeds} of a subscription's followed feeds. */
export function chatFeedsOf(feeds: readonly SubscribedFeed[]): ChatFeeds {
  return {
    activeFeedIds: new Set(feeds.filter((f) => f.pausedAt === null).map((f) => f.feed.id)),
    pausedFeedIds: new Set(feeds.filter((f) => f.pausedAt !== null).map((f) => f.feed.id)),
    feedNames: new Map(feeds.flatMap((f) => (f.name === null ? [] : [[f.feed.id, f.name] as const]))),
  };
}

/**
 * The tellings a chat reads: those of the feeds it follows and has not paused. A story is shared
 * by every chat whose feeds told it, and a chat that left an outlet must not read that outlet's
 * headline; all of them only when none is the chat's own.
 */
function chatTellings(tellings: readonly StorySource[], naming: ChatFeeds): readonly StorySource[] {
  const own = tellings.filter(
    (s) =>
      !naming.pausedFeedIds.has(s.feedId) &&
      (naming.activeFeedIds.size === 0 || naming.activeFeedIds.has(s.feedId)),
  );
  return own.length > 0 ? own : tellings;
}

/**
 * The language most of the candidates' leads are written in: a chat that follows English outlets
 * reads a story's English telling first, whoever told it first.
 */
function chatLanguage(candidates: readonly Story[]): string | null {
  const counts = new Map<string, number>();
  for (const story of candidates) {
    const lead = story.sources.find((s) => s.itemId === story.leadItemId);
    if (lead?.language != null) counts.set(lead.language, (counts.get(lead.language) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [language, count] of [...counts].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (best === null || count > (counts.get(best) ?? 0)) best = language;
  }
  return best;
}

interface Shown {
  readonly headline: string;
  readonly url: string | null;
  readonly summary: string;
  readonly itemId: number;
}

/**
 * What the card shows, from the chat's own tellings: the story's lead, or its best telling in the
 * chat's language; under its headline, the summary in its language that says most of what the
 * headline says (see `summaryFor`), and when none of them has one to offer, the summary of the
 * earliest other telling in its language that has one.
 */
function shownAs(story: Story, language: string | null, tellings: readonly StorySource[]): Shown {
  const shown = leadTelling(story, language, tellings);
  const own = tellings.find((s) => s.itemId === shown.itemId);
  // An untitled telling's headline is its own summary's opening: nothing else goes under it, and
  // a summary it held whole is not shown again from a copy.
  const untitled = own !== undefined && own.title == null;
  if (untitled && (own.summary ?? '').trim() !== '') return shown;
  const chosen = untitled ? shown : { ...shown, summary: summaryFor(shown, tellings) };
  if (chosen.summary.trim() !== '') return chosen;
  const other = tellings.find(
    (s) =>
      s.itemId !== shown.itemId &&
      s.summary !== null &&
      s.summary.trim() !== '' &&
      (own?.language == null || s.language === own.language),
  );
  return other?.summary == null ? shown : { ...shown, summary: other.summary };
}

function showing(telling: StorySource | undefined, needsSummary: boolean): Shown | null {
  if (telling?.title == null || (needsSummary && telling.summary === null)) return null;
  const { title: headline, url, summary, itemId } = telling;
  return { headline, url, summary: summary ?? '', itemId };
}

/**
 * The engine's lead when the chat reads its outlet, else the chat's telling in the chosen
 * language, else its first telling in that language, else its first telling with a headline.
 */
function leadTelling(story: Story, language: string | null, tellings: readonly StorySource[]): Shown {
  const own = { headline: story.headline, url: story.url, summary: story.summary, itemId: story.leadItemId };
  const lead = tellings.find((s) => s.itemId === story.leadItemId);
  if (lead !== undefined && (language === null || lead.language === language)) return own;
  const chosen = language === null ? undefined : story.leads[language];
  const inLanguage = tellings.filter((s) => language === null || s.language === language);
  for (const telling of [tellings.find((s) => s.itemId === chosen), ...inLanguage]) {
    const shown = showing(telling, true);
    if (shown !== null) return shown;
  }
  if (lead !== undefined) return own;
  for (const telling of tellings) {
    const shown = showing(telling, false);
    if (shown !== null) return shown;
  }
  return own;
}

/** The shown telling's picture, else the first other telling's: an outlet's photo of the same event. */
function pictureOf(tellings: readonly StorySource[], itemId: number): string | null {
  const own = tellings.find((s) => s.itemId === itemId)?.imageUrl ?? null;
  return own ?? tellings.find((s) => s.imageUrl !== null)?.imageUrl ?? null;
}

function titleFor(slot: number, timeZone: string): string {
  const hour = Number(formatterFor(timeZone, { hour: '2-digit', hourCycle: 'h23' }).format(slot));
  if (hour < 12) return 'Morning digest';
  if (hour < 18) return 'Afternoon digest';
  return 'Evening digest';
}

function linksOf(
  tellings: readonly StorySource[],
  naming: ChatFeeds,
  shownItemId: number,
): { name: string; url: string | null }[] {
  const seen = new Set<string>();
  const sources: { name: string; url: string | null }[] = [];
  const listed = chatTellings(tellings, naming);
  const nameOf = (source: StorySource): string => naming.feedNames.get(source.feedId) ?? source.feedTitle;
  const outletsByTitle = outletsOf(listed);
  // A feed the chat named is the outlet the chat named: two outlets' feeds with one generic title
  // ("Top Stories"), named "AP" and "Reuters", are two.
  const outletOf = (source: StorySource): string => {
    const named = naming.feedNames.get(source.feedId);
    return named === undefined ? `feed ${outletsByTitle(source)}` : `named ${named}`;
  };
  // One link per outlet, where its first telling is listed: a feed that carried the story twice,
  // or a newsroom's video channel beside its site ("CNN", "CNN (YouTube)"), counts once. The
  // card's own article stands for its outlet, since another of its tellings would open a
  // different page under this headline; else the telling under the outlet's plainest name.
  const shown = listed.find((s) => s.itemId === shownItemId);
  const standsFor = new Map<string, StorySource>();
  for (const source of listed) {
    const outlet = outletOf(source);
    const chosen = standsFor.get(outlet);
    const plainer = chosen !== shown && nameOf(source).length < nameOf(chosen ?? source).length;
    if (chosen === undefined || source === shown || plainer) standsFor.set(outlet, source);
  }
  const chosen: StorySource[] = [];
  for (const source of listed) {
    const stands = standsFor.get(outletOf(source));
    if (stands === undefined) continue;
    standsFor.delete(outletOf(source));
    chosen.push(stands);
  }
  // Two outlets under one name ("Top Stories" of two newsrooms) are told apart by their sites.
  const named = new Map<string, number>();
  for (const source of chosen) named.set(nameOf(source), (named.get(nameOf(source)) ?? 0) + 1);
  for (const source of chosen) {
    const site = siteOf(source.url);
    const shared = (named.get(nameOf(source)) ?? 0) > 1;
    const name = shared && site !== null ? `${nameOf(source)} (${site})` : nameOf(source);
    if (seen.has(name)) continue;
    seen.add(name);
    sources.push({ name, url: source.url });
  }
  return sources;
}

function entryOf(
  story: Story,
  topicsById: ReadonlyMap<string, Topic>,
  shown: Shown,
  naming: ChatFeeds,
  growth: Growth | undefined,
  images: boolean,
): DigestEntry {
  const tellings = chatTellings(story.sources, naming);
  // A story the chat saw before shows only the outlets that joined since, and says how many.
  const sources = linksOf(growth?.sources ?? story.sources, naming, shown.itemId);
  const known = (ids: readonly string[]): Topic[] => ids.flatMap((id) => topicsById.get(id) ?? []);
  return {
    storyId: story.id,
    headline: shown.headline,
    url: shown.url,
    summary: shown.summary,
    topics: known(story.topics),
    mainTopics: known(story.topics.slice(0, story.mainTopics)),
    sources,
    publishedAt: story.publishedAt,
    ...(growth === undefined ? {} : { addedOutlets: growth.addedOutlets }),
    imageUrl: images ? pictureOf(tellings, shown.itemId) : null,
  };
}

/** Stories a chat's own choices kept back: by muted term, and by its filters. */
interface Tally {
  readonly muted: Map<string, number>;
  unmatched: number;
}

const emptyTally = (): Tally => ({ muted: new Map(), unmatched: 0 });

function leftOutOf(tally: Tally, labelOf: (term: string) => string): LeftOut | null {
  if (tally.muted.size === 0 && tally.unmatched === 0) return null;
  const muted = [...tally.muted]
    .map(([term, count]) => ({ label: labelOf(term), count }))
    .sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1));
  return { muted, unmatched: tally.unmatched };
}

/**
 * Composes a digest: the candidates minus muted ones (and outside `onlyTopic`), ranked by how
 * widely each was told, capped; each card in the chat's language when a source tells it so.
 * Pure: the same input always gives the same digest.
 */
export function composeDigest(input: ComposeInput): Digest {
  const topicsById = new Map(input.topics.map((t) => [t.id, t]));
  // Left out since the last digest (the footer), and held back now in all (an empty answer).
  const tally = { fresh: emptyTally(), all: emptyTally() };
  const filters = input.filters ?? [];
  const naming: ChatFeeds = {
    feedNames: input.feedNames ?? new Map(),
    activeFeedIds: input.activeFeedIds ?? new Set(),
    pausedFeedIds: input.pausedFeedIds ?? new Set(),
  };
  const { activeFeedIds } = naming;
  const grown = new Map<number, { story: Story; growth: Growth }>();
  for (const { story, shownFeedIds } of input.shown ?? []) {
    const growth = growthOf(story, shownFeedIds, activeFeedIds);
    if (growth !== null) grown.set(story.id, { story, growth });
  }
  const fresh = input.candidates.filter((story) => !grown.has(story.id));
  // A story kept back stays a candidate: a footer counts it once, not in every digest after.
  const lastDigestAt = input.subscription.lastDigestAt ?? -Infinity;
  const language = chatLanguage(input.candidates);
  // What each story's card shows: read by the mutes and filters, then shown.
  const shownTellings = new Map<number, Shown>();
  const shownOf = (story: Story): Shown => {
    let shown = shownTellings.get(story.id);
    if (shown === undefined) {
      shown = shownAs(story, language, chatTellings(story.sources, naming));
      shownTellings.set(story.id, shown);
    }
    return shown;
  };
  const kept = [...fresh, ...[...grown.values()].map((g) => g.story)].filter((story) => {
    if (input.onlyTopic !== null && !story.topics.includes(input.onlyTopic)) return false;
    const tallies = story.updatedAt > lastDigestAt ? [tally.fresh, tally.all] : [tally.all];
    // Mutes and filters read what this chat's card shows: its own telling, not another chat's lead.
    const shown = shownOf(story);
    const seen = { ...story, headline: shown.headline, summary: shown.summary };
    const term = mutedBy(seen, input.mutes, topicsById);
    if (term !== null) {
      for (const t of tallies) t.muted.set(term, (t.muted.get(term) ?? 0) + 1);
      return false;
    }
    if (!passesFilters(seen, filters, activeFeedIds)) {
      for (const t of tallies) t.unmatched += 1;
      return false;
    }
    return true;
  });
  const labelOf = (term: string): string => topicsById.get(term)?.label ?? term;
  const leftOut = leftOutOf(tally.fresh, labelOf);
  const heldBack = leftOutOf(tally.all, labelOf);
  const ranked = rankStories(kept, input.slot);
  const chosen = ranked.slice(0, input.maxStories);
  const entries = chosen.map((story) =>
    entryOf(
      story,
      topicsById,
      shownOf(story),
      naming,
      grown.get(story.id)?.growth,
      input.subscription.images,
    ),
  );
  const shownTopics = new Set(entries.flatMap((entry) => entry.mainTopics.map((topic) => topic.id)));
  return {
    subscriptionId: input.subscription.id,
    slot: input.slot,
    timeZone: input.subscription.timezone,
    title: titleFor(input.slot, input.subscription.timezone),
    entries,
    feedCount: input.feedCount,
    mutedApplied: [...tally.fresh.muted.keys()].map(labelOf).sort(),
    omitted: ranked.length - chosen.length,
    ...(leftOut === null ? {} : { leftOut }),
    ...(heldBack === null ? {} : { heldBack }),
    ...(input.kind === undefined ? {} : { kind: input.kind }),
    pings: (input.pings ?? []).filter((ping) => shownTopics.has(ping.topic)),
  };
}
