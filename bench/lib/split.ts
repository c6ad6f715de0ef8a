/**
 * The fixed split of every development set into a tuning half and a reporting half: rows are
 * ordered by the FNV-1a hash (32 bits) of their id's UTF-8 bytes, ties by id, and alternate between
 * the halves in that order, the first to tuning. The halves are as even as the set allows, a row's
 * half does not depend on the file's order, and a rule is kept only when it helps the half it was
 * not tuned on.
 */

/** Which half of a development set a row belongs to. */
export type Half = 'tune' | 'report';

/** Both halves, tuning first. */
export const HALVES: readonly Half[] = ['tune', 'report'];

/** FNV-1a hash of a string's UTF-8 bytes, as an unsigned 32-bit integer. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The half of each id of a development set. */
export function splitIds(ids: readonly string[]): Map<string, Half> {
  const ordered = [...ids]
    .map((id) => ({ id, hash: fnv1a(id) }))
    .sort((a, b) => a.hash - b.hash || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return new Map(ordered.map(({ id }, rank) => [id, rank % 2 === 0 ? 'tune' : 'report']));
}

/** The rows of one half of a development set, in their order. */
export function inHalf<T extends { readonly id: string }>(rows: readonly T[], half: Half): T[] {
  const halves = splitIds(rows.map((row) => row.id));
  return rows.filter((row) => halves.get(row.id) === half);
}
