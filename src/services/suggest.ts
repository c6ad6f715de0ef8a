import type { CatalogEntry } from '../core/services.js';
import type { Topic } from '../core/types.js';

/** Edits (insert, delete, substitute, swap two neighbours) turning `a` into `b`, stopping past `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, (before[j - 2] ?? 0) + 1);
      current.push(best);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}

/** How far a typed reference may be from a known one: a typo per five letters, at least one. */
export const typoTolerance = (text: string): number => Math.max(1, Math.floor(text.length / 5));

/**
 * Catalog ids and topic ids close to what was typed, best first: a prefix (`bbc` → `bbc-world`),
 * the words of a name (`guardian` → `guardian-world`), or a typo away (`techology` → `technology`).
 */
export function suggestRefs(
  typed: string,
  catalog: readonly CatalogEntry[],
  topics: readonly Topic[],
  max = 3,
): string[] {
  const key = typed.trim().toLowerCase().replace(/\s+/g, '-');
  if (key.length < 2 || key.length > 64) return [];
  const known = [
    ...topics.map((t) => ({ id: t.id, words: [t.id, t.label.toLowerCase()] })),
    ...catalog.map((c) => ({ id: c.id, words: [c.id, ...c.name.toLowerCase().split(/[^\p{L}\p{N}]+/u)] })),
  ];
  const scored = known.flatMap(({ id, words }, order) => {
    if (id.startsWith(key)) return [{ id, score: 0, order }];
    if (words.some((w) => w.length >= 3 && (w === key || w.startsWith(key))))
      return [{ id, score: 1, order }];
    const distance = editDistance(key, id, typoTolerance(id));
    return distance <= typoTolerance(id) ? [{ id, score: 1 + distance, order }] : [];
  });
  scored.sort((a, b) => a.score - b.score || a.order - b.order);
  return [...new Set(scored.map((s) => s.id))].slice(0, max);
}

/** ` Did you mean bbc-world or bbc-politics?`, or nothing when there is no suggestion. */
export function didYouMean(suggestions: readonly string[]): string {
  if (suggestions.length === 0) return '';
  const list =
    suggestions.length === 1
      ? suggestions[0]
      : `${suggestions.slice(0, -1).join(', ')} or ${suggestions.at(-1) ?? ''}`;
  return ` Did you mean ${list}?`;
}
