import { describe, expect, it } from 'vitest';
import * as meanings from '../../src/stories/meaning.js';
import type { WordVectors } from '../../src/text/word-vectors.js';

/** A table of a few words in 4 dimensions: "blast" and "explosion" close, "football" apart. */
function table(rows: Record<string, number[]>): WordVectors {
  const words = Object.keys(rows);
  return {
    dimensions: 4,
    size: words.length,
    indexOf: (word) => words.indexOf(word),
    wordAt: (index) => words[index],
    addTo(into, index, weight) {
      const vector = rows[words[index] ?? ''] ?? [];
      vector.forEach((x, d) => (into[d] = (into[d] ?? 0) + weight * x));
    },
  };
}

const vectors = table({
  blast: [1, 0.2, 0, 0],
  explosion: [0.95, 0.25, 0.05, 0],
  port: [0.3, 1, 0, 0],
  harbour: [0.3, 0.9, 0.1, 0],
  football: [0, 0, 1, 0.1],
  match: [0, 0.1, 0.9, 0.2],
  news: [0.2, 0.2, 0.2, 0.2],
});
const reader = meanings.createMeaningReader(vectors, () => 1, [['news', 10]]);

describe('meanings of items', () => {
  it('puts two wordings of one event closer than another event', () => {
    const pool = meanings.createMeaningPool(4);
    const a = reader.read('Blast at port', '', 'en', pool);
    const b = reader.read('Explosion in harbour', '', 'en', pool);
    const c = reader.read('Football match', '', 'en', pool);
    expect(meanings.meaningCosine(pool, a, b)).toBeGreaterThan(0.9);
    expect(meanings.meaningCosine(pool, a, c)).toBeLessThan(0.3);
  });

  it('says nothing of a text whose words it mostly does not know', () => {
    const pool = meanings.createMeaningPool(4);
    const at = reader.read('Sumabog ang bodega sa pantalan kagabi', 'blast', 'tl', pool);
    expect(at).toBe(-1);
    expect(meanings.meaningCosine(pool, at, reader.read('Blast', '', 'en', pool))).toBe(0);
  });

  it('sums a story the same in any order, and a big story keeps its sum up to date', () => {
    const pool = meanings.createMeaningPool(4);
    const texts = [
      'Blast at port',
      'Explosion in harbour',
      'Port blast',
      'Harbour explosion',
      'Blast',
      'Port',
    ];
    const members = texts.map((t) => ({ meaning: reader.read(t, '', 'en', pool) }));
    const centroidOf = meanings.createCentroids(pool, 2);
    const growing = { members: members.slice(0, 1) };
    for (let i = 2; i <= members.length; i++) {
      growing.members = members.slice(0, i);
      centroidOf(growing);
    }
    const forward = [...centroidOf(growing)];
    const reversed = [...centroidOf({ members: [...members].reverse() })];
    expect(forward).toEqual(reversed);
    const probe = reader.read('Explosion at port', '', 'en', pool);
    expect(meanings.centroidCosine(pool, probe, centroidOf(growing))).toBeGreaterThan(0.9);
  });

  it('keeps every live meaning through a compaction', () => {
    const pool = meanings.createMeaningPool(4);
    const holders = Array.from({ length: 3000 }, (_, i) => ({
      meaning: reader.read(i % 2 === 0 ? 'Blast at port' : 'Football match', '', 'en', pool),
    }));
    const probe = reader.read('Blast', '', 'en', pool);
    const before = holders.map((h) => meanings.meaningCosine(pool, h.meaning, probe));
    const live = holders.filter((_, i) => i % 3 === 0);
    holders.forEach((h, i) => {
      if (i % 3 !== 0) meanings.releaseMeaning(pool, h.meaning);
    });
    meanings.compactMeanings(pool, () => [...live, { meaning: probe }]);
    expect(pool.used).toBe((live.length + 1) * 4);
    const probeAt = pool.used - 4;
    live.forEach((h, k) => {
      expect(meanings.meaningCosine(pool, h.meaning, probeAt)).toBeCloseTo(before[k * 3] ?? 0, 6);
    });
  });
});
