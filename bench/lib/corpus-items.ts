import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readFeedBytes } from '../../src/ingest/read-feed.js';
import { CORPUS_DIR } from './corpus.js';

/** A headline and its text, as a feed of the corpus gave them. */
export interface CorpusItem {
  readonly title: string;
  readonly text: string;
}

/**
 * Items of the corpus's well-formed real-world feeds, read by Gazette's own feed reader: every
 * one with a title and at least 150 characters of text, cut to 4,000.
 */
export async function corpusItems(): Promise<CorpusItem[]> {
  const manifest = readFileSync(path.join(CORPUS_DIR, 'feeds', 'MANIFEST.tsv'), 'utf8')
    .split('\n')
    .slice(1);
  const items: CorpusItem[] = [];
  for (const line of manifest) {
    const [file, , , , , , malformed, , , , realWorld] = line.split('\t');
    if (file === undefined || malformed !== 'no' || !realWorld?.startsWith('yes')) continue;
    const read = await readFeedBytes(
      readFileSync(path.join(CORPUS_DIR, 'feeds', file)),
      null,
      'https://corpus.example/',
      Date.now(),
    );
    if (!read.ok) continue;
    for (const item of read.value.items)
      if (item.title !== null && item.text.length >= 150)
        items.push({ title: item.title, text: item.text.slice(0, 4000) });
  }
  return items;
}
