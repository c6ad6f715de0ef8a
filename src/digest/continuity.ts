import type { BreakingLane, Story, StorySource } from '../core/types.js';
import { outletsOf } from './outlets.js';

/** The feeds whose telling a story holds now: what a chat is recorded as having seen. */
export function storyFeedIds(story: Story): number[] {
  return [...new Set(story.sources.map((s) => s.feedId))].sort((a, b) => a - b);
}

/** How a story grew since a chat saw it with `shownFeedIds`. */
export interface Growth {
  /** The tellings of the outlets that joined, one an outlet. */
  readonly sources: readonly StorySource[];
  readonly addedOutlets: number;
}

/**
 * The outlets that joined a story since the chat saw it, or null when none did. A second feed of
 * an outlet already shown (its section, its video channel: see outlets.ts) is no news. Only the
 * chat's own feeds (`activeFeedIds`, when not empty) count: another chat's outlet telling the
 * story too is not news to this one.
 */
export function growthOf(
  story: Story,
  shownFeedIds: readonly number[],
  activeFeedIds: ReadonlySet<number> = new Set(),
): Growth | null {
  const shown = new Set(shownFeedIds);
  const outletOf = outletsOf(story.sources);
  const shownOutlets = new Set(story.sources.filter((s) => shown.has(s.feedId)).map(outletOf));
  const joined = new Map<string, StorySource>();
  for (const source of story.sources) {
    const outlet = outletOf(source);
    if (shown.has(source.feedId) || shownOutlets.has(outlet) || joined.has(outlet)) continue;
    if (activeFeedIds.size > 0 && !activeFeedIds.has(source.feedId)) continue;
    joined.set(outlet, source);
  }
  return joined.size === 0 ? null : { sources: [...joined.values()], addedOutlets: joined.size };
}

/**
 * Whether a story reached `lane.outlets` outlets within `lane.windowMs`: some span of that length
 * holds the first telling of that many outlets.
 */
export function isBreaking(story: Story, lane: BreakingLane): boolean {
  const first = new Map<string, number>();
  const outletOf = outletsOf(story.sources);
  for (const source of story.sources) {
    const outlet = outletOf(source);
    const seen = first.get(outlet);
    if (seen === undefined || source.publishedAt < seen) first.set(outlet, source.publishedAt);
  }
  const times = [...first.values()].sort((a, b) => a - b);
  for (let i = 0; i + lane.outlets - 1 < times.length; i++) {
    const start = times[i] ?? 0;
    const end = times[i + lane.outlets - 1] ?? Infinity;
    if (end - start <= lane.windowMs) return true;
  }
  return false;
}
