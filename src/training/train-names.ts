/**
 * `npm run train:names`: counts how the English news text of the shared corpus writes each word
 * and writes `config/name-words.txt`. Deterministic: the same corpus gives the same file.
 */

import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodeNameWords, NAME_WORDS_FILE } from '../text/name-words.js';
import { corpusNameWords } from './name-words.js';

const repo = path.resolve(import.meta.dirname, '../..');
const corpus = path.resolve(repo, '../shared/corpus');
const output = path.join(repo, 'config', NAME_WORDS_FILE);

if (!existsSync(corpus)) {
  console.error(`No corpus at ${corpus}: the name words are counted from its English text.`);
  process.exit(1);
}
const { names, counted, texts } = await corpusNameWords(corpus);
writeFileSync(output, encodeNameWords(names));
for (const [source, n] of Object.entries(texts)) console.log(`${source}: ${n} texts`);
console.log(
  `${counted} words counted inside sentences; ${names.length} names → ${path.relative(repo, output)}`,
);
