/**
 * `npx tsx bench/train/topic-rules.ts [--cache=FILE]`: ways of turning topic probabilities into
 * mutes, compared on outlets the model never saw. The committed procedure (word features and the
 * mean word vector, doubtful labels left out, one temperature) is fitted once per fold of outlets
 * (about seven minutes; `--cache` keeps the held-out probabilities for the next run). Each fold's
 * thresholds are then chosen by each rule on the other folds' held-out probabilities and labels
 * (the shipped rule as `train:topics` applies it, for 2% of other topics removed; `train:topics`
 * reads the first round of fits, with every label, where this reads the final round), and muting
 * is judged on the fold's items in the four classes of the outside check, by hand labels and by
 * URL sections. `--hand-weight=W` fits every hand-labelled item at W times a weak label's weight
 * (`HAND_LABEL_WEIGHT` unless given; give each weight its own `--cache` file).
 */

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { heldOutLogits, labelIssues, outletFolds, prepareItems } from '../../src/training/build-model.js';
import {
  chooseThresholds,
  fitTemperature,
  probabilitiesOf,
  FIT_OPTIONS,
} from '../../src/training/fit-topics.js';
import { HAND_LABEL_WEIGHT, readHandLabels, withHandLabels } from '../../src/training/hand-labels.js';
import { FOUR_CLASSES } from '../../src/training/mute-rates.js';
import { defaultWordVectors } from '../../src/text/word-vectors.js';
import { topicCorpusItems } from '../../src/training/weak-labels.js';
import { CORPUS_DIR, hasCorpus } from '../lib/corpus.js';
import { configuredTopics } from '../lib/taxonomy.js';

/** One item's held-out verdict. */
interface HeldOut {
  readonly id: string;
  readonly fold: number;
  /** Its training label's index (the hand label where it names another class). */
  readonly label: number;
  /** Left out of fitting as a doubtful label. */
  readonly doubtful: boolean;
  readonly p: readonly number[];
}

/** Chooses per-topic thresholds from the tuning folds' probabilities and labels. */
type ThresholdRule = (p: readonly (readonly number[])[], labels: readonly number[]) => number[];
/** Whether muting `muted` (label indexes) removes an item. */
type MuteRule = (p: readonly number[], muted: readonly number[], thresholds: readonly number[]) => boolean;

const FLOOR = 0.2;
// --hand-weight=W: hand-labelled items count W times in every fit.
const handWeight = Number(
  process.argv.find((a) => a.startsWith('--hand-weight='))?.slice(14) ?? HAND_LABEL_WEIGHT,
);
if (!(handWeight > 0 && Number.isFinite(handWeight)))
  throw new Error('--hand-weight takes a positive number.');
const FALSE_REMOVAL = 0.02;

function heldOut(labels: readonly string[]): HeldOut[] {
  const prepared = withHandLabels(
    prepareItems(topicCorpusItems(CORPUS_DIR), labels, defaultWordVectors()),
    readHandLabels(),
    labels,
    handWeight,
  );
  const folds = outletFolds(prepared, 5);
  const truth = prepared.map((i) => i.label);
  const first = heldOutLogits(prepared, labels.length, folds, FIT_OPTIONS);
  const doubtful = labelIssues(first, truth, labels.length);
  const logits = heldOutLogits(prepared, labels.length, folds, FIT_OPTIONS, (_, at) => !doubtful.has(at));
  const kept = prepared.flatMap((_, i) => (doubtful.has(i) ? [] : [i]));
  const temperature = fitTemperature(
    kept.map((i) => logits[i] ?? new Float64Array(labels.length)),
    kept.map((i) => truth[i] ?? 0),
  );
  return prepared.map((item, i) => ({
    id: item.item.id,
    fold: folds.findIndex((f) => f.includes(item.source)),
    label: item.label,
    doubtful: doubtful.has(i),
    p: probabilitiesOf(logits[i] ?? new Float64Array(labels.length), temperature),
  }));
}

/**
 * The lowest threshold per topic at which the other labels' items removed stay within
 * `FALSE_REMOVAL`, counted by `spread`: pooled over every item, or each label's share averaged
 * (a set where every class weighs the same), or the worst label's share (any mix of classes).
 */
function byMix(spread: 'balanced' | 'worst'): ThresholdRule {
  return (p, labels) =>
    p[0]?.map((_, c) => {
      const others = p.flatMap((row, i) => (labels[i] === c ? [] : [{ s: row[c] ?? 0, l: labels[i] ?? 0 }]));
      const sizes = new Map<number, number>();
      for (const o of others) sizes.set(o.l, (sizes.get(o.l) ?? 0) + 1);
      const removed = new Map<number, number>();
      let cut = 0;
      for (const o of others.sort((a, b) => b.s - a.s)) {
        removed.set(o.l, (removed.get(o.l) ?? 0) + 1);
        const shares = [...sizes].map(([l, n]) => (removed.get(l) ?? 0) / n);
        const share =
          spread === 'worst' ? Math.max(...shares) : shares.reduce((a, b) => a + b, 0) / shares.length;
        if (share > FALSE_REMOVAL) {
          cut = o.s;
          break;
        }
      }
      return Math.max(FLOOR, Math.ceil(cut * 1000 + 1e-9) / 1000);
    }) ?? [];
}

const pooled: ThresholdRule = (p, labels) =>
  chooseThresholds(p, labels, p[0]?.length ?? 0, FALSE_REMOVAL, FLOOR);
const anyReaches: MuteRule = (p, muted, t) => muted.some((c) => (p[c] ?? 0) >= (t[c] ?? 1));
const sum = (p: readonly number[], muted: readonly number[]): number =>
  muted.reduce((s, c) => s + (p[c] ?? 0), 0);

const RULES: readonly { name: string; thresholds: ThresholdRule; mutes: MuteRule }[] = [
  {
    name: 'a muted topic reaches its threshold (shipped)',
    thresholds: pooled,
    mutes: anyReaches,
  },
  {
    name: 'the muted topics together reach the lowest of their thresholds',
    thresholds: pooled,
    mutes: (p, muted, t) => sum(p, muted) >= Math.min(...muted.map((c) => t[c] ?? 1)),
  },
  {
    name: 'the muted topics together reach the highest of their thresholds',
    thresholds: pooled,
    mutes: (p, muted, t) => sum(p, muted) >= Math.max(...muted.map((c) => t[c] ?? 1)),
  },
  {
    name: 'thresholds for a set where every class weighs the same',
    thresholds: byMix('balanced'),
    mutes: anyReaches,
  },
  {
    name: 'thresholds that hold for every other class',
    thresholds: byMix('worst'),
    mutes: anyReaches,
  },
];

if (!hasCorpus()) {
  console.log(`No corpus at ${CORPUS_DIR}: nothing to measure.`);
  process.exit(0);
}
const topics = configuredTopics();
const labels = topics.map((t) => t.id);
const cache = process.argv.find((a) => a.startsWith('--cache='))?.slice('--cache='.length);
const items: HeldOut[] =
  cache !== undefined && existsSync(cache)
    ? (JSON.parse(readFileSync(cache, 'utf8')) as HeldOut[])
    : heldOut(labels);
if (cache !== undefined && !existsSync(cache)) writeFileSync(cache, JSON.stringify(items));

const hand = readHandLabels();
const classes = Object.entries(FOUR_CLASSES).map(([name, topics]) => ({
  name,
  topics,
  muted: topics.map((t) => labels.indexOf(t)),
}));
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const share = (counts: readonly number[] | undefined): number =>
  (counts?.[0] ?? 0) / Math.max(1, counts?.[1] ?? 0);
// Hand labels name a class by one of its topics (`science` for sci/tech); the training labels are
// the URL sections, corrected where a hand label names another class.
const byHand = items.flatMap((item) => {
  const label = hand.get(item.id)?.label ?? '';
  const at = classes.findIndex((c) => c.topics.includes(label));
  return at < 0 ? [] : [{ item, at }];
});
const bySection = items.flatMap((item) => {
  const at = classes.findIndex((c) => c.topics.includes(labels[item.label] ?? ''));
  return at < 0 ? [] : [{ item, at }];
});

function table(title: string, judged: readonly { item: HeldOut; at: number }[]): void {
  console.log(`\n${title}: ${judged.length} items, thresholds chosen for ${pct(FALSE_REMOVAL)}`);
  console.log(`| rule | ${classes.map((c) => `${c.name} leaks / wrongly removed`).join(' | ')} |`);
  console.log(`|---|${classes.map(() => '---').join('|')}|`);
  for (const rule of RULES) {
    const leaks = classes.map(() => [0, 0]);
    const wrong = classes.map(() => [0, 0]);
    for (const fold of new Set(items.map((i) => i.fold))) {
      const tune = items.filter((i) => i.fold !== fold && !i.doubtful);
      const thresholds = rule.thresholds(
        tune.map((i) => i.p),
        tune.map((i) => i.label),
      );
      for (const { item, at } of judged.filter((j) => j.item.fold === fold)) {
        classes.forEach((c, k) => {
          const gone = rule.mutes(item.p, c.muted, thresholds);
          const counts = (k === at ? leaks : wrong)[k] ?? [0, 0];
          counts[1] = (counts[1] ?? 0) + 1;
          if (gone !== (k === at)) counts[0] = (counts[0] ?? 0) + 1;
        });
      }
    }
    const cells = classes.map((_, k) => `${pct(share(leaks[k]))} / ${pct(share(wrong[k]))}`);
    console.log(`| ${rule.name} | ${cells.join(' | ')} |`);
  }
}

table('Judged by hand labels', byHand);
table('Judged by URL sections (every held-out item of the four classes)', bySection);
