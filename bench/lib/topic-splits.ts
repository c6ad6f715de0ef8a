/**
 * The topic model's training procedure rerun on part of the corpus and scored on the rest: by
 * outlet (train on some outlets, test on the others), by country (American outlets against the
 * others) and by time (train on 2020, test on 2021).
 * Each run builds a model exactly as `npm run train:topics` does, thresholds chosen on its own
 * training part, and tags the test items through the real tagger.
 */

import type { Topic } from '../../src/core/types.js';
import { createTopicTagger } from '../../src/condense/topics.js';
import { parseTopicModel } from '../../src/condense/topic-model.js';
import {
  buildTopicModel,
  labelIssues,
  outletFolds,
  RULE_OPTIONS,
  type PreparedItem,
  type RuleOptions,
} from '../../src/training/build-model.js';
import { FIT_OPTIONS, type FitOptions } from '../../src/training/fit-topics.js';
import { FOUR_CLASSES, muteRates, perTopic, type MuteRates } from '../../src/training/mute-rates.js';
import { readHandLabels, withHandLabels } from '../../src/training/hand-labels.js';

const handLabels = readHandLabels();

/** Scores of one split. */
export interface SplitScores {
  readonly name: string;
  readonly tested: number;
  readonly accuracy: number;
  /** Share of test items with no topic at all. */
  readonly untagged: number;
  readonly byTopic: readonly MuteRates[];
  readonly fourClasses: readonly MuteRates[];
  /**
   * The four classes on the test items whose weak labels confident learning keeps, judged by this
   * split's own held-out predictions: the thresholds were chosen on items cleaned the same way, so
   * beside the tuned rates this shows whether they travel to other outlets, and beside
   * `fourClasses` what doubtful labels add. Optimistic as a score: the model under test decides
   * which labels are doubtful, and `fourClasses` (every weak label trusted) is pessimistic.
   */
  readonly fourClassesKept: readonly MuteRates[];
  /** The four classes on the test items labelled by hand, judged by their hand labels. */
  readonly fourClassesHand: readonly MuteRates[];
  /** The same on the hand-labelled items whose class was clear to the labeller. */
  readonly fourClassesHandSure: readonly MuteRates[];
  /**
   * The hand-labelled items again, each tagged with its address as the pipeline tags it: its URL
   * section counts as evidence. The weak labels are those sections, so only hand labels can judge it.
   */
  readonly fourClassesHandAddress: readonly MuteRates[];
  readonly fourClassesHandSureAddress: readonly MuteRates[];
}

/** Tags `test` with a model built on `train` and scores the mute rule on it. */
export function scoreSplit(
  name: string,
  train: readonly PreparedItem[],
  test: readonly PreparedItem[],
  topics: readonly Topic[],
  rule: RuleOptions = RULE_OPTIONS,
  fit: FitOptions = FIT_OPTIONS,
): SplitScores {
  const labels = topics.map((t) => t.id);
  // Fitted as train:topics fits: hand labels of the training part's items replace their weak ones;
  // the test part is judged by its own weak and hand labels.
  const built = buildTopicModel(withHandLabels(train, handLabels, labels), labels, fit, rule, handLabels);
  const model = parseTopicModel(built.data);
  if (!model.ok) throw new Error(model.error);
  const tagger = createTopicTagger(topics, { model: model.value });
  let correct = 0;
  let untagged = 0;
  const logProbabilities: number[][] = [];
  const main = test.map((item) => {
    const input = {
      title: item.item.title,
      text: item.item.text,
      categories: [],
      feedTopics: [],
      language: item.language,
    };
    const tags = tagger.tag(input);
    if (tags.topics.length === 0) untagged++;
    const p = tagger.probabilities(input);
    logProbabilities.push(labels.map((l) => Math.log(Math.max(p.get(l) ?? 0, 1e-12))));
    const best = [...p].sort((a, b) => b[1] - a[1])[0]?.[0];
    if (best === item.item.label) correct++;
    return tags.topics.slice(0, tags.mainTopics);
  });
  const truth = test.map((i) => i.item.label);
  const issues = labelIssues(
    logProbabilities,
    test.map((i) => i.label),
    labels.length,
  );
  const kept = (_: unknown, i: number): boolean => !issues.has(i);
  // Only hand labels can judge the section's evidence, so only their items are tagged with it.
  const withAddress = test.map((item) => {
    if (!handLabels.has(item.item.id)) return [];
    const tags = tagger.tag({
      title: item.item.title,
      text: item.item.text,
      categories: [],
      feedTopics: [],
      language: item.language,
      url: item.item.url,
    });
    return tags.topics.slice(0, tags.mainTopics);
  });
  const handRates = (sureOnly: boolean, address = false): MuteRates[] => {
    const at = test.flatMap((item, i) => {
      const hand = handLabels.get(item.item.id);
      return hand === undefined || (sureOnly && !hand.sure) ? [] : [{ i, label: hand.label }];
    });
    return muteRates(
      at.map(({ i }) => (address ? withAddress[i] : main[i]) ?? []),
      at.map(({ label }) => label),
      FOUR_CLASSES,
    );
  };
  return {
    name,
    tested: test.length,
    accuracy: correct / Math.max(test.length, 1),
    untagged: untagged / Math.max(test.length, 1),
    byTopic: muteRates(main, truth, perTopic(labels)),
    fourClasses: muteRates(main, truth, FOUR_CLASSES),
    fourClassesKept: muteRates(main.filter(kept), truth.filter(kept), FOUR_CLASSES),
    fourClassesHand: handRates(false),
    fourClassesHandSure: handRates(true),
    fourClassesHandAddress: handRates(false, true),
    fourClassesHandSureAddress: handRates(true, true),
  };
}

/** One split per fold of outlets: the fold's outlets are tested, the others trained on. */
export function outletSplits(
  items: readonly PreparedItem[],
  topics: readonly Topic[],
  rule: RuleOptions = RULE_OPTIONS,
  fit: FitOptions = FIT_OPTIONS,
): SplitScores[] {
  return outletFolds(items, rule.folds).map((fold) =>
    scoreSplit(
      fold.join(', '),
      items.filter((i) => !fold.includes(i.source)),
      items.filter((i) => fold.includes(i.source)),
      topics,
      rule,
      fit,
    ),
  );
}

/** Trained on the items published before `year`, tested on the ones from `year` on. */
export function timeSplit(
  items: readonly PreparedItem[],
  topics: readonly Topic[],
  year: string,
  rule: RuleOptions = RULE_OPTIONS,
  fit: FitOptions = FIT_OPTIONS,
): SplitScores {
  return scoreSplit(
    `before ${year} → ${year} on`,
    items.filter((i) => i.item.published < year),
    items.filter((i) => i.item.published >= year),
    topics,
    rule,
    fit,
  );
}

/**
 * The corpus's American outlets. They write in another house style than the British, Australian,
 * New Zealand and Asian ones ("percent", "$5 million"; "per cent", "$5m") and file news under
 * other sections: a split between them is a shift of the kind a user's own outlets bring.
 */
const US_OUTLETS: ReadonlySet<string> = new Set([
  'CNN',
  'Fox News',
  'Los Angeles Times',
  'The New York Times',
  'Wall Street Journal',
]);

/**
 * Trained on one side of {@link US_OUTLETS} and tested on the other, both ways: outlets of another
 * country write and file news differently, as the outlets and years a user follows may.
 */
export function styleSplits(
  items: readonly PreparedItem[],
  topics: readonly Topic[],
  rule: RuleOptions = RULE_OPTIONS,
  fit: FitOptions = FIT_OPTIONS,
): SplitScores[] {
  const american = items.filter((i) => US_OUTLETS.has(i.source));
  const others = items.filter((i) => !US_OUTLETS.has(i.source));
  return [
    scoreSplit('other outlets → American outlets', others, american, topics, rule, fit),
    scoreSplit('American outlets → other outlets', american, others, topics, rule, fit),
  ];
}

/** Rates of several splits pooled, each weighted by its items. */
export function pooled(
  splits: readonly SplitScores[],
  pick: (s: SplitScores) => readonly MuteRates[],
): MuteRates[] {
  const first = splits[0];
  if (first === undefined) return [];
  return pick(first).map((rate, k) => {
    let items = 0;
    let leaks = 0;
    let wrong = 0;
    let others = 0;
    for (const split of splits) {
      const r = pick(split)[k];
      if (r === undefined) continue;
      const otherItems = r.others;
      items += r.items;
      leaks += r.leaks * r.items;
      wrong += r.wronglyRemoved * otherItems;
      others += otherItems;
    }
    return {
      name: rate.name,
      items,
      others,
      leaks: leaks / Math.max(items, 1),
      wronglyRemoved: wrong / Math.max(others, 1),
    };
  });
}
