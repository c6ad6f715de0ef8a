import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config/load.js';
import { heldOutLogits, labelIssues, outletFolds, prepareItems } from '../src/training/build-model.js';
import { fitTemperature, probabilitiesOf } from '../src/training/fit-topics.js';
import { trainingChoice } from '../src/training/options.js';
import { readLabelledItems } from '../src/training/corpus.js';
import { readHandLabels } from '../src/training/hand-labels.js';
import { defaultWordVectors } from '../src/text/word-vectors.js';
import { feedCorpusItems, splitMixedSection } from '../src/training/weak-labels.js';
import { CORPUS_DIR } from './lib/corpus.js';

const repo = path.resolve(import.meta.dirname, '..');
const config = loadConfig({ configDir: path.join(repo, 'config'), env: {} });
if (!config.ok) throw new Error(config.error);
const labels = config.value.topics.map((t) => t.id);
const hand = readHandLabels();
const sections = splitMixedSection(readLabelledItems(path.join(CORPUS_DIR, 'topics', 'topics-train.jsonl.gz')), 'Daily Mail', 'science', 'technology');
const feeds = await feedCorpusItems(path.join(CORPUS_DIR, 'feeds'), config.value.topics);
const prepared = prepareItems([...sections, ...feeds], labels, defaultWordVectors());
// Hand label replaces the weak one where it names a topic; science/technology kept as the weak one says when the hand says scitech.
const dropped = new Set<string>();
const items = prepared.flatMap((it) => {
  const h = hand.get(it.item.id);
  if (h === undefined) return [it];
  const weak = labels[it.label] ?? '';
  const cls: Record<string, string[]> = { science: ['science', 'technology'], world: ['world', 'politics'], other: ['culture'], sport: ['sport'], business: ['business'], health: ['health'] };
  const topicsOf = cls[h.label] ?? [];
  if (topicsOf.includes(weak)) return [it];
  if (topicsOf.length === 1 && h.label !== 'other') return [{ ...it, label: labels.indexOf(h.label) }];
  if (process.env.VARIANT === 'drop') { dropped.add(it.item.id); return [it]; }
  return [{ ...it, label: labels.indexOf(h.label === 'other' ? weak : h.label) }];
});
const { rule, fit } = trainingChoice(process.argv.slice(2));
const folds = outletFolds(items, rule.folds);
const logits = heldOutLogits(items, labels.length, folds, fit, (item) => !dropped.has(item.item.id));
console.log('dropped', dropped.size);
const issues = labelIssues(logits, items.map((i) => i.label), labels.length);
const keptIdx = items.flatMap((_, i) => (issues.has(i) ? [] : [i]));
const T = fitTemperature(keptIdx.map((i) => logits[i]!), keptIdx.map((i) => items[i]!.label));
const rows = items.map((it, i) => ({
  id: it.item.id, source: it.source, fold: folds.findIndex((f) => f.includes(it.source)), label: it.label,
  issue: issues.has(i), published: it.item.published, origin: it.item.origin,
  p: Array.from(probabilitiesOf(logits[i]!, T), (x) => Math.round(x * 1e5) / 1e5),
}));
writeFileSync(process.env.OUT ?? '/tmp/probs-relabel.json', JSON.stringify({ labels, T, rows }));
console.log(items.length, T);
