import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pairwiseScores } from '../../bench/lib/pairwise.js';
import { clusterItems, type ClusterItem } from '../../src/condense/cluster.js';

interface Row {
  readonly id: string;
  readonly source: string;
  readonly url: string;
  readonly title: string;
  readonly text: string;
  readonly published: string;
  readonly story: string;
}

const rows = readFileSync(
  path.resolve(import.meta.dirname, '../fixtures/stories/labelled-stories.jsonl'),
  'utf8',
)
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Row);
const items: ClusterItem[] = rows.map((r) => ({ ...r, publishedAt: Date.parse(r.published) }));
const truth = new Map(rows.map((r) => [r.id, r.story]));

describe('clustering the labelled story set', () => {
  const stories = clusterItems(items);

  it('groups several outlets of one event and keeps near-misses apart', () => {
    const score = pairwiseScores(truth, stories);
    console.log(
      `clustering (${rows.length} items, ${score.pairs} same-story pairs): precision ${score.precision.toFixed(3)}, recall ${score.recall.toFixed(3)}, F1 ${score.f1.toFixed(3)}`,
    );
    // Floors, not goals: a follow-up within the window can still join its event, and a paraphrase
    // with no shared words can still be missed (see the fixture's README).
    expect(score.precision).toBeGreaterThanOrEqual(0.9);
    expect(score.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('never merges a near-miss into the event it resembles', () => {
    const storyOf = (label: string): number[] =>
      rows.filter((r) => r.story === label).map((r) => stories.get(r.id) ?? -1);
    for (const [event, nearMiss] of [
      ['vesta-quake', 'karsk-quake'],
      ['lumio-recall', 'pixel-phone-recall'],
      ['rovers-sacking', 'kingsford-appointment'],
      ['veloria-election', 'veloria-local'],
      ['dunmore-measles', 'brenn-vaccination'],
      ['halden-prize', 'halden-shortlist'],
      ['carrow-fire', 'tessin-fire'],
      ['lumio-recall', 'lumio-ceo'],
      ['rovers-sacking', 'rovers-kingsford-match'],
      ['norland-rates', 'norland-inflation'],
      ['port-cranes', 'selwyn-berths'],
    ] as const) {
      const apart = storyOf(nearMiss).every((s) => !storyOf(event).includes(s));
      expect(apart, `${nearMiss} joined ${event}`).toBe(true);
    }
  });

  it('joins wire copy and one article under two URLs', () => {
    const of = (label: string): Set<number> =>
      new Set(rows.filter((r) => r.story === label).map((r) => stories.get(r.id) ?? -1));
    expect(of('rail-strike').size).toBe(1);
    expect(of('bridge-reopening').size).toBe(1);
  });

  it('is deterministic and independent of input order', () => {
    const reversed = clusterItems([...items].reverse());
    const together = (map: ReadonlyMap<string, number>, a: string, b: string): boolean =>
      map.get(a) === map.get(b);
    for (const a of rows)
      for (const b of rows) expect(together(reversed, a.id, b.id)).toBe(together(stories, a.id, b.id));
  });
});
