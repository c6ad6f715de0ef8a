const TRAILING = new Set([' ', '\t', '\n', '\r', ',', ';', ':', '–', '—', '-']);

/**
 * Shortens `text` to at most `max` characters, ending with "…" at a word boundary when one falls
 * in the last 40% of the room (a very long word is cut inside), never splitting a surrogate pair.
 */
export function clipAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  const space = cut.search(/\s\S*$/);
  if (space > max * 0.6) cut = cut.slice(0, space);
  else if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  // A clause cut after its comma or dash reads better without it; trimmed by hand, since a
  // pattern anchored at the end would rescan a long run of such characters from every start.
  let end = cut.length;
  while (end > 0 && TRAILING.has(cut[end - 1] ?? '')) end--;
  return `${cut.slice(0, end)}…`;
}
