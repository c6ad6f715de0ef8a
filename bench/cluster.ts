/**
 * Incremental clustering: the time to match and add one new item against a window already holding
 * 10,000 recent items, as the condense step files each new item. Items are built from sentences of
 * the summaries corpus (headline from one sentence, lead from two others, seeded choice) so their
 * vocabulary is real news vocabulary. Run: `npm run bench -- cluster`.
 */

import { splitSentences } from '../src/condense/sentences.js';
import { createStoryIndex } from '../src/condense/story-match.js';
import type { StoryFeatures } from '../src/condense/story-vectors.js';
import { hasCorpus, readSummaryRows } from './lib/corpus.js';
import { median } from './lib/timing.js';

const WINDOW = 10_000;
const NEW_ITEMS = 1_000;
const HOUR = 3_600_000;

if (!hasCorpus()) {
  console.log('cluster: no corpus, skipped');
  process.exit(0);
}
const sentences = [...readSummaryRows('cnndm-dev.jsonl'), ...readSummaryRows('bbc-100.jsonl')].flatMap(
  (row) => splitSentences(row.article, 'en').filter((s) => s.length > 40),
);
let seed = 42;
const random = (): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = (): string => sentences[Math.floor(random() * sentences.length)] ?? '';
const names = Array.from({ length: 3_000 }, (_, i) => `name ${i.toString(36)}`);

function item(i: number, storyId: number | null): StoryFeatures {
  return {
    itemId: i,
    storyId,
    feedId: i % 40,
    url: `https://outlet${i % 40}.example/news/${i}`,
    title: pick().split(' ').slice(0, 10).join(' '),
    lead: `${pick()} ${pick()}`,
    publishedAt: Math.floor(random() * 48 * HOUR),
    entities: [0, 1, 2].map(() => names[Math.floor(random() * names.length)] ?? ''),
  };
}

const index = createStoryIndex();
let started = process.hrtime.bigint();
for (let i = 0; i < WINDOW; i++) index.add(item(i, i));
const buildMs = Number(process.hrtime.bigint() - started) / 1e6;

const perItem: number[] = [];
for (let i = WINDOW; i < WINDOW + NEW_ITEMS; i++) {
  const candidate = item(i, null);
  started = process.hrtime.bigint();
  const story = index.match(candidate);
  index.add({ ...candidate, storyId: story ?? i });
  perItem.push(Number(process.hrtime.bigint() - started) / 1e6);
}
const sorted = [...perItem].sort((a, b) => a - b);
console.log(
  `cluster: window of ${WINDOW.toLocaleString('en')} items (from ${sentences.length.toLocaleString('en')} corpus sentences) built in ${buildMs.toFixed(0)} ms; ` +
    `per new item (match + add) median ${median(perItem).toFixed(2)} ms, p95 ${(sorted[Math.floor(sorted.length * 0.95)] ?? 0).toFixed(2)} ms, max ${(sorted.at(-1) ?? 0).toFixed(2)} ms over ${NEW_ITEMS.toLocaleString('en')} items`,
);
