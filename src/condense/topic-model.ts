/**
 * The trained topic model (`config/topic-model.json`, written by `npm run train:topics`): a
 * multinomial logistic regression over {@link topicFeatures}, its calibration, the weights of the
 * language-independent evidence, and the probability each topic needs to be muted.
 */

import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { err, ok, type Result } from '../core/result.js';

/** A sparse, L2-normalised feature vector: parallel indexes and values. */
export interface SparseVector {
  readonly index: Int32Array;
  readonly value: Float32Array;
}

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const probability = z.number().min(0).max(1);
// The big arrays are checked by one loop each: a schema per element would take most of the load time.
const strings = z.custom<string[]>(
  (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'),
  'strings expected',
);
const positives = z.custom<number[]>(
  (v) => Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x) && x > 0),
  'positive numbers expected',
);

/** The file's shape; the big arrays' lengths are checked against each other after parsing. */
const modelFile = z.strictObject({
  format: z.literal(1),
  labels: z.array(z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/u)).min(2),
  /** Languages (ISO 639-1) whose text the weights were fitted on; others are tagged by evidence only. */
  languages: z.array(z.string().regex(/^[a-z]{2}$/u)),
  features: strings,
  idf: positives,
  /**
   * Weights as 16-bit little-endian integers in base64, feature-major (`features × labels`);
   * multiply by `scale`. Binary keeps the file small and its loading to one decode.
   */
  weights: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/u, 'base64 expected'),
  scale: z.number().positive(),
  bias: z.array(finite),
  /**
   * The mean word vector of the item's words (`topicWords`), L2-normalised and multiplied by
   * `weight`, as `dimensions` features after the word features: meanings that carry across outlets
   * where the exact words do not. Absent: words only.
   */
  dense: z
    .strictObject({ dimensions: z.number().int().positive(), weight: z.number().positive() })
    .optional(),
  /** Logits are divided by it: fitted on held-out outlets so probabilities mean what they say. */
  temperature: z.number().positive(),
  /** Log-odds added to a topic that the item's URL section, a feed category or the catalog names. */
  evidence: z.strictObject({ section: finite, category: finite, catalog: finite }),
  /** Probability a topic needs to be a main topic (muting it removes the item). */
  main: z.record(z.string(), probability),
  /** Probability the most likely topic needs to be listed at all; below it the item has no topic. */
  minTopic: probability,
  /** Probability a further topic needs to be listed. */
  minSecondary: probability,
  /** How the model was made: data, splits, scores. Informational. */
  trainedOn: z.record(z.string(), z.unknown()),
});

/** The model's file contents. */
export type TopicModelData = z.infer<typeof modelFile>;

/** A loaded model, ready to score. */
export interface TopicModel {
  readonly labels: readonly string[];
  readonly data: TopicModelData;
  /** Dimensions of the mean word vector the model reads besides its features; 0 when none. */
  readonly dimensions: number;
  /**
   * The vector of an item's feature counts in the model's vocabulary, followed by its mean word
   * vector when the model reads one (ignored otherwise).
   */
  vectorize(counts: ReadonlyMap<string, number>, dense?: Float32Array | null): SparseVector;
  /** Calibrated log-probabilities' numerators (logits) per label, before any evidence. */
  logits(vector: SparseVector): Float64Array;
}

/** Parses and checks a model; a clear message names what is wrong. */
export function parseTopicModel(json: unknown): Result<TopicModel, string> {
  const parsed = modelFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err(`${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  const data = parsed.data;
  const classes = data.labels.length;
  const size = data.features.length;
  if (data.idf.length !== size) return err('idf: one value per feature expected');
  const weights = decodeWeights(data.weights);
  if (weights.length !== (size + (data.dense?.dimensions ?? 0)) * classes)
    return err('weights: features × labels values expected');
  if (data.bias.length !== classes) return err('bias: one value per label expected');
  return ok(buildModel(data, weights));
}

/** Reads and checks the model file. */
export function loadTopicModel(file: string): Result<TopicModel, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return err(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return err(`${file}: not valid JSON`);
  }
  const model = parseTopicModel(json);
  return model.ok ? model : err(`${file}: ${model.error}`);
}

/** The vector of feature counts in a vocabulary: sublinear counts times idf, L2-normalised. */
export function vectorizeCounts(
  counts: ReadonlyMap<string, number>,
  vocabulary: ReadonlyMap<string, number>,
  idf: ArrayLike<number>,
): SparseVector {
  const index: number[] = [];
  const value: number[] = [];
  let norm = 0;
  for (const [feature, count] of counts) {
    const at = vocabulary.get(feature);
    if (at === undefined) continue;
    const v = (1 + Math.log(count)) * (idf[at] ?? 0);
    index.push(at);
    value.push(v);
    norm += v * v;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return { index: Int32Array.from(index), value: Float32Array.from(value, (v) => v * scale) };
}

/**
 * `sparse` followed by `dense` (L2-normalised, times `weight`) from index `offset` on: the word
 * features and the mean word vector as one vector. A missing or zero dense part adds nothing.
 */
export function appendDense(
  sparse: SparseVector,
  dense: Float32Array | null | undefined,
  offset: number,
  weight: number,
): SparseVector {
  if (dense === null || dense === undefined || dense.length === 0 || weight <= 0) return sparse;
  let norm = 0;
  for (const x of dense) norm += x * x;
  if (norm === 0) return sparse;
  const scale = weight / Math.sqrt(norm);
  const n = sparse.index.length;
  const index = new Int32Array(n + dense.length);
  const value = new Float32Array(n + dense.length);
  index.set(sparse.index);
  value.set(sparse.value);
  for (let d = 0; d < dense.length; d++) {
    index[n + d] = offset + d;
    value[n + d] = (dense[d] ?? 0) * scale;
  }
  return { index, value };
}

/** Integer weights as the model file stores them: 16-bit little-endian, base64. */
export function encodeWeights(weights: ArrayLike<number>): string {
  const bytes = Buffer.alloc(weights.length * 2);
  for (let i = 0; i < weights.length; i++) bytes.writeInt16LE(weights[i] ?? 0, i * 2);
  return bytes.toString('base64');
}

function decodeWeights(base64: string): Int16Array {
  const bytes = Buffer.from(base64, 'base64');
  const out = new Int16Array(bytes.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readInt16LE(i * 2);
  return out;
}

function buildModel(data: TopicModelData, stored: Int16Array): TopicModel {
  const classes = data.labels.length;
  const vocabulary = new Map(data.features.map((f, i) => [f, i]));
  const idf = Float32Array.from(data.idf);
  const weights = new Float32Array(stored.length);
  for (let i = 0; i < stored.length; i++) weights[i] = (stored[i] ?? 0) * data.scale;
  const bias = Float64Array.from(data.bias);
  return {
    labels: data.labels,
    data,
    dimensions: data.dense?.dimensions ?? 0,
    vectorize: (counts, dense) =>
      data.dense === undefined
        ? vectorizeCounts(counts, vocabulary, idf)
        : appendDense(
            vectorizeCounts(counts, vocabulary, idf),
            dense,
            data.features.length,
            data.dense.weight,
          ),
    logits(vector) {
      const out = Float64Array.from(bias);
      for (let k = 0; k < vector.index.length; k++) {
        const base = (vector.index[k] ?? 0) * classes;
        const v = vector.value[k] ?? 0;
        for (let c = 0; c < classes; c++) out[c] = (out[c] ?? 0) + (weights[base + c] ?? 0) * v;
      }
      for (let c = 0; c < classes; c++) out[c] = (out[c] ?? 0) / data.temperature;
      return out;
    },
  };
}
