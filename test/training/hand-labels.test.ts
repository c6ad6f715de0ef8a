import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHandLabels, withHandLabels, type HandLabel } from '../../src/training/hand-labels.js';
import { readLabelledItems } from '../../src/training/corpus.js';
import { CORPUS_DIR, corpusAvailable } from '../condense/corpus.js';

describe('hand labels of topic-corpus items', () => {
  it('read every row into one of the four classes or none', () => {
    const labels = readHandLabels();
    expect(labels.size).toBe(1600);
    const classes = new Set([...labels.values()].map((l) => l.label));
    expect(classes).toEqual(new Set(['business', 'health', 'other', 'science', 'sport', 'world']));
    expect([...labels.values()].filter((l) => !l.sure).length).toBeGreaterThan(0);
  });

  it('replace a weak label only where the hand names another class', () => {
    const labels = ['world', 'politics', 'business', 'technology', 'science', 'health', 'sport', 'culture'];
    const at = (topic: string): number => labels.indexOf(topic);
    const hand = new Map<string, HandLabel>([
      ['earnings', { label: 'business', sure: false }],
      ['election', { label: 'world', sure: true }],
      ['mars', { label: 'science', sure: true }],
      ['gadget', { label: 'science', sure: true }],
      ['gossip', { label: 'other', sure: true }],
    ]);
    const items = [
      { item: { id: 'earnings' }, label: at('technology') },
      { item: { id: 'election' }, label: at('politics') },
      { item: { id: 'mars' }, label: at('world') },
      { item: { id: 'gadget' }, label: at('technology') },
      { item: { id: 'gossip' }, label: at('health') },
      { item: { id: 'unlabelled' }, label: at('sport') },
    ];
    expect(withHandLabels(items, hand, labels).map((i) => labels[i.label])).toEqual([
      'business',
      'politics',
      'science',
      'technology',
      'health',
      'sport',
    ]);
    // Every hand-labelled item weighs more in the fit, whether or not its label changed.
    expect(withHandLabels(items, hand, labels, 4).map((i) => ('weight' in i ? i.weight : 1))).toEqual([
      4, 4, 4, 4, 4, 1,
    ]);
  });

  describe.skipIf(!corpusAvailable('hand labels against the topic corpus'))('against the corpus', () => {
    it('are the sample the README describes: the first 200 of each weak label by key', () => {
      const items = readLabelledItems(path.join(CORPUS_DIR, 'topics', 'topics-train.jsonl.gz'));
      const key = (id: string): string => createHash('sha1').update(`clean-topic-sample:${id}`).digest('hex');
      const sample = new Set<string>();
      for (const label of new Set(items.map((i) => i.label))) {
        items
          .filter((i) => i.label === label)
          .map((i) => i.id)
          .sort((a, b) => key(a).localeCompare(key(b)))
          .slice(0, 200)
          .forEach((id) => sample.add(id));
      }
      expect([...readHandLabels().keys()].sort()).toEqual([...sample].sort());
    });
  });
});
