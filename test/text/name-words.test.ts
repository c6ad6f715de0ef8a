import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defaultNameWords,
  encodeNameWords,
  NAME_WORDS_HEADER,
  readNameWords,
} from '../../src/text/name-words.js';

describe('name words', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gazette-names-'));

  it('reads back what it wrote, sorted and without repeats', () => {
    const file = path.join(dir, 'names.txt');
    writeFileSync(file, encodeNameWords(['senate', 'georgia', 'senate', 'ossoff']));
    expect([...readNameWords(file)]).toEqual(['georgia', 'ossoff', 'senate']);
  });

  it('names the file when it is missing or in another format', () => {
    const missing = path.join(dir, 'none.txt');
    expect(() => readNameWords(missing)).toThrow(`${missing} cannot be read; run npm run train:names`);
    const other = path.join(dir, 'other.txt');
    writeFileSync(other, 'georgia\nsenate\n');
    expect(() => readNameWords(other)).toThrow(`do not start with "${NAME_WORDS_HEADER}"`);
  });

  it('ships a list that holds places and institutions but not common words', () => {
    const names = defaultNameWords();
    for (const word of ['georgia', 'senate', 'beirut']) expect(names.has(word)).toBe(true);
    for (const word of ['chaos', 'primary', 'results', 'the']) expect(names.has(word)).toBe(false);
  });
});
