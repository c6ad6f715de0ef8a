/**
 * `npx tsx bench/train/story-merge.ts`: whether a learned merge of whole stories after placement
 * recovers the pieces of one event that never met. The engine clusters a day; candidate story pairs
 * come from shared words rare in the day (a few partners per story); a logistic model over what the
 * two stories mean, the rare words and names they share, the names each holds and the other lacks,
 * their time gap, outlet overlap and sizes is fitted on training days (pairs of pure pieces: one
 * label or two; a pair across a labelled near miss counts `--near=N` times). Stories then merge
 * greedily by probability, each merge checked again on the stories as merged so far, at each
 * threshold swept. Reported: the committed model with the merge fitted on 2021-09-20; then
 * leave one day out, engine and merge both fitted on the other days (`--no-cross`, `--cross-only`,
 * `--omit=minSize,maxSize` leave parts out).
 */

import { detectLanguage } from '../../src/condense/language.js';
import { contentWords } from '../../src/condense/tokens.js';
import { clusterItems } from '../../src/stories/cluster-items.js';
import { defaultMeaningReader } from '../../src/stories/engine.js';
import { createMeaningPool } from '../../src/stories/meaning.js';
import { defaultStoryModel, type StoryModel } from '../../src/stories/story-model.js';
import { hasCorpus } from '../lib/corpus.js';
import { FITTED_DAYS, formatPrf, readLabelledDay, scoreDay, type LabelledDay } from '../lib/story-days.js';
import { fitLogistic } from './logistic.js';
import { train } from './story-fit.js';

const HOUR = 3_600_000;
/** Words held by more items than this in the day nominate no candidate pair. */
const MAX_HOLDERS = 40;
/** Candidate partners kept per story, by summed rarity of the words they share. */
const PARTNERS = 8;
const OMIT =
  process.argv
    .find((a) => a.startsWith('--omit='))
    ?.slice(7)
    .split(',') ?? [];
const NEAR_WEIGHT = Number(process.argv.find((a) => a.startsWith('--near='))?.slice(7) ?? 1);
const SWEEP = [0.2, 0.3, 0.4, 0.5];
const MERGE_AT = Number(process.argv.find((a) => a.startsWith('--at='))?.slice(5) ?? 0.5);

interface Piece {
  readonly id: string;
  readonly members: number[];
  readonly outlets: Set<string>;
  readonly meaning: Float64Array;
  /** Items holding each word, and each name word. */
  readonly words: Map<string, number>;
  readonly names: Map<string, number>;
  readonly time: number;
}

interface DayView {
  readonly day: LabelledDay;
  readonly pieces: Piece[];
  readonly wordItems: Map<string, number>;
  readonly nameItems: Map<string, number>;
  readonly n: number;
}

const NAME = /(?<![.!?]\s)(?<!^)\b\p{Lu}[\p{L}\p{N}'-]+/gu;

function view(day: LabelledDay, stories: ReadonlyMap<string, string>, model: StoryModel): DayView {
  const reader = defaultMeaningReader(model);
  const pool = createMeaningPool(reader.dimensions);
  const wordItems = new Map<string, number>();
  const nameItems = new Map<string, number>();
  const byStory = new Map<string, Piece>();
  day.items.forEach((item, index) => {
    const title = item.title ?? '';
    const lead = item.text.slice(0, 400);
    const language = detectLanguage(`${title}\n${lead}`);
    const words = new Set(contentWords(`${title}\n${lead}`, language));
    const names = new Set(
      [...`${title}\n${lead}`.matchAll(NAME)].flatMap((m) => contentWords(m[0], language)),
    );
    for (const w of words) wordItems.set(w, (wordItems.get(w) ?? 0) + 1);
    for (const w of names) nameItems.set(w, (nameItems.get(w) ?? 0) + 1);
    const id = stories.get(item.id) ?? item.id;
    let piece = byStory.get(id);
    if (piece === undefined) {
      piece = {
        id,
        members: [],
        outlets: new Set(),
        meaning: new Float64Array(reader.dimensions),
        words: new Map(),
        names: new Map(),
        time: 0,
      };
      byStory.set(id, piece);
    }
    piece.members.push(index);
    piece.outlets.add(item.source);
    (piece as { time: number }).time += item.publishedAt;
    const at = reader.read(title.slice(0, 300), lead, language, pool);
    if (at >= 0)
      for (let k = 0; k < reader.dimensions; k++)
        piece.meaning[k] = (piece.meaning[k] ?? 0) + (pool.data[at + k] ?? 0);
    for (const w of words) piece.words.set(w, (piece.words.get(w) ?? 0) + 1);
    for (const w of names) piece.names.set(w, (piece.names.get(w) ?? 0) + 1);
  });
  const pieces = [...byStory.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const p of pieces) (p as { time: number }).time /= p.members.length;
  return { day, pieces, wordItems, nameItems, n: day.items.length };
}

function cosine(a: Float64Array, b: Float64Array): number {
  let dot = 0;
  let xx = 0;
  let yy = 0;
  for (let k = 0; k < a.length; k++) {
    dot += (a[k] ?? 0) * (b[k] ?? 0);
    xx += (a[k] ?? 0) ** 2;
    yy += (b[k] ?? 0) ** 2;
  }
  return xx > 0 && yy > 0 ? dot / Math.sqrt(xx * yy) : 0;
}

/** Shared words, each weighed by its rarity in the day and by the smaller share of members holding it. */
function shared(
  a: Map<string, number>,
  b: Map<string, number>,
  sizeA: number,
  sizeB: number,
  items: Map<string, number>,
  n: number,
): { sum: number; max: number } {
  let sum = 0;
  let max = 0;
  for (const [w, countA] of a) {
    const countB = b.get(w);
    if (countB === undefined) continue;
    const rarity = Math.log(n / (items.get(w) ?? 1));
    const weight = rarity * Math.min(countA / sizeA, countB / sizeB);
    sum += weight;
    max = Math.max(max, weight);
  }
  return { sum: Math.min(sum, 30), max };
}

/** Rarity of the names most of one story's members hold and no member of the other does: the smaller side. */
function conflict(v: DayView, a: Piece, b: Piece): number {
  const own = (x: Piece, y: Piece): number => {
    let sum = 0;
    for (const [w, count] of x.names)
      if (2 * count >= x.members.length && !y.names.has(w)) sum += Math.log(v.n / (v.nameItems.get(w) ?? 1));
    return sum;
  };
  return Math.min(own(a, b), own(b, a)) / 10;
}

function candidates(v: DayView): [number, number][] {
  const holders = new Map<string, number[]>();
  v.pieces.forEach((p, i) => {
    for (const w of p.words.keys())
      if ((v.wordItems.get(w) ?? 0) <= MAX_HOLDERS) holders.set(w, [...(holders.get(w) ?? []), i]);
  });
  const scores = v.pieces.map(() => new Map<number, number>());
  for (const [w, list] of holders) {
    const rarity = Math.log(v.n / (v.wordItems.get(w) ?? 1));
    for (const i of list) {
      const mine = scores[i];
      if (mine !== undefined) for (const j of list) if (i !== j) mine.set(j, (mine.get(j) ?? 0) + rarity);
    }
  }
  const pairs = new Set<string>();
  scores.forEach((partners, i) => {
    const top = [...partners].sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, PARTNERS);
    for (const [j] of top) pairs.add(i < j ? `${i} ${j}` : `${j} ${i}`);
  });
  return [...pairs]
    .map((k) => k.split(' ').map(Number) as [number, number])
    .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}

const FEATURES = [
  'meaning',
  'words',
  'maxWord',
  'names',
  'maxName',
  'hours',
  'outletOverlap',
  'disjoint',
  'minSize',
  'maxSize',
  'meaningWords',
  'conflict',
] as const;

function features(v: DayView, a: Piece, b: Piece): number[] {
  const sa = a.members.length;
  const sb = b.members.length;
  const w = shared(a.words, b.words, sa, sb, v.wordItems, v.n);
  const nm = shared(a.names, b.names, sa, sb, v.nameItems, v.n);
  let common = 0;
  for (const o of a.outlets) if (b.outlets.has(o)) common++;
  const overlap = common / Math.min(a.outlets.size, b.outlets.size);
  const meaning = cosine(a.meaning, b.meaning);
  const all = [
    meaning,
    w.sum / 10,
    w.max,
    nm.sum / 10,
    nm.max,
    Math.log1p(Math.abs(a.time - b.time) / HOUR),
    overlap,
    common === 0 ? 1 : 0,
    Math.log(Math.min(sa, sb)),
    Math.log(Math.max(sa, sb)),
    (meaning * w.sum) / 10,
    conflict(v, a, b),
  ];
  return all.map((value, k) => (OMIT.includes(FEATURES[k] ?? '') ? 0 : value));
}

function labelOfPiece(v: DayView, p: Piece): string | null {
  const labels = new Set(p.members.map((i) => v.day.truth.get(v.day.items[i]?.id ?? '') ?? ''));
  return labels.size === 1 ? ([...labels][0] ?? null) : null;
}

function examples(v: DayView): { x: number[][]; y: number[] } {
  const x: number[][] = [];
  const y: number[] = [];
  for (const [i, j] of candidates(v)) {
    const a = v.pieces[i];
    const b = v.pieces[j];
    if (a === undefined || b === undefined) continue;
    const la = labelOfPiece(v, a);
    const lb = labelOfPiece(v, b);
    if (la === null || lb === null) continue;
    // A near-miss pair across the two pieces is the costliest wrong merge: weighed as many examples.
    const ids = (p: Piece): Set<string> => new Set(p.members.map((m) => v.day.items[m]?.id ?? ''));
    const [ia, ib] = [ids(a), ids(b)];
    const near = v.day.nearMisses.some((n) => (ia.has(n.a) && ib.has(n.b)) || (ia.has(n.b) && ib.has(n.a)));
    for (let copy = 0; copy < (near ? NEAR_WEIGHT : 1); copy++) {
      x.push(features(v, a, b));
      y.push(la === lb ? 1 : 0);
    }
  }
  return { x, y };
}

function probability(fit: { weights: number[]; bias: number }, f: readonly number[]): number {
  const z = f.reduce((s, value, k) => s + value * (fit.weights[k] ?? 0), fit.bias);
  return 1 / (1 + Math.exp(-z));
}

function merge(
  v: DayView,
  fit: { weights: number[]; bias: number },
  stories: ReadonlyMap<string, string>,
  at = MERGE_AT,
): Map<string, string> {
  const scored = candidates(v).flatMap(([i, j]) => {
    const [a, b] = [v.pieces[i], v.pieces[j]];
    return a === undefined || b === undefined ? [] : [{ i, j, p: probability(fit, features(v, a, b)) }];
  });
  scored.sort((x, y) => y.p - x.p || x.i - y.i || x.j - y.j);
  const parent = v.pieces.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] ?? i;
    return i;
  };
  // Each root's whole story: a pair of pieces merges only when their stories, as merged so far, still would.
  const whole = v.pieces.map((p) => ({
    ...p,
    members: [...p.members],
    outlets: new Set(p.outlets),
    meaning: Float64Array.from(p.meaning),
    words: new Map(p.words),
    names: new Map(p.names),
  }));
  for (const { i, j, p } of scored) {
    if (p <= at) break;
    const [ri, rj] = [root(i), root(j)];
    if (ri === rj) continue;
    const [a, b] = [whole[ri], whole[rj]];
    if (a === undefined || b === undefined) continue;
    if ((ri !== i || rj !== j) && probability(fit, features(v, a, b)) <= at) continue;
    const [keep, gone] = ri < rj ? [a, b] : [b, a];
    (keep as { time: number }).time =
      (keep.time * keep.members.length + gone.time * gone.members.length) /
      (keep.members.length + gone.members.length);
    keep.members.push(...gone.members);
    for (const o of gone.outlets) keep.outlets.add(o);
    for (let k = 0; k < keep.meaning.length; k++)
      keep.meaning[k] = (keep.meaning[k] ?? 0) + (gone.meaning[k] ?? 0);
    for (const [w, c] of gone.words) keep.words.set(w, (keep.words.get(w) ?? 0) + c);
    for (const [w, c] of gone.names) keep.names.set(w, (keep.names.get(w) ?? 0) + c);
    parent[Math.max(ri, rj)] = Math.min(ri, rj);
  }
  const out = new Map<string, string>();
  const pieceOf = new Map(v.pieces.map((p, i) => [p.id, i]));
  for (const [item, story] of stories) out.set(item, v.pieces[root(pieceOf.get(story) ?? 0)]?.id ?? story);
  return out;
}

function line(label: string, day: LabelledDay, stories: ReadonlyMap<string, string>): number {
  const s = scoreDay(day, stories);
  console.log(
    `${day.day}  ${label.padEnd(34)} ${formatPrf(s.pairwise)}  ${formatPrf(s.crossSource)}  ${formatPrf(s.bcubed)}  ${s.nearMissesMerged} of ${day.nearMisses.length}  ${s.largestStory}`,
  );
  return s.pairwise.f1;
}

function fitMerge(views: readonly DayView[]): { weights: number[]; bias: number } {
  const x: number[][] = [];
  const y: number[] = [];
  for (const v of views) {
    const e = examples(v);
    x.push(...e.x);
    y.push(...e.y);
  }
  const fit = fitLogistic(x, y, 1);
  console.log(
    `  merge fit on ${views.map((v) => v.day.day).join(' + ')}: ${x.length} pairs, ${y.filter((t) => t === 1).length} one event; ` +
      FEATURES.map((n, k) => `${n} ${(fit.weights[k] ?? 0).toFixed(2)}`).join(' ') +
      ` bias ${fit.bias.toFixed(2)}`,
  );
  return fit;
}

/** How many same-event pairs of pure pieces exist, how many the candidates hold, and how the model ranks them. */
function diagnose(v: DayView, fit: { weights: number[]; bias: number }): void {
  const pure = v.pieces.map((p) => labelOfPiece(v, p));
  const byLabel = new Map<string, number>();
  for (const l of pure) if (l !== null) byLabel.set(l, (byLabel.get(l) ?? 0) + 1);
  let possible = 0;
  for (const n of byLabel.values()) possible += (n * (n - 1)) / 2;
  const e = examples(v);
  const ps = e.x.map(
    (f) => 1 / (1 + Math.exp(-f.reduce((s, value, k) => s + value * (fit.weights[k] ?? 0), fit.bias))),
  );
  const pos = ps.filter((_, k) => e.y[k] === 1);
  const neg = ps.filter((_, k) => e.y[k] === 0);
  let auc = 0;
  for (const a of pos) for (const b of neg) auc += a > b ? 1 : a === b ? 0.5 : 0;
  auc /= Math.max(1, pos.length * neg.length);
  const above = (t: number, list: number[]): number => list.filter((p) => p > t).length;
  console.log(
    `  ${v.day.day}: ${possible} same-event pure piece pairs, ${pos.length} among ${e.x.length} candidates; AUC ${auc.toFixed(3)}; above 0.3: ${above(0.3, pos)} true / ${above(0.3, neg)} false; above 0.5: ${above(0.5, pos)} / ${above(0.5, neg)}`,
  );
}

function main(): void {
  if (!hasCorpus()) {
    console.log('story-merge: the shared corpus is not here; skipped');
    return;
  }
  const days = FITTED_DAYS.map((d) => readLabelledDay(d));
  // The merge is a research bench: fitted on one day, reported on the others.
  const mergeDay = '2021-09-20';
  const committed = defaultStoryModel();
  console.log(
    'day         variant                            pairwise P/R/F1      cross-outlet P/R/F1  B-cubed P/R/F1       near  largest',
  );
  if (!process.argv.includes('--cross-only')) {
    const stories = days.map((d) => clusterItems(d.items, { model: committed }));
    const views = days.map((d, i) => view(d, stories[i] ?? new Map(), committed));
    const tuning = days.findIndex((d) => d.day === mergeDay);
    const fit = fitMerge(views.filter((v) => v.day.day === mergeDay));
    views.forEach((v, i) => {
      const role = i === tuning ? 'tuned' : 'held out';
      const clustered = stories[i] ?? new Map<string, string>();
      line(`committed, ${role}`, v.day, clustered);
      for (const at of SWEEP) line(`+ merge at ${at}, ${role}`, v.day, merge(v, fit, clustered, at));
      diagnose(v, fit);
    });
  }
  if (process.argv.includes('--no-cross')) return;
  let before = 0;
  const after = SWEEP.map(() => 0);
  const background = { documents: committed.documents, df: new Map(committed.df) };
  days.forEach((held, i) => {
    const training = days.filter((_, j) => j !== i);
    const model = train(training, background, false);
    const trainViews = training.map((d) => view(d, clusterItems(d.items, { model }), model));
    const fit = fitMerge(trainViews);
    const stories = clusterItems(held.items, { model });
    before += line(`cross, engine alone`, held, stories) / days.length;
    const heldView = view(held, stories, model);
    SWEEP.forEach((at, k) => {
      after[k] =
        (after[k] ?? 0) +
        line(`cross, + merge at ${at}`, held, merge(heldView, fit, stories, at)) / days.length;
    });
    diagnose(heldView, fit);
  });
  console.log(
    `cross-fit mean pairwise F1: engine alone ${before.toFixed(3)}; + merge ` +
      SWEEP.map((at, k) => `at ${at} ${(after[k] ?? 0).toFixed(3)}`).join(', '),
  );
}

main();
