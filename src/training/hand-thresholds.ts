/**
 * Mute thresholds held to hand labels. Weak URL labels call an item "wrongly removed" when its
 * section differs from the muted topic even where its text is about that topic, so a share chosen
 * on them says little of what a reader loses: on hand-labelled items of held-out outlets, thresholds
 * chosen for 2% of weak labels removed 7% of other classes when world and politics were muted
 * together, and others chosen for 2.5% removed 1% while leaking half of what was muted. Each class
 * here takes the loosest share of the weak labels whose thresholds keep, on the items whose class
 * was clear to the labeller, the other classes' removals within a limit.
 */

import { chooseThresholds } from './fit-topics.js';
import type { HandLabel } from './hand-labels.js';
import { FOUR_CLASSES } from './mute-rates.js';

/** Classes calibrated on hand labels, each with the topics muting it mutes. */
export const HAND_CLASSES: Readonly<Record<string, readonly string[]>> = {
  ...FOUR_CLASSES,
  health: ['health'],
};

/** Shares of other topics' weak labels a class's thresholds may be chosen at, tightest first. */
export const WEAK_SHARES = [
  0.005, 0.0075, 0.01, 0.0125, 0.015, 0.02, 0.025, 0.03, 0.035, 0.04, 0.05, 0.06, 0.08, 0.1,
];

/** Fewest clearly labelled items of other classes a removal share is read from. */
const MIN_OTHERS = 100;

/** Held-out predictions to choose thresholds on, with the weak and hand labels of their items. */
export interface HandCalibration {
  readonly probabilities: readonly (readonly number[])[];
  /** Weak label (class index) of each prediction. */
  readonly weak: readonly number[];
  /** Hand label of each prediction's item, when it has one. */
  readonly hand: readonly (HandLabel | undefined)[];
  readonly labels: readonly string[];
  readonly floor: number;
}

/** What was chosen for each class: the weak share and what its removals were on hand labels. */
export interface HandChoice {
  readonly share: number;
  readonly removed: number;
  readonly others: number;
}

/**
 * Thresholds per topic: those of `fallback` (chosen on weak labels) except for the topics of
 * {@link HAND_CLASSES} with enough clearly labelled items, which take the loosest of
 * {@link WEAK_SHARES} keeping their class's removals of other clear items within `limit`.
 */
export function handThresholds(
  input: HandCalibration,
  fallback: readonly number[],
  limit: number,
): { thresholds: number[]; chosen: Record<string, HandChoice> } {
  const { probabilities, labels } = input;
  // Every class tries every share, so each share's thresholds are chosen once, up front.
  const byShare = new Map(
    WEAK_SHARES.map((share) => [
      share,
      chooseThresholds(probabilities, input.weak, labels.length, share, input.floor),
    ]),
  );
  const at = (share: number): number[] => byShare.get(share) ?? [];
  const clear = input.hand.flatMap((h, i) => (h?.sure === true ? [{ i, label: h.label }] : []));
  const thresholds = [...fallback];
  const chosen: Record<string, HandChoice> = {};
  for (const [name, muted] of Object.entries(HAND_CLASSES)) {
    const columns = muted.map((t) => labels.indexOf(t)).filter((c) => c >= 0);
    const others = clear.filter((c) => !muted.includes(c.label));
    if (columns.length === 0 || others.length < MIN_OTHERS) continue;
    const removedAt = (share: number): number => {
      const cut = at(share);
      return others.filter(({ i }) => columns.some((c) => (probabilities[i]?.[c] ?? 0) >= (cut[c] ?? 1)))
        .length;
    };
    let best: HandChoice | null = null;
    for (const share of WEAK_SHARES) {
      const removed = removedAt(share);
      if (removed <= limit * others.length) best = { share, removed, others: others.length };
    }
    best ??= { share: WEAK_SHARES[0] ?? 0, removed: removedAt(WEAK_SHARES[0] ?? 0), others: others.length };
    chosen[name] = best;
    for (const c of columns) thresholds[c] = at(best.share)[c] ?? thresholds[c] ?? 1;
  }
  return { thresholds, chosen };
}
