/**
 * `npm run bench -- topics-speed`: the topic model's cost. Load time of the committed model, the
 * heap it holds, items tagged per second on one core (headline and description of the cluster
 * days, or invented items without the corpus), and bad input: each answered in bounded time.
 */

import { readdirSync } from 'node:fs';
import path from 'node:path';
import { configuredTopics } from './lib/taxonomy.js';
import { loadTopicModel } from '../src/condense/topic-model.js';
import { topicSpans } from '../src/condense/topic-features.js';
import { createTopicTagger, type TagInput } from '../src/condense/topics.js';
import { readWordVectors } from '../src/text/word-vectors.js';
import { CORPUS_DIR, hasCorpus, readJsonLines, readSummaryRows } from './lib/corpus.js';
import { collectGarbage } from './lib/gc.js';
import { median, timedPasses } from './lib/timing.js';

const repo = path.resolve(import.meta.dirname, '..');
const modelFile = path.join(repo, 'config', 'topic-model.json');

const loads: number[] = [];
const loadCpu: number[] = [];
const held: unknown[] = [];
collectGarbage();
// Heap plus array buffers: the weights live in typed arrays outside the heap.
const resident = (): number => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
const before = resident();
for (let i = 0; i < 5; i++) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const model = loadTopicModel(modelFile);
  loads.push(performance.now() - started);
  const used = process.cpuUsage(cpu);
  loadCpu.push((used.user + used.system) / 1000);
  if (!model.ok) throw new Error(model.error);
  held.push(model.value);
}
collectGarbage();
const perModel = (resident() - before) / held.length;
held.length = 0;
console.log(
  `model load: median ${median(loads).toFixed(0)} ms wall, ${median(loadCpu).toFixed(0)} ms CPU (goal ≤ 200 ms); resident ${(perModel / 2 ** 20).toFixed(1)} MiB (goal ≤ 50 MiB)`,
);

// A model that reads mean word vectors needs the vectors file too: read once per process.
const probe = loadTopicModel(modelFile);
if (probe.ok && probe.value.dimensions > 0) {
  const vectorLoads: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    held.push(readWordVectors());
    vectorLoads.push(performance.now() - started);
  }
  held.length = 0;
  console.log(
    `word vectors load: median ${median(vectorLoads).toFixed(0)} ms wall (model and vectors together: ${(median(loads) + median(vectorLoads)).toFixed(0)} ms, goal ≤ 200 ms)`,
  );
}

const tagger = createTopicTagger(configuredTopics());

const items: TagInput[] = hasCorpus()
  ? readdirSync(path.join(CORPUS_DIR, 'topics', 'cluster-dev-days')).flatMap((f) =>
      readJsonLines<{ title: string; text: string; url: string }>(
        path.join(CORPUS_DIR, 'topics', 'cluster-dev-days', f),
      ).map((r) => ({ title: r.title, text: r.text, url: r.url, categories: [], feedTopics: [] })),
    )
  : Array.from({ length: 500 }, (_, i) => ({
      title: `Shares in carmaker ${i} fall after profit warning`,
      text: 'The company said sales in China had slowed and costs were rising. Analysts cut their forecasts.',
      categories: [],
      feedTopics: [],
    }));
const tagAll = (): void => {
  for (const item of items) tagger.tag(item);
};
const passes = timedPasses(5, tagAll);
const cpu = median(passes.cpuMs);
console.log(
  `tagging: ${items.length} items in ${cpu.toFixed(0)} ms of CPU: ${Math.round((items.length / cpu) * 1000)} items/s (goal ≥ 2,000), language detected per item`,
);

// Full articles are read as runs of description-length spans (topicSpans): their cost against the
// same articles cut to the one span a description has, in the same run.
if (hasCorpus()) {
  const articles: TagInput[] = readSummaryRows('bbc-100.jsonl').map((r) => ({
    title: r.title ?? null,
    text: r.article,
    categories: [],
    feedTopics: [],
  }));
  const openings = articles.map((a) => ({ ...a, text: topicSpans(a.text)[0] ?? a.text }));
  const rate = (list: readonly TagInput[]): number => {
    const ms = median(
      timedPasses(5, () => {
        for (const a of list) tagger.tag(a);
      }).cpuMs,
    );
    return (list.length / ms) * 1000;
  };
  const whole = rate(articles);
  const opening = rate(openings);
  console.log(
    `full articles (BBC-100, ${articles.length}): ${Math.round(whole)} items/s read whole, ${Math.round(opening)} items/s cut to their opening (read whole costs ${(opening / whole).toFixed(1)}×)`,
  );
}

const megabyte = 'The minister said the budget would be balanced. '.repeat(22_000);
const hostile: Record<string, TagInput> = {
  'empty text': { title: '', text: '', categories: [], feedTopics: [] },
  '1 MB of text': { title: 'Budget', text: megabyte, categories: [], feedTopics: [] },
  'an unseen script (Ge’ez)': {
    title: 'ኢትዮጵያ ዜና',
    text: 'የኢትዮጵያ መንግስት ዛሬ አዲስ ዕቅድ አስታወቀ። '.repeat(50),
    categories: [],
    feedTopics: [],
  },
  'mixed languages': {
    title: 'Mga senior citizen natanggap na ang pensyon; Bundesregierung beschließt Haushalt',
    text: 'El gobierno anunció hoy. 政府は本日発表した。 The council met on Tuesday.',
    categories: [],
    feedTopics: [],
  },
};
for (const [name, input] of Object.entries(hostile)) {
  const times = timedPasses(3, () => tagger.tag(input)).wallMs;
  const tags = tagger.tag(input);
  console.log(
    `${name}: ${median(times).toFixed(1)} ms, topics [${tags.topics.join(', ')}], main ${tags.mainTopics}`,
  );
}
