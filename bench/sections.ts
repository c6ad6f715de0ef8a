/**
 * `npm run bench -- sections`: how often the section an article's address names (the evidence the
 * tagger adds to its text) is the topic the topic corpus filed it under: per outlet, the share read
 * the same, read as nothing and read as another topic, with the commonest misses.
 */

import { hasCorpus } from './lib/corpus.js';
import { sectionAgreement } from './lib/section-agreement.js';

if (!hasCorpus()) {
  console.log('sections: the shared corpus is not here; skipped');
} else {
  const pct = (part: number, whole: number): string => `${((100 * part) / Math.max(whole, 1)).toFixed(1)}%`;
  console.log('outlet                     items   same  nothing  another   commonest misses');
  let total = 0;
  let same = 0;
  for (const o of sectionAgreement()) {
    total += o.items;
    same += o.same;
    const misses = [...o.misses]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 2)
      .map(([shape, n]) => `${shape} (${n})`)
      .join('; ');
    console.log(
      `${o.outlet.padEnd(25)} ${String(o.items).padStart(6)} ${pct(o.same, o.items).padStart(6)} ${pct(o.none, o.items).padStart(8)} ` +
        `${pct(o.items - o.same - o.none, o.items).padStart(8)}   ${misses}`,
    );
  }
  console.log(`all ${total} items: the address names the corpus's topic for ${pct(same, total)}`);
}
