/**
 * Runs `work` with a signal that aborts with `reason()` once `ms` have passed, or when `parent`
 * aborts; the timer never outlives the work.
 */
export async function withDeadline<T>(
  ms: number,
  reason: () => Error,
  work: (signal: AbortSignal) => Promise<T>,
  parent?: AbortSignal,
): Promise<T> {
  const deadline = new AbortController();
  const timer = setTimeout(() => {
    deadline.abort(reason());
  }, ms);
  const signal = parent === undefined ? deadline.signal : AbortSignal.any([parent, deadline.signal]);
  try {
    return await work(signal);
  } finally {
    clearTimeout(timer);
  }
}
