/**
 * `npm run bench -- story-errors --day=2020-06-10 --limit=12`: where a labelled day (by default the
 * newest) loses pairwise F1 under the committed model. Lists the labelled stories split across
 * several predicted stories (the pairs each split loses) and the predicted stories that mix labels
 * (the wrong pairs each holds), largest losses first, then the near-miss pairs put in one story;
 * `--limit` caps the stories listed.
 */

import { clusterItems } from '../src/stories/cluster-items.js';
import { hasCorpus } from './lib/corpus.js';
import { formatPrf, LABELLED_DAYS, readLabelledDay, scoreDay, type LabelledDay } from './lib/story-days.js';

const pairs = (n: number): number => (n * (n - 1)) / 2;

function groups<K>(labels: ReadonlyMap<string, K>): Map<K, string[]> {
  const out = new Map<K, string[]>();
  for (const [id, label] of labels) out.set(label, [...(out.get(label) ?? []), id]);
  return out;
}

/**
 * What each kind of repair could gain at most: every story holding one label merged with the other
 * pieces of that label (a perfect story merge), and every story mixing labels split by label (a
 * perfect guard against chaining).
 */
function bounds(day: LabelledDay, predicted: ReadonlyMap<string, string>): string {
  const labelsIn = new Map<string, Set<string>>();
  for (const [id, story] of predicted)
    labelsIn.set(story, (labelsIn.get(story) ?? new Set()).add(day.truth.get(id) ?? id));
  const label = (id: string): string => day.truth.get(id) ?? id;
  const merged = new Map(
    [...predicted].map(([id, story]) => [id, labelsIn.get(story)?.size === 1 ? `label ${label(id)}` : story]),
  );
  const split = new Map([...predicted].map(([id, story]) => [id, `${story} ${label(id)}`]));
  const line = (m: ReadonlyMap<string, string>): string => {
    const s = scoreDay(day, m);
    return `pairwise ${formatPrf(s.pairwise)}, B-cubed ${formatPrf(s.bcubed)}`;
  };
  return `now: ${line(predicted)}\npure pieces merged: ${line(merged)}\nmixed stories split: ${line(split)}`;
}

if (!hasCorpus()) {
  console.log('story-errors: the shared corpus is not here; skipped');
} else {
  const flag = (name: string): string | undefined =>
    process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const day = readLabelledDay(flag('day') ?? LABELLED_DAYS.at(-1) ?? '');
  const predicted = clusterItems(day.items);
  const byId = new Map(day.items.map((item) => [item.id, item]));
  const line = (id: string): string => {
    const item = byId.get(id);
    return `${id} ${(item?.source ?? '').slice(0, 14).padEnd(14)} ${new Date(item?.publishedAt ?? 0).toISOString().slice(5, 16)} ${(item?.title ?? '').slice(0, 90)}`;
  };
  const splits = [...groups(day.truth)]
    .map(([label, ids]) => {
      const parts = [...groups(new Map(ids.map((id) => [id, predicted.get(id) ?? id])))].map(([, p]) => p);
      const lost = pairs(ids.length) - parts.reduce((sum, p) => sum + pairs(p.length), 0);
      return { label, ids, parts, lost };
    })
    .filter((s) => s.lost > 0)
    .sort((a, b) => b.lost - a.lost);
  const mixes = [...groups(predicted)]
    .map(([story, ids]) => {
      const parts = [...groups(new Map(ids.map((id) => [id, day.truth.get(id) ?? id])))];
      const wrong = pairs(ids.length) - parts.reduce((sum, [, p]) => sum + pairs(p.length), 0);
      return { story, ids, parts, wrong };
    })
    .filter((m) => m.wrong > 0)
    .sort((a, b) => b.wrong - a.wrong);
  const totalLost = splits.reduce((s, x) => s + x.lost, 0);
  const totalWrong = mixes.reduce((s, x) => s + x.wrong, 0);
  console.log(`${day.day}: same-story pairs missed ${totalLost}, wrong pairs ${totalWrong}`);
  console.log(bounds(day, predicted));
  const limit = Number(flag('limit') ?? 12);
  console.log('\n== labelled stories split (pairs missed) ==');
  for (const s of splits.slice(0, limit)) {
    console.log(`\n${s.label}: ${s.ids.length} items in ${s.parts.length} pieces, ${s.lost} pairs missed`);
    for (const part of s.parts.sort((a, b) => b.length - a.length)) {
      const founder = predicted.get(part[0] ?? '') ?? '';
      const size = [...predicted.values()].filter((p) => p === founder).length;
      console.log(`  piece of ${part.length} (predicted story holds ${size})`);
      for (const id of part.slice(0, 6)) console.log(`    ${line(id)}`);
    }
  }
  console.log('\n== predicted stories mixing labels (wrong pairs) ==');
  for (const m of mixes.slice(0, limit)) {
    console.log(`\nstory of ${m.ids.length}, ${m.wrong} wrong pairs`);
    for (const [label, ids] of m.parts.sort((a, b) => b[1].length - a[1].length)) {
      console.log(`  ${label} (${ids.length})`);
      for (const id of ids.slice(0, 3)) console.log(`    ${line(id)}`);
    }
  }
  console.log('\n== near-miss pairs merged ==');
  for (const pair of day.nearMisses) {
    if (predicted.get(pair.a) !== predicted.get(pair.b)) continue;
    console.log(`\n${pair.why}\n    ${line(pair.a)}\n    ${line(pair.b)}`);
  }
}
