/**
 * `npm run train:topics`: fits the topic model on the shared corpus and writes
 * `config/topic-model.json`. Deterministic: the same corpus gives the same file.
 */

import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { buildTopicModel, prepareItems } from './build-model.js';
import { readHandLabels, withHandLabels } from './hand-labels.js';
import { trainingChoice } from './options.js';
import { defaultWordVectors } from '../text/word-vectors.js';
import { feedCorpusItems, topicCorpusItems } from './weak-labels.js';
import type { MuteRates } from './mute-rates.js';

const repo = path.resolve(import.meta.dirname, '../..');
const corpus = path.resolve(repo, '../shared/corpus');
const output = path.join(repo, 'config', 'topic-model.json');

if (!existsSync(corpus)) {
  console.error(`No corpus at ${corpus}: the topic model is trained from its topics/ and feeds/ folders.`);
  process.exit(1);
}
const config = loadConfig({ configDir: path.join(repo, 'config'), env: {} });
if (!config.ok) {
  console.error(config.error);
  process.exit(1);
}
const topics = config.value.topics;
const labels = topics.map((t) => t.id);

const started = Date.now();
const sections = topicCorpusItems(corpus);
const feeds = await feedCorpusItems(path.join(corpus, 'feeds'), topics);
// Hand labels, where they name another class than the URL section, are the labels fitted on.
const handLabels = readHandLabels();
const items = withHandLabels(
  prepareItems([...sections, ...feeds], labels, defaultWordVectors()),
  handLabels,
  labels,
);
console.log(`${items.length} items (${feeds.length} from real feeds); fitting…`);
// --hold-out, --by-fold, --false-removal=R, --vectors=W and --folds=N try another rule or fit
// before it becomes the default (see `trainingChoice`).
const { rule, fit } = trainingChoice(process.argv.slice(2));
const built = buildTopicModel(items, labels, fit, rule, handLabels);
writeFileSync(output, `${JSON.stringify(built.data)}\n`);

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const rows = (rates: readonly MuteRates[]): string =>
  rates
    .map(
      (r) =>
        `  ${r.name.padEnd(11)} leaks ${pct(r.leaks).padStart(6)}  wrongly removed ${pct(r.wronglyRemoved).padStart(5)}`,
    )
    .join('\n');
console.log(
  `held-out outlets (thresholds chosen on these predictions): accuracy ${pct(built.heldOutAccuracy)}`,
);
console.log(rows(built.heldOutByTopic));
console.log('four classes:');
console.log(rows(built.heldOutFourClasses));
const handChosen = built.data.trainedOn.handChosen;
if (handChosen !== undefined) console.log(`chosen on hand labels: ${JSON.stringify(handChosen)}`);
console.log(
  `main thresholds: ${JSON.stringify(built.data.main)}, minTopic ${built.data.minTopic}, T ${built.data.temperature}`,
);
console.log(
  `wrote ${path.relative(repo, output)} (${built.data.features.length} features) in ${Math.round((Date.now() - started) / 1000)} s`,
);
