/** Polling cadence settings (a slice of the configuration). */
export interface BackoffPolicy {
  readonly intervalMinutes: number;
  readonly backoffBaseMinutes: number;
  readonly backoffMaxHours: number;
}

/** A number in [1 - spread, 1 + spread) from `random`, so that feeds do not poll in lockstep. */
const jitter = (random: () => number, spread: number): number => 1 - spread + random() * 2 * spread;

/** When a healthy feed is next polled: its own interval (the configured one by default), jittered. */
export function nextPollAfterSuccess(
  policy: BackoffPolicy,
  now: number,
  random: () => number,
  intervalMs: number = policy.intervalMinutes * 60_000,
): number {
  return now + Math.round(intervalMs * jitter(random, 0.1));
}

/**
 * When a failing feed is next polled: exponential in the number of consecutive failures, capped,
 * with jitter, and never sooner than the server asked (`Retry-After`).
 */
export function nextPollAfterFailure(
  policy: BackoffPolicy,
  failures: number,
  now: number,
  retryAfterMs: number | null,
  random: () => number,
): number {
  const base = policy.backoffBaseMinutes * 60_000;
  const cap = policy.backoffMaxHours * 3_600_000;
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const delay = Math.min(base * 2 ** exponent, cap) * jitter(random, 0.2);
  return now + Math.round(Math.max(delay, retryAfterMs ?? 0));
}
