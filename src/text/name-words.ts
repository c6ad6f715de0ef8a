/**
 * English words that are names wherever they stand (`config/name-words.txt`, counted from news text
 * by `npm run train:names`): a word that news prose capitalises in mid-sentence nearly every time it
 * uses it ("Georgia", "Senate", "Ossoff") against one it writes in lower case ("chaos", "primary").
 *
 * Where a capital letter says nothing — the first word of a sentence, every word of a title-case
 * headline — this is what tells a name from a common word. Reading it from the text a word appears
 * in is not enough: a headline and a two-line lead rarely use a name twice.
 */

import { readFileSync } from 'node:fs';
import { shippedConfigFile } from '../config/config-file.js';

/** Name of the word list in the configuration folder. */
export const NAME_WORDS_FILE = 'name-words.txt';
/** First line of the file: a name and a format version. */
export const NAME_WORDS_HEADER = '# gazette name words 1';

/** Writes a word list: the header, then one lower-case word per line, sorted. */
export function encodeNameWords(words: Iterable<string>): string {
  const sorted = [...new Set(words)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `${NAME_WORDS_HEADER}\n${sorted.join('\n')}\n`;
}

/** Reads a word list; throws with the file's name when it is missing or not in this format. */
export function readNameWords(file = shippedConfigFile(NAME_WORDS_FILE)): ReadonlySet<string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`The name words ${file} cannot be read; run npm run train:names.`, { cause: error });
  }
  const lines = text.split('\n');
  if (lines[0] !== NAME_WORDS_HEADER)
    throw new Error(`The name words ${file} do not start with "${NAME_WORDS_HEADER}".`);
  return new Set(lines.slice(1).filter((line) => line.length > 0));
}

let shared: ReadonlySet<string> | undefined;

/** The shipped word list, read once. */
export function defaultNameWords(): ReadonlySet<string> {
  shared ??= readNameWords();
  return shared;
}
