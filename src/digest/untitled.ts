import { clipAtWord } from '../core/clip.js';

/** Characters of a summary that stand in for a missing headline. */
const HEADLINE_CHARS = 120;

/**
 * A card's headline and summary for an item that may have no title (a microblog post, an old RSS
 * 0.9x item): its summary, ended with "…" where it is cut, heads the card, and a summary that fits
 * there whole is not shown a second time beneath it. With neither, its address heads the card,
 * so that the card is not blank.
 */
export function headlineAndSummary(
  title: string | null,
  summary: string,
  url: string | null = null,
): { headline: string; summary: string } {
  if (title !== null && title.trim() !== '') return { headline: title, summary };
  if (summary.trim() === '') return { headline: addressLine(url), summary: '' };
  const headline = clipAtWord(summary, HEADLINE_CHARS);
  return { headline, summary: headline === summary ? '' : summary };
}

/** An address as a headline: host and path, without the scheme, "www." or query. */
function addressLine(url: string | null): string {
  if (url === null) return '';
  try {
    const { hostname, pathname } = new URL(url);
    return clipAtWord(
      `${hostname.replace(/^www\./u, '')}${pathname === '/' ? '' : pathname}`,
      HEADLINE_CHARS,
    );
  } catch {
    return '';
  }
}
