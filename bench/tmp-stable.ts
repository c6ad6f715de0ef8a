import { labelIssues, outletFolds, prepareItems } from '../src/training/build-model.js';
import { defaultWordVectors } from '../src/text/word-vectors.js';
import { topicCorpusItems } from '../src/training/weak-labels.js';
import { fitTopics, logitsOf, type TrainingItem } from '../src/training/fit-topics.js';
import { CORPUS_DIR } from './lib/corpus.js';
import { configuredTopics } from './lib/taxonomy.js';
import { VARIANTS } from './train/topic-variant-list.js';
import { scoreVariant } from './train/topic-variant-score.js';

const labels = configuredTopics().map((t) => t.id);
const C = labels.length;
const items = prepareItems(topicCorpusItems(CORPUS_DIR), labels, defaultWordVectors());
const folds = outletFolds(items, 5);
const base = VARIANTS.find((v) => v.name === 'vectors-1')!;
const pct = (x: number): string => (100 * x).toFixed(1).padStart(5);

function unstable(train: readonly TrainingItem[], minPer: number, agree: number): Set<string> {
  const prior = new Map<string, number[]>();
  const per = new Map<string, Map<string, number[]>>();
  for (const it of train) {
    const p = prior.get(it.source) ?? new Array<number>(C).fill(0);
    p[it.label]!++;
    prior.set(it.source, p);
    for (const f of it.counts.keys()) {
      let m = per.get(f);
      if (!m) per.set(f, (m = new Map()));
      const h = m.get(it.source) ?? new Array<number>(C).fill(0);
      h[it.label]!++;
      m.set(it.source, h);
    }
  }
  const out = new Set<string>();
  let checked = 0;
  for (const [f, m] of per) {
    const tops: number[] = [];
    for (const [src, h] of m) {
      const n = h.reduce((a, b) => a + b, 0);
      if (n < minPer) continue;
      const p = prior.get(src)!;
      const N = p.reduce((a, b) => a + b, 0);
      let best = -1, bestLift = -Infinity;
      for (let c = 0; c < C; c++) {
        if (p[c]! === 0) continue;
        const lift = ((h[c]! + 0.5) / (n + 0.5 * C)) / (p[c]! / N);
        if (lift > bestLift) { bestLift = lift; best = c; }
      }
      tops.push(best);
    }
    if (tops.length < 3) continue;
    checked++;
    const counts = new Map<number, number>();
    for (const t of tops) counts.set(t, (counts.get(t) ?? 0) + 1);
    const modal = Math.max(...counts.values());
    if (modal / tops.length < agree) out.add(f);
  }
  console.error(`checked ${checked}, unstable ${out.size}`);
  return out;
}
const strip = (it: TrainingItem, drop: Set<string>): TrainingItem => ({ ...it, counts: new Map([...it.counts].filter(([f]) => !drop.has(f))) });
for (const arg of process.argv.slice(2)) {
  const [minPer, agree] = arg.split(',').map(Number) as [number, number];
  const variant = { ...base, model: (train: readonly TrainingItem[], test: readonly TrainingItem[]) => {
    const drop = unstable(train, minPer, agree);
    const m = fitTopics(train.map((t) => strip(t, drop)), C, base.fit);
    return test.map((t) => logitsOf(m, strip(t, drop).counts, t.dense));
  } };
  const score = scoreVariant(items, labels, folds, variant, labelIssues, []);
  const cells = score.fourClasses.map((r) => `${pct(r.leaks)} / ${pct(r.wronglyRemoved)}`);
  console.log(`| stable ${arg} | ${pct(score.accuracy)} | ${cells.join(' | ')} | ${score.rankingLeaks.map(pct).join(' ')} |`);
}
