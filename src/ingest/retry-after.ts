/** Longest wait a server may ask for; beyond it the poller's own backoff decides. */
const MAX_RETRY_AFTER_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Milliseconds to wait from a `Retry-After` header (delay in seconds, or an HTTP date relative to
 * `now`), capped at seven days; null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d{1,10}$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  if (!/[a-z]/i.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(at - now, 0), MAX_RETRY_AFTER_MS);
}
