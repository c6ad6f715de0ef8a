/** Multinomial logistic regression on sparse vectors, fitted by L-BFGS with an L2 penalty. */

import type { SparseVector } from '../condense/topic-model.js';
import { logSumExp } from '../condense/softmax.js';
import { minimize } from './lbfgs.js';

/** One training example: its vector, class index and weight. */
export interface Example {
  readonly x: SparseVector;
  readonly label: number;
  readonly weight: number;
}

/** Fitted weights: `weights[f * classes + c]`, one bias per class. */
export interface SoftmaxFit {
  readonly weights: Float64Array;
  readonly bias: Float64Array;
}

/** Fits weights that minimise the weighted mean cross-entropy plus `l2 / 2` times the squared weights. */
export function trainSoftmax(
  examples: readonly Example[],
  features: number,
  classes: number,
  l2: number,
  maxIterations = 300,
): SoftmaxFit {
  const size = features * classes;
  const total = examples.reduce((sum, e) => sum + e.weight, 0);
  const scores = new Float64Array(classes);
  const objective = (theta: Float64Array, gradient: Float64Array): number => {
    gradient.fill(0);
    let loss = 0;
    for (const example of examples) {
      const { index, value } = example.x;
      for (let c = 0; c < classes; c++) scores[c] = theta[size + c] ?? 0;
      for (let k = 0; k < index.length; k++) {
        const base = (index[k] ?? 0) * classes;
        const v = value[k] ?? 0;
        for (let c = 0; c < classes; c++) scores[c] = (scores[c] ?? 0) + (theta[base + c] ?? 0) * v;
      }
      const logSum = logSumExp(scores);
      const w = example.weight / total;
      loss += w * (logSum - (scores[example.label] ?? 0));
      for (let c = 0; c < classes; c++) {
        const residual = w * (Math.exp((scores[c] ?? 0) - logSum) - (c === example.label ? 1 : 0));
        gradient[size + c] = (gradient[size + c] ?? 0) + residual;
        for (let k = 0; k < index.length; k++) {
          const at = (index[k] ?? 0) * classes + c;
          gradient[at] = (gradient[at] ?? 0) + residual * (value[k] ?? 0);
        }
      }
    }
    for (let i = 0; i < size; i++) {
      const t = theta[i] ?? 0;
      loss += 0.5 * l2 * t * t;
      gradient[i] = (gradient[i] ?? 0) + l2 * t;
    }
    return loss;
  };
  const { x } = minimize(objective, new Float64Array(size + classes), { maxIterations });
  return { weights: x.subarray(0, size), bias: x.subarray(size) };
}
