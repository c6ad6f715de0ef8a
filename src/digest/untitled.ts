import { clipAtWord } from '../core/clip.js';

/** Characters of a summary that stand in for a missing headline. */
const HEADLINE_CHARS = 120;

/**
 * A card's headline and summary for an item that may have no title (a microblog post, an old RSS
 * 0.9x item): its summary, ended with "…" where it is cut, heads the card, and a summary that fits
 * there whole is not shown a second time beneath it.
 */
export function headlineAndSummary(
  title: string | null,
  summary: string,
): { headline: string; summary: string } {
  if (title !== null) return { headline: title, summary };
  const headline = clipAtWord(summary, HEADLINE_CHARS);
  return { headline, summary: headline === summary ? '' : summary };
}
