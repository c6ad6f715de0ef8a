/** Readers of the labelled training data under the shared corpus (never copied into the repository). */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readFeedBytes, type FeedContent } from '../ingest/read-feed.js';

/** One weakly labelled item: headline, feed description and the label its URL section gave. */
export interface LabelledItem {
  readonly id: string;
  readonly source: string;
  readonly url: string;
  readonly title: string;
  readonly text: string;
  /** ISO 8601. */
  readonly published: string;
  readonly label: string;
  /** Where the label came from: the corpus's URL sections, or one of the weak labellers. */
  readonly origin: string;
}

/** Rows of a gzipped JSON-lines file of `{id, source, url, title, text, published, label}`. */
export function readLabelledItems(file: string, origin = 'url-section'): LabelledItem[] {
  const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
  return lines
    .filter((line) => line.trim() !== '')
    .map((line) => ({ ...(JSON.parse(line) as Omit<LabelledItem, 'origin'>), origin }));
}

/** A moment to read every corpus feed at, so dates and their checks are the same on every run. */
export const CORPUS_NOW = Date.UTC(2026, 0, 1);

/**
 * The feeds of real publishers under `feedsDir` (MANIFEST.tsv `real_world` yes; the curated lists
 * of addresses are not feeds), each read as Gazette reads a feed, in the manifest's order; a feed
 * that cannot be read is passed over.
 */
export async function* realFeeds(feedsDir: string): AsyncGenerator<{ file: string; feed: FeedContent }> {
  const manifest = readFileSync(path.join(feedsDir, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1);
  for (const row of manifest) {
    const [file, , , , , , , , , , realWorld] = row.split('\t');
    if (file === undefined || !realWorld?.startsWith('yes') || realWorld.includes('URL list')) continue;
    const read = await readFeedBytes(
      readFileSync(path.join(feedsDir, file)),
      null,
      'https://feeds.invalid/',
      CORPUS_NOW,
    );
    if (read.ok) yield { file, feed: read.value };
  }
}
