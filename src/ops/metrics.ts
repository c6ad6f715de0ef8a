import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { PlatformName } from '../core/types.js';
import type { PollOutcome } from '../pipeline/poll-feed.js';
import type { SendOutcome } from '../platforms/platform.js';
import { INGEST_REASONS } from '../ingest/errors.js';
import type { QueueDepths } from '../store/store.js';

const SEND_FAILURES = ['retry', 'gone', 'rejected'] as const;
/** How long a scrape waits for the queue depths, as /healthz waits for the store. */
const DEPTHS_MS = 2_000;

/** `work`, or a rejection once `ms` have passed without its answer. */
function withinMs<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`no answer within ${ms} ms`));
    }, ms);
  });
  return Promise.race([work, late]).finally(() => {
    clearTimeout(timer);
  });
}

/** What Gazette counts for Prometheus; the pipeline reports through these hooks. */
export interface Metrics {
  readonly registry: Registry;
  polled(outcome: PollOutcome): void;
  condensed(items: number): void;
  /** One story run: the items it filed, how long it took and the process's CPU time meanwhile. */
  storyRun(filed: number, seconds: number, cpuSeconds: number): void;
  digestComposed(platform: PlatformName): void;
  sent(platform: PlatformName, outcome: SendOutcome): void;
  /** The exposition text of every series. */
  scrape(): Promise<string>;
  readonly contentType: string;
}

/**
 * A registry of Gazette's series plus, when asked, Node's process metrics (CPU, memory, event-loop lag).
 * Queue depths are read from `depths` at each scrape, so they hold across processes sharing a store.
 */
export function createMetrics(
  platforms: readonly PlatformName[],
  depths: () => Promise<QueueDepths>,
  processMetrics: boolean,
): Metrics {
  const registry = new Registry();
  // Node's own series watch the event loop and GC: worth it only where something scrapes them.
  if (processMetrics) collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const polls = new Counter({
    name: 'gazette_polls_total',
    help: 'Feed polls by outcome (updated, not_modified, failed).',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const pollFailures = new Counter({
    name: 'gazette_poll_failures_total',
    help: 'Failed feed polls by reason.',
    labelNames: ['reason'],
    registers: [registry],
  });
  const condensed = new Counter({
    name: 'gazette_items_condensed_total',
    help: 'Items summarised and tagged (gazette_items_filed_total counts those filed into stories).',
    registers: [registry],
  });
  // The one step that a single process at a time runs: its share of the time bounds what more
  // processes can gain.
  const storySeconds = new Counter({
    name: 'gazette_story_seconds_total',
    help: 'Time spent filing condensed items into stories, under the story lease.',
    registers: [registry],
  });
  const storyCpu = new Counter({
    name: 'gazette_story_cpu_seconds_total',
    help: "The process's CPU time while it filed items into stories.",
    registers: [registry],
  });
  const filed = new Counter({
    name: 'gazette_items_filed_total',
    help: 'Items filed into stories.',
    registers: [registry],
  });
  const digests = new Counter({
    name: 'gazette_digests_composed_total',
    help: 'Digests with at least one story put in the outbox, by platform.',
    labelNames: ['platform'],
    registers: [registry],
  });
  const sent = new Counter({
    name: 'gazette_parts_sent_total',
    help: 'Digest messages the platform confirmed, by platform.',
    labelNames: ['platform'],
    registers: [registry],
  });
  const failed = new Counter({
    name: 'gazette_parts_failed_total',
    help: 'Digest messages a platform did not take, by platform and kind (retry, gone, rejected).',
    labelNames: ['platform', 'kind'],
    registers: [registry],
  });
  new Gauge({
    name: 'gazette_queue_depth',
    help: 'Work waiting: outbox (unsent parts), condense (items), feeds_due (polls).',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      // A store that is down or does not answer costs this series, not the scrape: every other
      // series is what an operator needs to see then.
      const now = await withinMs(DEPTHS_MS, depths()).catch(() => null);
      if (now === null) {
        this.reset();
        return;
      }
      this.set({ queue: 'outbox' }, now.outbox);
      this.set({ queue: 'condense' }, now.condense);
      this.set({ queue: 'feeds_due' }, now.feedsDue);
    },
  });
  // Zero from the start: a series that appears only after its first event hides a rate of nothing.
  for (const outcome of ['updated', 'not_modified', 'failed']) polls.inc({ outcome }, 0);
  // Every failure a poll can report exists from the first scrape.
  for (const reason of INGEST_REASONS) pollFailures.inc({ reason }, 0);
  for (const platform of platforms) {
    digests.inc({ platform }, 0);
    sent.inc({ platform }, 0);
    for (const kind of SEND_FAILURES) failed.inc({ platform, kind }, 0);
  }
  return {
    registry,
    polled(outcome) {
      const name = outcome.kind === 'not-modified' ? 'not_modified' : outcome.kind;
      polls.inc({ outcome: name });
      if (outcome.kind === 'failed') pollFailures.inc({ reason: outcome.code });
    },
    condensed: (items) => {
      if (items > 0) condensed.inc(items);
    },
    storyRun(items, seconds, cpuSeconds) {
      storySeconds.inc(seconds);
      storyCpu.inc(cpuSeconds);
      if (items > 0) filed.inc(items);
    },
    digestComposed: (platform) => {
      digests.inc({ platform });
    },
    sent(platform, outcome) {
      if (outcome.ok) sent.inc({ platform });
      else failed.inc({ platform, kind: outcome.kind });
    },
    scrape: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
