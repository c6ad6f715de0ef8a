/**
 * Hand labels of corpus items (`test/fixtures/topics/hand-labels.tsv`): the class read from an
 * item's headline and description, against which muting is judged where weak URL labels mislead.
 */

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One item's hand label. */
export interface HandLabel {
  /**
   * A taxonomy topic that stands for its class (`science` for science and technology, as in
   * `FOUR_CLASSES`), or `other` for an item no muted class should take (entertainment, lifestyle,
   * local crime…).
   */
  readonly label: string;
  /** False where the item sits between two classes. */
  readonly sure: boolean;
}

const LABEL_OF_CLASS: Readonly<Record<string, string>> = {
  world: 'world',
  sport: 'sport',
  business: 'business',
  scitech: 'science',
  health: 'health',
  other: 'other',
};

export const HAND_LABELS_FILE = path.resolve(
  import.meta.dirname,
  '../../test/fixtures/topics/hand-labels.tsv',
);

/** Hand labels by item id; empty when the file is missing. A class it does not know is refused. */
export function readHandLabels(file: string = HAND_LABELS_FILE): Map<string, HandLabel> {
  const labels = new Map<string, HandLabel>();
  if (!existsSync(file)) return labels;
  for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
    if (line.trim() === '') continue;
    const [id = '', name = '', sure = ''] = line.split('\t');
    const label = LABEL_OF_CLASS[name];
    if (label === undefined) throw new Error(`${file}: unknown class "${name}" for ${id}`);
    labels.set(id, { label, sure: sure === '1' });
  }
  return labels;
}
