/** L2-regularised logistic regression by Newton's method: few features, exact and repeatable. */

/** Weights (one per column) and bias. */
export interface LogisticFit {
  readonly weights: number[];
  readonly bias: number;
}

/** Solves `matrix · x = vector` by Gauss–Jordan elimination with partial pivoting. */
function solve(matrix: readonly (readonly number[])[], vector: readonly number[]): number[] {
  const n = vector.length;
  const a = matrix.map((row, i) => Float64Array.from([...row, vector[i] ?? 0]));
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++)
      if (Math.abs(a[r]?.[col] ?? 0) > Math.abs(a[pivot]?.[col] ?? 0)) pivot = r;
    const top = a[pivot] ?? new Float64Array(n + 1);
    a[pivot] = a[col] ?? new Float64Array(n + 1);
    a[col] = top;
    const lead = top[col] ?? 0;
    if (Math.abs(lead) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      const row = a[r];
      if (r === col || row === undefined) continue;
      const factor = (row[col] ?? 0) / lead;
      if (factor === 0) continue;
      for (let c = col; c <= n; c++) row[c] = (row[c] ?? 0) - factor * (top[c] ?? 0);
    }
  }
  return a.map((row, i) => {
    const diagonal = row[i] ?? 0;
    return diagonal === 0 ? 0 : (row[n] ?? 0) / diagonal;
  });
}

/**
 * Fits `y ~ sigmoid(x·w + b)`; `lambda` penalises the weights, not the bias. `sampleWeights`, when
 * given, scales each example's pull (mean 1 keeps `lambda` comparable).
 */
export function fitLogistic(
  x: readonly (readonly number[])[],
  y: readonly number[],
  lambda: number,
  iterations = 25,
  sampleWeights: readonly number[] | null = null,
): LogisticFit {
  const d = (x[0]?.length ?? 0) + 1;
  let w = new Array<number>(d).fill(0);
  for (let it = 0; it < iterations; it++) {
    const gradient = new Array<number>(d).fill(0);
    const hessian = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    x.forEach((row, i) => {
      const features = [...row, 1];
      let z = 0;
      for (let k = 0; k < d; k++) z += (w[k] ?? 0) * (features[k] ?? 0);
      const p = 1 / (1 + Math.exp(-z));
      const weight = sampleWeights?.[i] ?? 1;
      const error = weight * ((y[i] ?? 0) - p);
      const curvature = weight * p * (1 - p);
      for (let k = 0; k < d; k++) {
        const fk = features[k] ?? 0;
        gradient[k] = (gradient[k] ?? 0) + error * fk;
        const hk = hessian[k] ?? [];
        for (let l = 0; l < d; l++) hk[l] = (hk[l] ?? 0) + curvature * fk * (features[l] ?? 0);
      }
    });
    for (let k = 0; k < d - 1; k++) {
      gradient[k] = (gradient[k] ?? 0) - lambda * (w[k] ?? 0);
      const hk = hessian[k] ?? [];
      hk[k] = (hk[k] ?? 0) + lambda;
    }
    const step = solve(hessian, gradient);
    w = w.map((v, k) => v + (step[k] ?? 0));
    if (step.every((s) => Math.abs(s) < 1e-8)) break;
  }
  return { weights: w.slice(0, d - 1), bias: w[d - 1] ?? 0 };
}
