import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defaultWordVectors,
  encodeWordVectors,
  meanVector,
  readWordVectors,
} from '../../src/text/word-vectors.js';

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let d = 0; d < a.length; d++) dot += (a[d] ?? 0) * (b[d] ?? 0);
  // Mean vectors come back unit length.
  return dot;
}

function tableFile(bytes: Buffer): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'gazette-vectors-')), 'v.bin');
  writeFileSync(file, bytes);
  return file;
}

describe('word vectors', () => {
  const table = readWordVectors(
    tableFile(
      encodeWordVectors(
        ['blast', 'explosion', 'match', 'iran'],
        [
          Float32Array.from([3, 1, 0]),
          Float32Array.from([2.9, 1.2, 0.1]),
          Float32Array.from([0, 0.2, -4]),
          Float32Array.from([0, 5, 0]),
        ],
      ),
    ),
  );

  it('reads back unit vectors within the quantisation error', () => {
    const blast = meanVector(table, ['blast']);
    expect(blast).not.toBeNull();
    const expected = [3 / Math.sqrt(10), 1 / Math.sqrt(10), 0];
    for (let d = 0; d < 3; d++) expect(blast?.[d]).toBeCloseTo(expected[d] ?? 0, 2);
  });

  it('places near words near and far words far', () => {
    const [blast, explosion, match] = ['blast', 'explosion', 'match'].map((w) => meanVector(table, [w]));
    if (!blast || !explosion || !match) throw new Error('missing rows');
    expect(cosine(blast, explosion)).toBeGreaterThan(0.99);
    expect(cosine(blast, match)).toBeLessThan(0.1);
  });

  it('finds a possessive under its word and gives null for unknown text', () => {
    expect(table.indexOf("iran's")).toBe(table.indexOf('iran'));
    expect(meanVector(table, ['zzz', ''])).toBeNull();
    expect(meanVector(table, ['blast'], () => 0)).toBeNull();
  });

  it('refuses a file in another format or cut short', () => {
    expect(() => readWordVectors(tableFile(Buffer.from('not vectors at all')))).toThrow(/format/);
    const whole = encodeWordVectors(['a'], [Float32Array.from([1, 2])]);
    expect(() => readWordVectors(tableFile(whole.subarray(0, whole.length - 1)))).toThrow(/truncated/);
  });

  it('ships a committed table of common English words', () => {
    const vectors = defaultWordVectors();
    expect(vectors.size).toBeGreaterThan(10_000);
    const [explosion, blast, football] = ['explosion', 'blast', 'football'].map((w) =>
      meanVector(vectors, [w]),
    );
    if (!explosion || !blast || !football) throw new Error('common words missing');
    expect(cosine(explosion, blast)).toBeGreaterThan(cosine(explosion, football) + 0.3);
  });
});
