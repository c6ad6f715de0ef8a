import type { Digest, DigestEntry, Story, Subscription, Topic } from '../core/types.js';
import { formatterFor } from '../core/time-zone-formats.js';
import { mutedBy } from './mute-filter.js';

/** What composing a digest needs; all of it comes from the store and configuration. */
export interface ComposeInput {
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
}

/** More outlets first, then newer, then by id: a total order, so the same input gives the same digest. */
function byImportance(a: Story, b: Story): number {
  return b.sources.length - a.sources.length || b.publishedAt - a.publishedAt || b.id - a.id;
}

function titleFor(slot: number, timeZone: string): string {
  const hour = Number(formatterFor(timeZone, { hour: '2-digit', hourCycle: 'h23' }).format(slot));
  if (hour < 12) return 'Morning digest';
  if (hour < 18) return 'Afternoon digest';
  return 'Evening digest';
}

function entryOf(story: Story, topicsById: ReadonlyMap<string, Topic>): DigestEntry {
  const seen = new Set<string>();
  const sources: { name: string; url: string | null }[] = [];
  for (const source of story.sources) {
    // One link per outlet: a feed that carried the story twice still counts once.
    if (seen.has(source.feedTitle)) continue;
    seen.add(source.feedTitle);
    sources.push({ name: source.feedTitle, url: source.url });
  }
  const known = (ids: readonly string[]): Topic[] => ids.flatMap((id) => topicsById.get(id) ?? []);
  return {
    storyId: story.id,
    headline: story.headline,
    url: story.url,
    summary: story.summary,
    topics: known(story.topics),
    mainTopics: known(story.topics.slice(0, story.mainTopics)),
    sources,
    publishedAt: story.publishedAt,
  };
}

/**
 * Composes a digest: the candidates minus muted ones (and outside `onlyTopic`), ranked, capped.
 * Pure: the same input always gives the same digest.
 */
export function composeDigest(input: ComposeInput): Digest {
  const topicsById = new Map(input.topics.map((t) => [t.id, t]));
  const applied = new Set<string>();
  const kept = input.candidates.filter((story) => {
    if (input.onlyTopic !== null && !story.topics.includes(input.onlyTopic)) return false;
    const term = mutedBy(story, input.mutes);
    if (term !== null) applied.add(term);
    return term === null;
  });
  const ranked = [...kept].sort(byImportance);
  const chosen = ranked.slice(0, input.maxStories);
  return {
    subscriptionId: input.subscription.id,
    slot: input.slot,
    timeZone: input.subscription.timezone,
    title: titleFor(input.slot, input.subscription.timezone),
    entries: chosen.map((story) => entryOf(story, topicsById)),
    feedCount: input.feedCount,
    mutedApplied: [...applied].map((term) => topicsById.get(term)?.label ?? term).sort(),
    omitted: ranked.length - chosen.length,
  };
}
