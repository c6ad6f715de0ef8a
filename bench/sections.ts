/**
 * `npm run bench -- sections`: how often the section an article's address names (the evidence the
 * tagger adds to its text) is the topic the topic corpus filed it under. The corpus's labels were
 * read from the same addresses by its own mapping, so this measures the reader, not the model: per
 * outlet, the share it reads the same, reads nothing, or reads another topic, with the commonest
 * misses.
 */

import path from 'node:path';
import { loadConfig } from '../src/config/load.js';
import { createSectionReader } from '../src/condense/topic-evidence.js';
import { readLabelledItems } from '../src/training/corpus.js';
import { CORPUS_DIR, hasCorpus } from './lib/corpus.js';

if (!hasCorpus()) {
  console.log('sections: the shared corpus is not here; skipped');
} else {
  const config = loadConfig({ configDir: path.resolve(import.meta.dirname, '../config'), env: {} });
  if (!config.ok) throw new Error(config.error);
  const topics = config.value.topics;
  const reader = createSectionReader(topics);
  const items = readLabelledItems(path.join(CORPUS_DIR, 'topics', 'topics-train.jsonl.gz'));
  const outlets = new Map<
    string,
    { items: number; same: number; none: number; misses: Map<string, number> }
  >();
  for (const item of items) {
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
    // The address with its numbers blanked, so one section's misses count together.
    const shape = `${item.label} ${item.url.replace(/\d+/gu, '#').replace(/\/[^/]*$/u, '/…')} → ${read.join(',') || 'nothing'}`;
    outlet.misses.set(shape, (outlet.misses.get(shape) ?? 0) + 1);
  }
  const pct = (part: number, whole: number): string => `${((100 * part) / Math.max(whole, 1)).toFixed(1)}%`;
  console.log('outlet                     items   same  nothing  another   commonest misses');
  let total = 0;
  let same = 0;
  for (const [name, o] of [...outlets].sort((a, b) => b[1].items - a[1].items)) {
    total += o.items;
    same += o.same;
    const misses = [...o.misses]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 2)
      .map(([shape, n]) => `${shape} (${n})`)
      .join('; ');
    console.log(
      `${name.padEnd(25)} ${String(o.items).padStart(6)} ${pct(o.same, o.items).padStart(6)} ${pct(o.none, o.items).padStart(8)} ` +
        `${pct(o.items - o.same - o.none, o.items).padStart(8)}   ${misses}`,
    );
  }
  console.log(`all ${total} items: the address names the corpus's topic for ${pct(same, total)}`);
}
