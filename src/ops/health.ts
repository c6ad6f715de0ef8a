import type { PlatformName } from '../core/types.js';
import type { Platform } from '../platforms/platform.js';
import type { StatsStore } from '../store/store.js';

/** What /healthz looks at. */
export interface HealthDeps {
  readonly stats: StatsStore;
  readonly platforms: ReadonlyMap<PlatformName, Platform>;
  /** When the poller last did something (a cycle started or a feed was polled); null before it ran. */
  readonly lastPollAt: () => number | null;
  readonly startedAt: number;
  readonly now: () => number;
  /** Poll activity older than this means the poller is stuck. */
  readonly maxPollAgeMs: number;
  /** How long the store may take to answer. */
  readonly storeTimeoutMs: number;
}

/** The body of /healthz. */
export interface HealthReport {
  readonly status: 'ok' | 'failing';
  readonly store: { readonly ok: boolean; readonly error?: string };
  readonly platforms: Readonly<Record<string, { readonly ok: boolean }>>;
  readonly poll: { readonly ok: boolean; readonly lastAt: string | null; readonly ageSeconds: number };
}

async function storeAnswers(deps: HealthDeps): Promise<{ ok: boolean; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`no answer within ${deps.storeTimeoutMs} ms`));
    }, deps.storeTimeoutMs);
    timer.unref();
  });
  try {
    await Promise.race([deps.stats.ping(), late]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** Healthy when the store answers, every platform is connected and the poller ran recently. */
export async function checkHealth(deps: HealthDeps): Promise<HealthReport> {
  const store = await storeAnswers(deps);
  const platforms = Object.fromEntries(
    [...deps.platforms].map(([name, platform]) => [name, { ok: platform.connected?.() ?? true }]),
  );
  const now = deps.now();
  const last = deps.lastPollAt();
  const age = now - (last ?? deps.startedAt);
  const poll = {
    ok: age <= deps.maxPollAgeMs,
    lastAt: last === null ? null : new Date(last).toISOString(),
    ageSeconds: Math.round(age / 1000),
  };
  const ok = store.ok && poll.ok && Object.values(platforms).every((p) => p.ok);
  return { status: ok ? 'ok' : 'failing', store, platforms, poll };
}
