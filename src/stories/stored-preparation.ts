/**
 * An item's {@link PreparedItem} as the store keeps it: one JSON text a row, written when the item
 * is condensed, and the key it was prepared under, so the story step never reads one that another
 * build or model prepared differently.
 */

import type { MeaningReader } from './meaning.js';
import { hash30, prepareItem, type ItemText, type PreparedItem } from './prepared-item.js';

/** Changes whenever {@link prepareItem} reads a text differently: rows prepared before are read afresh. */
const PREPARATION_VERSION = 7;

/** What condensing stores of an item for the story step. */
export interface StoredPreparation {
  /** {@link preparationKey} of the reader it was prepared with. */
  readonly key: number;
  readonly data: string;
}

/** The key of items prepared by this build with `reader`: its version and the reader's fingerprint. */
export function preparationKey(reader: MeaningReader | null): number {
  return hash30(`${PREPARATION_VERSION} ${reader?.fingerprint ?? 0}`);
}

/** The item prepared with `reader`, in its stored form. */
export function storedPreparation(reader: MeaningReader | null, text: ItemText): StoredPreparation {
  const item = prepareItem(text, reader);
  const meaning =
    item.meaning === null
      ? null
      : Buffer.from(item.meaning.buffer, item.meaning.byteOffset, item.meaning.byteLength).toString('base64');
  return {
    key: preparationKey(reader),
    data: JSON.stringify([
      item.words,
      item.inTitle,
      item.inLead,
      item.names,
      item.nameTerms,
      item.url,
      item.flags,
      item.shape,
      item.copy,
      meaning,
    ]),
  };
}

const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');
const isIntegers = (value: unknown): value is number[] =>
  Array.isArray(value) && value.every((v) => Number.isSafeInteger(v));

/**
 * The prepared item a stored text holds, its meaning `dimensions` bytes; null when the text is not
 * one {@link storedPreparation} wrote.
 */
export function readPreparation(data: string, dimensions: number): PreparedItem | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 10) return null;
  const [words, inTitle, inLead, names, nameTerms, url, flags, shape, copy, meaning] = parsed as unknown[];
  if (!isStrings(words) || !isIntegers(inTitle) || !isIntegers(inLead) || !isStrings(names)) return null;
  if (!isIntegers(nameTerms) || inTitle.length !== words.length || inLead.length !== words.length)
    return null;
  if (nameTerms.length !== names.length || nameTerms.some((i) => i < -1 || i >= words.length)) return null;
  if (![url, flags, shape, copy].every((n) => Number.isSafeInteger(n))) return null;
  // Addresses and copies are 30-bit hashes (0 for none), as the engine's tables hold them.
  if (![url, copy].every((n) => (n as number) >= 0 && (n as number) < 2 ** 30)) return null;
  let bytes: Int8Array | null = null;
  if (typeof meaning === 'string') {
    const decoded = Buffer.from(meaning, 'base64');
    if (decoded.length !== dimensions) return null;
    bytes = new Int8Array(decoded.buffer, decoded.byteOffset, decoded.length);
  } else if (meaning !== null) return null;
  return {
    words,
    inTitle,
    inLead,
    names,
    nameTerms,
    url: url as number,
    flags: flags as number,
    shape: shape as number,
    copy: copy as number,
    meaning: bytes,
  };
}
