/** Limited-memory BFGS for smooth convex objectives: what fits the topic model's weights. */

/** The objective: writes the gradient at `x` into `gradient` and returns the value. */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

/** Stopping rules and memory. */
export interface LbfgsOptions {
  readonly maxIterations: number;
  /** Stops when an iteration improves the objective by less than this share of its value. */
  readonly tolerance: number;
  /** Correction pairs kept. */
  readonly memory: number;
}

const DEFAULTS: LbfgsOptions = { maxIterations: 300, tolerance: 1e-7, memory: 10 };

/** Minimises `objective` from `start`; returns the point reached and its value. */
export function minimize(
  objective: Objective,
  start: Float64Array,
  options: Partial<LbfgsOptions> = {},
): { x: Float64Array; value: number; iterations: number } {
  const { maxIterations, tolerance, memory } = { ...DEFAULTS, ...options };
  const n = start.length;
  let x = Float64Array.from(start);
  let gradient = new Float64Array(n);
  let value = objective(x, gradient);
  const steps: Float64Array[] = [];
  const changes: Float64Array[] = [];
  const rhos: number[] = [];
  let iteration = 0;
  for (; iteration < maxIterations; iteration++) {
    const direction = searchDirection(gradient, steps, changes, rhos);
    let slope = dot(direction, gradient);
    if (slope >= 0) {
      // Not a descent direction (curvature information went stale): restart from the gradient.
      steps.length = 0;
      changes.length = 0;
      rhos.length = 0;
      for (let i = 0; i < n; i++) direction[i] = -(gradient[i] ?? 0);
      slope = dot(direction, gradient);
    }
    let step = iteration === 0 ? 1 / Math.max(1, Math.sqrt(-slope)) : 1;
    const next = new Float64Array(n);
    const nextGradient = new Float64Array(n);
    let nextValue = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) next[i] = (x[i] ?? 0) + step * (direction[i] ?? 0);
      nextValue = objective(next, nextGradient);
      // Armijo: enough decrease for the step taken.
      if (nextValue <= value + 1e-4 * step * slope) break;
      step /= 2;
    }
    if (!(nextValue < value)) break;
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = (next[i] ?? 0) - (x[i] ?? 0);
      y[i] = (nextGradient[i] ?? 0) - (gradient[i] ?? 0);
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      steps.push(s);
      changes.push(y);
      rhos.push(1 / sy);
      if (steps.length > memory) {
        steps.shift();
        changes.shift();
        rhos.shift();
      }
    }
    const improvement = value - nextValue;
    x = next;
    gradient = nextGradient;
    value = nextValue;
    if (improvement < tolerance * Math.max(1, Math.abs(value))) break;
  }
  return { x, value, iterations: iteration };
}

// The two-loop recursion: the inverse-Hessian estimate times the negative gradient.
function searchDirection(
  gradient: Float64Array,
  steps: readonly Float64Array[],
  changes: readonly Float64Array[],
  rhos: readonly number[],
): Float64Array {
  const q = Float64Array.from(gradient);
  const alphas: number[] = [];
  for (let k = steps.length - 1; k >= 0; k--) {
    const s = steps[k] ?? new Float64Array(0);
    const alpha = (rhos[k] ?? 0) * dot(s, q);
    alphas[k] = alpha;
    axpy(-alpha, changes[k] ?? new Float64Array(0), q);
  }
  const last = steps.length - 1;
  if (last >= 0) {
    const y = changes[last] ?? new Float64Array(0);
    const scale = dot(steps[last] ?? y, y) / Math.max(dot(y, y), 1e-12);
    for (let i = 0; i < q.length; i++) q[i] = (q[i] ?? 0) * scale;
  }
  for (let k = 0; k < steps.length; k++) {
    const beta = (rhos[k] ?? 0) * dot(changes[k] ?? q, q);
    axpy((alphas[k] ?? 0) - beta, steps[k] ?? q, q);
  }
  for (let i = 0; i < q.length; i++) q[i] = -(q[i] ?? 0);
  return q;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}

function axpy(alpha: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i] = (y[i] ?? 0) + alpha * (x[i] ?? 0);
}
