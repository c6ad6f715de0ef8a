import { stem } from '../../src/condense/tokens.js';
import { encodeWeights, parseTopicModel, type TopicModel } from '../../src/condense/topic-model.js';

/**
 * A model small enough to reason about: each listed word votes for its topic with `strength`, and
 * a topic is main from probability `main` on. Tests of what tagging feeds into use it, so their
 * expectations do not hang on the committed model's weights.
 */
export function votingTopicModel(
  votes: Record<string, readonly string[]>,
  main = 0.35,
  strength = 8,
): TopicModel {
  const labels = Object.keys(votes);
  const features = [
    ...new Set(labels.flatMap((l) => (votes[l] ?? []).map((w) => stem(w.toLowerCase())))),
  ].sort();
  const weights = features.flatMap((f) =>
    labels.map((l) => ((votes[l] ?? []).some((w) => stem(w.toLowerCase()) === f) ? strength : 0)),
  );
  const parsed = parseTopicModel({
    format: 1,
    labels,
    languages: ['en'],
    features,
    idf: features.map(() => 1),
    weights: encodeWeights(weights),
    scale: 1,
    bias: labels.map(() => 0),
    temperature: 1,
    evidence: { section: 3, category: 3, catalog: 1 },
    main: Object.fromEntries(labels.map((l) => [l, main])),
    minTopic: 0.2,
    minSecondary: 0.2,
    trainedOn: {},
  });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}
