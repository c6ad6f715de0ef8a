/**
 * The order of a digest's stories: how widely each was told (distinct outlets), then by how many
 * items, with older news fading and roundups, opinion and video-only stories below news.
 */

import { STORY_OPINION, STORY_ROUNDUP, STORY_VIDEO, type Story } from '../core/types.js';
import { countOutlets } from './outlets.js';

/** News loses half its weight in this long: a story told by eight outlets yesterday still leads a quiet morning. */
const HALF_LIFE_MS = 48 * 3_600_000;
/** What a roundup, an opinion piece or a story told only on video weighs against news of one event. */
const LESSER_KIND = 0.5;

/** The story's weight at `now`, as a logarithm (old news must not underflow to a tie); higher ranks first. */
export function importance(story: Story, now: number): number {
  const latest = Math.max(story.publishedAt, ...story.sources.map((s) => s.publishedAt));
  const age = Math.max(0, now - latest);
  const kind = (story.flags & (STORY_ROUNDUP | STORY_OPINION | STORY_VIDEO)) !== 0 ? LESSER_KIND : 1;
  // Members count within a whole outlet: a second item never outranks a second outlet.
  const breadth = countOutlets(story.sources) + 0.1 * Math.log2(Math.max(1, story.sources.length));
  return Math.log(breadth * kind) - (age / HALF_LIFE_MS) * Math.LN2;
}

/** The stories in digest order; a total order, so the same input gives the same digest. */
export function rankStories(stories: readonly Story[], now: number): Story[] {
  const scored = stories.map((story) => ({ story, weight: importance(story, now) }));
  scored.sort(
    (a, b) => b.weight - a.weight || b.story.publishedAt - a.story.publishedAt || b.story.id - a.story.id,
  );
  return scored.map((s) => s.story);
}
