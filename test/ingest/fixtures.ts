import { readFileSync } from 'node:fs';
import path from 'node:path';

const dir = path.resolve(import.meta.dirname, '../fixtures/feeds');

/** Bytes of a fixture under test/fixtures/feeds. */
export function fixtureBytes(name: string): Buffer {
  return readFileSync(path.join(dir, name));
}

/** Text (UTF-8) of a fixture under test/fixtures/feeds. */
export function fixtureText(name: string): string {
  return fixtureBytes(name).toString('utf8');
}

/** Where the shared corpus lives beside the repository, when it does. */
export const corpusDir = path.resolve(import.meta.dirname, '../../../shared/corpus');
