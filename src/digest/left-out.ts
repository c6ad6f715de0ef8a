import type { LeftOut } from '../core/types.js';

/** Mute reasons named one by one; the rest are counted together, so the line stays short. */
const NAMED_MUTES = 3;
const MAX_LABEL = 40;

const stories = (count: number): string => (count === 1 ? 'story' : 'stories');
const clipLabel = (label: string): string =>
  label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;

/**
 * One line saying what a digest left out and why, e.g. "4 Sport stories muted · 2 not matching
 * your filters"; null when nothing was. At most a few hundred characters whatever was muted.
 */
export function describeLeftOut(leftOut: LeftOut | undefined): string | null {
  if (leftOut === undefined) return null;
  const parts = leftOut.muted
    .slice(0, NAMED_MUTES)
    .map(({ label, count }) => `${count} ${clipLabel(label)} ${stories(count)} muted`);
  const others = leftOut.muted.slice(NAMED_MUTES).reduce((sum, m) => sum + m.count, 0);
  if (others > 0) parts.push(`${others} more ${stories(others)} muted`);
  if (leftOut.unmatched > 0) parts.push(`${leftOut.unmatched} not matching your filters`);
  return parts.length === 0 ? null : parts.join(' · ');
}
