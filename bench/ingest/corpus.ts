import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SetName } from './protocol.js';

/** One corpus file as fetched bytes. */
export interface CorpusFile {
  readonly name: string;
  readonly bytes: Buffer;
}

/**
 * MANIFEST.tsv rows that rss-parser 3.13 read without error: only the real-world feeds, or all
 * of them (the parser test suites too).
 */
export function selectFiles(feedsDir: string, set: SetName): CorpusFile[] {
  const [header = '', ...rows] = readFileSync(path.join(feedsDir, 'MANIFEST.tsv'), 'utf8')
    .trimEnd()
    .split('\n');
  const columns = header.split('\t');
  const at = (name: string): number => columns.indexOf(name);
  const files: CorpusFile[] = [];
  for (const row of rows) {
    const cells = row.split('\t');
    if (cells[at('rss_parser_3.13_utf8')] !== 'ok') continue;
    if (set === 'real-world' && !(cells[at('real_world')] ?? '').startsWith('yes')) continue;
    const name = cells[at('file')] ?? '';
    files.push({ name, bytes: readFileSync(path.join(feedsDir, name)) });
  }
  return files;
}
