/** Readers of the labelled training data under the shared corpus (never copied into the repository). */

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

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
