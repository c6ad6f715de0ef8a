/**
 * How often the section an article's address names is the topic the topic corpus filed it under,
 * per outlet. The corpus's labels were read from the same addresses by its own mapping, so this
 * measures the section reader, not the model.
 */

import path from 'node:path';
import { configuredTopics } from './taxonomy.js';
import { createSectionReader } from '../../src/condense/topic-evidence.js';
import { readLabelledItems } from '../../src/training/corpus.js';
import { CORPUS_DIR } from './corpus.js';

/** One outlet's items, those whose address names their topic, those naming none, and the misses. */
export interface OutletAgreement {
  readonly outlet: string;
  readonly items: number;
  readonly same: number;
  readonly none: number;
  /** Each miss's shape (label, address with numbers blanked and no slug, what was read), counted. */
  readonly misses: ReadonlyMap<string, number>;
}

/** Agreement per outlet, largest outlet first. */
export function sectionAgreement(): OutletAgreement[] {
  const topics = configuredTopics();
  const reader = createSectionReader(topics);
  const outlets = new Map<
    string,
    { items: number; same: number; none: number; misses: Map<string, number> }
  >();
  for (const item of readLabelledItems(path.join(CORPUS_DIR, 'topics', 'topics-train.jsonl.gz'))) {
    const outlet = outlets.get(item.source) ?? {
      items: 0,
      same: 0,
      none: 0,
      misses: new Map<string, number>(),
    };
    outlets.set(item.source, outlet);
    outlet.items++;
    const read = [...reader.fromUrl(item.url)].map((i) => topics[i]?.id ?? '');
    if (read.includes(item.label)) {
      outlet.same++;
      continue;
    }
    if (read.length === 0) outlet.none++;
    const shape = `${item.label} ${item.url.replace(/\d+/gu, '#').replace(/\/[^/]*$/u, '/…')} → ${read.join(',') || 'nothing'}`;
    outlet.misses.set(shape, (outlet.misses.get(shape) ?? 0) + 1);
  }
  return [...outlets]
    .map(([outlet, o]) => ({ outlet, ...o }))
    .sort((a, b) => b.items - a.items || a.outlet.localeCompare(b.outlet));
}
