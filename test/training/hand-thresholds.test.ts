import { describe, expect, it } from 'vitest';
import type { HandLabel } from '../../src/training/hand-labels.js';
import { handThresholds, WEAK_SHARES } from '../../src/training/hand-thresholds.js';

const LABELS = ['world', 'politics', 'business', 'technology', 'science', 'health', 'sport', 'culture'];
const column = (topic: string): number => LABELS.indexOf(topic);

/** One prediction: `p` on one topic, the rest spread evenly. */
function prediction(topic: string, p: number): number[] {
  return LABELS.map((l) => (l === topic ? p : (1 - p) / (LABELS.length - 1)));
}

describe('mute thresholds held to hand labels', () => {
  // 200 business items the text calls business; 400 items of other classes, of which the weak
  // labels call 100 business (their URL section) although their hand label says sport.
  const probabilities: number[][] = [];
  const weak: number[] = [];
  const hand: (HandLabel | undefined)[] = [];
  for (let i = 0; i < 200; i++) {
    probabilities.push(prediction('business', 0.6 + (0.3 * i) / 200));
    weak.push(column('business'));
    hand.push({ label: 'business', sure: true });
  }
  for (let i = 0; i < 400; i++) {
    // The other classes' items lean to business a little, more as i grows.
    probabilities.push(prediction('business', 0.05 + (0.5 * i) / 400));
    weak.push(i < 100 ? column('business') : column('sport'));
    hand.push({ label: 'sport', sure: i % 10 !== 0 });
  }
  const input = { probabilities, weak, hand, labels: LABELS, floor: 0.2 };
  const fallback = LABELS.map(() => 0.9);

  it("keeps a class's removals of other clear items within the limit, at the loosest share that does", () => {
    const { thresholds, chosen } = handThresholds(input, fallback, 0.025);
    const business = chosen.business;
    expect(business).toBeDefined();
    if (business === undefined) return;
    expect(business.removed).toBeLessThanOrEqual(0.025 * business.others);
    expect(WEAK_SHARES).toContain(business.share);
    // Here the limit binds: without it the loosest share is taken.
    expect(business.share).toBeLessThan(Math.max(...WEAK_SHARES));
    expect(handThresholds(input, fallback, 1).chosen.business?.share).toBe(Math.max(...WEAK_SHARES));
    // Only the classes with enough clear items of other classes move; the rest keep the fallback.
    expect(thresholds[column('business')]).toBeLessThan(0.9);
    expect(thresholds[column('culture')]).toBe(0.9);
  });

  it('leaves every threshold to the weak labels without hand labels', () => {
    const { thresholds, chosen } = handThresholds(
      { ...input, hand: hand.map(() => undefined) },
      fallback,
      0.025,
    );
    expect(thresholds).toEqual(fallback);
    expect(chosen).toEqual({});
  });

  it('counts only the items whose class was clear to the labeller', () => {
    const unsure = hand.map((h) => (h === undefined ? h : { ...h, sure: false }));
    expect(handThresholds({ ...input, hand: unsure }, fallback, 0.025).chosen).toEqual({});
  });
});
