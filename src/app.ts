import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { Logger } from 'pino';
import { commands } from '../commands/index.js';
import type { Clock } from './core/clock.js';
import type { CatalogEntry, GazetteServices } from './core/services.js';
import type { Feed, PlatformName, Topic } from './core/types.js';
import type { Config } from './config/schema.js';
import { loadLanguageDetector } from './condense/language.js';
import { createTopicTagger } from './condense/topics.js';
import { createFetcher, type Fetcher } from './ingest/fetch.js';
import { createImageChecker, IMAGE_MAX_BYTES } from './ingest/image-check.js';
import { createOps, type Ops } from './ops/ops.js';
import { createClusterer } from './pipeline/cluster-pending.js';
import { createCondenseStep, type CondenseStepOptions } from './pipeline/condense-step.js';
import { createDelivery } from './pipeline/deliver.js';
import { runDueDigests } from './pipeline/digest-cycle.js';
import { hasLiveChats, queueLiveStories, type LiveDeps } from './pipeline/live-stories.js';
import { createExtractDeps } from './pipeline/extract-pending.js';
import { notifyDisabled } from './pipeline/disable-notices.js';
import { createFaultGate } from './pipeline/store-faults.js';
import { createRetentionJob, type RetentionJob } from './pipeline/retention.js';
import { leaseHolderId } from './pipeline/holder-id.js';
import { continuousJob, createWorkLeases, WORK_LEASE_MS } from './pipeline/work-leases.js';
import { runPollCycle, type PollCycleDeps, type PollCycleResult } from './pipeline/poll-cycle.js';
import { createPollPool } from './pipeline/poll-pool.js';
import type { PollOutcome } from './pipeline/poll-feed.js';
import type { QueueDeps } from './pipeline/queue-digest.js';
import type { PromptLine } from './platforms/console/prompt.js';
import { platformFactories, type PlatformContext } from './platforms/registry.js';
import type { Platform } from './platforms/platform.js';
import { createScheduler, type Scheduler } from './schedule/scheduler.js';
import { defaultMeaningReader } from './stories/engine.js';
import { defaultStoryModel } from './stories/story-model.js';
import { storedPreparation } from './stories/stored-preparation.js';
import { createConsoleFirstRun } from './services/console-first-run.js';
import { ensureConsoleSubscription } from './services/console-subscription.js';
import { WORKING_NOTICE_MS } from './core/working-notice.js';
import { createServices } from './services/create-services.js';
import { createPostgresStore } from './store/postgres/postgres-store.js';
import { createSqliteStore } from './store/sqlite/sqlite-store.js';
import { isStoreFault, StoreUnavailableError, type Store } from './store/store.js';

/** The process's edges, passed in so tests can replace each one. */
export interface AppIO {
  readonly output: Writable;
  /** Where console commands are typed; null to take none. */
  readonly input: Readable | null;
  readonly log: Logger;
  readonly clock: Clock;
  readonly random: () => number;
  /** Replaces the store named by the configuration (tests, one-shot runs). */
  readonly store?: Store;
  readonly fetcher?: Fetcher;
  /** Keeps the console's prompt below everything printed (a terminal only). */
  readonly prompt?: PromptLine;
  /** How long a command may take before its chat is shown it is at work; null never (tests). */
  readonly workingNoticeMs?: number | null;
  /**
   * Gazette cannot go on (a refused token, a database deleted under it): told once, with one line
   * that says why. The command line prints it and exits non-zero; without it, the line is logged.
   */
  readonly onFatal?: (message: string) => void;
}

/** A wired Gazette. */
export interface App {
  readonly config: Config;
  readonly store: Store;
  readonly services: GazetteServices;
  readonly platforms: ReadonlyMap<PlatformName, Platform>;
  readonly scheduler: Scheduler;
  /** /healthz and /metrics; its server listens only while started with `http.port` set. */
  readonly ops: Ops;
  /** The daily prune; `runNow` prunes at once when this process holds its lease. */
  readonly retention: RetentionJob;
  /**
   * Polls every due feed once and condenses what came in; `onPolled` hears of each feed done.
   * With `seenAt`, the pass's new items count as first seen at that moment (see `runPollCycle`).
   */
  pollOnce(
    onPolled?: (outcome: PollOutcome) => void,
    options?: { readonly seenAt?: number },
  ): Promise<PollCycleResult>;
  /** Composes due digests and sends the outbox. */
  deliverDue(): Promise<void>;
  /**
   * Condenses what is pending and files it into stories, after any run already under way (a new
   * subscription starts one without waiting for it); resolves to the items this run condensed.
   */
  condensePending(): Promise<number>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Catalog entries as services see them. */
export function catalogOf(config: Config): CatalogEntry[] {
  return config.catalog.map(({ id, name, url, topics, language }) => ({ id, name, url, topics, language }));
}

/** Opens the configured store: SQLite under the data directory unless `DATABASE_URL` names PostgreSQL. */
export function openStore(config: Config): Store {
  if (config.databaseUrl !== null)
    return createPostgresStore({ url: config.databaseUrl, poolSize: config.postgres.poolSize });
  const file = path.join(config.dataDir, 'gazette.db');
  try {
    return createSqliteStore({ path: file });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StoreUnavailableError(`the SQLite database ${file} is not usable: ${reason}`, { cause: error });
  }
}

/** Platforms whose tokens are set; the console when none is. */
export function enabledPlatforms(config: Config): PlatformName[] {
  const names: PlatformName[] = [];
  if (config.discord.token !== null) names.push('discord');
  if (config.telegram.token !== null) names.push('telegram');
  return names.length > 0 ? names : ['console'];
}

/** Wires every part from the configuration; nothing runs until `start`. */
export function createApp(config: Config, io: AppIO): App {
  const store = io.store ?? openStore(config);
  const fetcher =
    io.fetcher ?? createFetcher(config.fetch, { keepAlivePerHost: config.polling.perHostConcurrency });
  const topics: Topic[] = config.topics;
  const catalog = catalogOf(config);
  const platforms = new Map<PlatformName, Platform>();
  const now = (): number => io.clock.now();
  const ops = createOps({ config, store, platforms, now, log: io.log, names: enabledPlatforms(config) });
  const queue: QueueDeps = {
    store,
    topics,
    platformFor: (subscription) => platforms.get(subscription.platform) ?? null,
    maxStories: config.digest.maxStories,
    maxAgeMs: config.digest.maxAgeHours * 3_600_000,
    onComposed: (subscription) => {
      ops.metrics.digestComposed(subscription.platform);
    },
    images: createImageChecker(createFetcher({ ...config.fetch, maxBytes: IMAGE_MAX_BYTES }), now),
    onImageRefused: (url, reason) => {
      io.log.debug({ url, reason }, 'picture not shown');
    },
  };
  let fatalSent = false;
  const fatal = (message: string): void => {
    if (fatalSent) return;
    fatalSent = true;
    if (io.onFatal) io.onFatal(message);
    else io.log.fatal(message);
  };
  const faults = createFaultGate({ log: io.log, now, fatal });
  store.onFault((fault) => {
    faults.report(fault);
  });
  /** A scheduled job that backs off while the store cannot be written. */
  const gated = (job: () => Promise<void>) => async (): Promise<void> => {
    const startedAt = now();
    if (!faults.allows(startedAt)) return;
    await job();
    faults.succeeded(startedAt);
  };
  // In-memory stores (tests, one-shot runs) belong to this process alone: nothing to take back.
  const holder = io.store === undefined ? leaseHolderId(config.dataDir) : undefined;
  const work = createWorkLeases(store.leases, now, WORK_LEASE_MS, holder);
  const delivery = createDelivery({
    store,
    log: io.log,
    maxAttempts: config.delivery.maxAttempts,
    inFlight: (name) =>
      name === 'telegram'
        ? config.delivery.telegramInFlight
        : name === 'discord'
          ? config.delivery.discordInFlight
          : 1,
  });
  const live: LiveDeps = {
    store,
    topics,
    maxStories: config.digest.maxStories,
    maxAgeMs: config.digest.maxAgeHours * 3_600_000,
    log: io.log,
  };
  // Platforms whose delivery lease this process held at its last pass: the ones it wakes up for.
  let delivering = new Map<PlatformName, Platform>();
  const composeAndSend = async (signal: AbortSignal): Promise<void> => {
    // Composing twice is harmless (a slot holds one digest); sending twice is not.
    await runDueDigests({ queue, log: io.log, served: () => [...platforms.keys()] }, now());
    if (signal.aborted) return;
    delivering = new Map<PlatformName, Platform>();
    for (const [name, platform] of platforms) {
      if (await work.hold(`deliver:${name}`)) delivering.set(name, ops.metered(platform));
    }
    if (delivering.size === 0) return;
    // Live posts are composed only by the holder of their platform's delivery lease: two processes
    // composing them at different instants would each post the story.
    await queueLiveStories(live, delivering, now());
    // Renewed between batches; a platform whose lease was lost is left to its new holder.
    const keepGoing = async (): Promise<boolean> => {
      for (const name of [...delivering.keys()]) {
        if (!(await work.hold(`deliver:${name}`))) delivering.delete(name);
      }
      return delivering.size > 0;
    };
    const holding = new Map([...delivering.keys()].map((name) => [name, work.holdsAsNow(`deliver:${name}`)]));
    const stillHolds = (name: PlatformName): boolean => holding.get(name)?.() === true;
    await delivery.run({ platforms: delivering, keepGoing, signal, stillHolds }, now);
  };
  const tagger = createTopicTagger(topics);
  const clusterer = createClusterer({
    store,
    windowMs: config.clustering.windowHours * 3_600_000,
    log: io.log,
    keepGoing: () => storyJob.stillHeld(),
    sliceMs: config.condensing.sliceMs,
    combineTopics: (readings) => tagger.combine(readings),
  });
  // Another process may file stories while this one does not hold the job: its window is then stale.
  const storyJob = continuousJob(work, 'stories', () => {
    clusterer.reset();
  });
  const condenseStep = createCondenseStep({
    condense: {
      store,
      tagger,
      feedTopics: (catalogId) => catalog.find((c) => c.id === catalogId)?.topics ?? [],
      summary: config.summary,
      log: io.log,
      prepareStory: (text) => storedPreparation(defaultMeaningReader(defaultStoryModel()), text),
      extract: createExtractDeps(config, store, io.log, io.fetcher, now),
      batchSize: config.condensing.batchSize,
      claimMs: config.condensing.claimSeconds * 1_000,
      sliceMs: config.condensing.sliceMs,
    },
    stories: clusterer,
    mayCluster: () => storyJob.begin(),
    now,
    // Counted batch by batch: a run lasts as long as items keep coming.
    onCondensed: (items) => {
      ops.metrics.condensed(items);
    },
    onStoryRun: (items, ms, cpuMs) => {
      ops.metrics.storyRun(items, ms / 1_000, cpuMs / 1_000);
      // A patient run may file stories with nothing left to condense: live chats hear of them then.
      if (items === 0) return;
      void hasLiveChats(store).then(
        (live) => {
          if (live) void scheduler?.deliverNow();
        },
        (error: unknown) => {
          io.log.warn({ err: error }, 'looking for live chats failed');
        },
      );
    },
  });
  // Aborted at stop: a run a command or the first digest started ends between two items too, as
  // the condense job's does, so that a stop is not held up by thousands of waiting items.
  let stopping = new AbortController();
  // Whoever asks (the condense job, a new subscription or a /digest) waits for a run under way.
  const condenseNow = async (signal?: AbortSignal, options?: CondenseStepOptions): Promise<number> => {
    const condensed = await condenseStep(
      signal === undefined ? stopping.signal : AbortSignal.any([signal, stopping.signal]),
      options,
    );
    // A story just filed may be due in a live chat now, not at the next minute tick.
    if (condensed > 0 && (await hasLiveChats(store))) void scheduler?.deliverNow();
    return condensed;
  };
  // Built lazily: the scheduler needs the services' hooks and the services need the scheduler.
  let scheduler: Scheduler | null = null;
  const services = createServices({
    store,
    fetcher,
    catalog,
    topics,
    policy: config.polling,
    newFeedItems: config.digest.newFeedItems,
    random: io.random,
    defaultSchedule: { cron: config.schedule.default, timezone: config.schedule.timezone },
    maxFeedsPerChat: config.limits.feedsPerChat,
    maxImport: config.limits.importFeeds,
    importBudgetMs: config.limits.importSeconds * 1000,
    queue,
    clock: io.clock,
    onDigestQueued: () => void scheduler?.deliverNow(),
    onScheduleChanged: () => scheduler?.refresh(),
    // A failure is the next poll cycle's to retry; the chat's command still gets its answer.
    condenseNow: () =>
      condenseNow().then(
        () => undefined,
        (error: unknown) => {
          io.log.error({ err: error }, 'condensing failed');
        },
      ),
  });
  const pollDeps: PollCycleDeps = {
    poll: {
      store,
      fetcher,
      policy: config.polling,
      newFeedItems: config.digest.newFeedItems,
      random: io.random,
      log: io.log,
    },
    store,
    concurrency: config.polling.concurrency,
    perHostConcurrency: config.polling.perHostConcurrency,
    leaseMs: config.fetch.timeoutMs * 3,
    passMs: config.polling.passSeconds * 1_000,
    log: io.log,
    now,
  };
  const noticeDeps = { store, platforms, catalog, log: io.log };
  const pollPool = createPollPool(config.polling.concurrency, config.polling.perHostConcurrency);
  const platformContext: PlatformContext = {
    config,
    services,
    commands,
    log: io.log,
    now,
    output: io.output,
    input: io.input,
    ...(io.prompt ? { prompt: io.prompt } : {}),
    workingNoticeMs: io.workingNoticeMs === undefined ? WORKING_NOTICE_MS : io.workingNoticeMs,
    onInternalError: (reference, error) => {
      // A store fault is reported on its own, once a minute; the command only notes its reference.
      if (isStoreFault(error)) io.log.warn({ reference }, 'command refused: the database cannot be used');
      else io.log.error({ err: error, reference }, 'command failed');
    },
    fatal,
  };
  for (const name of enabledPlatforms(config)) {
    const factory = platformFactories[name];
    if (!factory) throw new Error(`The ${name} platform is not part of this build; unset its token.`);
    platforms.set(name, factory(platformContext));
  }
  /** One poll pass; the feeds it disabled are announced after it. */
  const pollPass = async (
    onPolled: ((outcome: PollOutcome) => void) | undefined,
    signal?: AbortSignal,
    seenAt?: number,
  ): Promise<PollCycleResult> => {
    ops.pollActivity();
    const disabled: Feed[] = [];
    const result = await runPollCycle(
      pollDeps,
      (outcome) => {
        ops.pollActivity();
        ops.metrics.polled(outcome);
        if (outcome.kind === 'failed' && outcome.disabled) disabled.push(outcome.feed);
        onPolled?.(outcome);
      },
      signal,
      pollPool,
      seenAt,
    );
    if (disabled.length > 0) await notifyDisabled(noticeDeps, disabled);
    return result;
  };
  const pollCycle = async (
    onPolled?: (outcome: PollOutcome) => void,
    options: { readonly seenAt?: number } = {},
  ): Promise<PollCycleResult> => {
    const result = await pollPass(onPolled, undefined, options.seenAt);
    return { ...result, condensed: await condenseNow() };
  };
  const firstRun = createConsoleFirstRun({ store, services, platforms, log: io.log, now });
  // Condensing is a job of its own: woken by every poll that stored something, never waiting for
  // the pass to end, so a wire story is filed while its other tellings are still being fetched.
  const pollDueFeeds = async (signal: AbortSignal): Promise<void> => {
    const result = await pollPass((outcome) => {
      if (outcome.kind === 'updated' && outcome.inserted + outcome.updated > 0) scheduler?.wakeCondense();
    }, signal);
    if (result.polled > 0) io.log.info(result, 'poll pass');
    // The first digest needs the first items condensed.
    // Stopping: a first digest half composed is worth less than a prompt exit.
    if (signal.aborted) return;
    if (!firstRun.settled() && result.polled > 0) await condenseNow(signal);
    // A stop that came while condensing: the first digest would condense all the rest first.
    if (stopping.signal.aborted) return;
    await firstRun.afterCycle(result);
  };
  const runningScheduler = createScheduler({
    log: io.log,
    pollTick: config.polling.tick,
    pollDueFeeds: (signal) => gated(() => pollDueFeeds(signal))(),
    condense: (signal) =>
      gated(async () => {
        await condenseNow(signal, { patient: true });
      })(),
    deliverDueDigests: (signal) => gated(() => composeAndSend(signal))(),
    nextDeliveryAt: () => delivery.nextWakeAt([...delivering.keys()], now()),
    nextDigestAt: () => store.subscriptions.nextDigestDue([...platforms.keys()]),
    now,
  });
  scheduler = runningScheduler;
  const retention = createRetentionJob({
    store,
    log: io.log,
    policy: {
      itemsMs: Math.max(config.digest.maxAgeHours, config.clustering.windowHours) * 3_600_000,
      digestsMs: config.retention.days * 86_400_000,
      everyMs: config.retention.everyHours * 3_600_000,
    },
    hold: () => work.hold('retention'),
    now,
  });
  const app: App = {
    config,
    store,
    services,
    platforms,
    scheduler: runningScheduler,
    ops,
    retention,
    pollOnce: pollCycle,
    condensePending: () => condenseNow(),
    // Through the scheduler, so two callers never send the same pending part side by side.
    deliverDue: () => runningScheduler.deliverNow(),
    async start() {
      if (stopping.signal.aborted) stopping = new AbortController();
      // Large tables read on first use would otherwise stall the first condense pass.
      loadLanguageDetector();
      // Condensing prepares items for the story step with the model's meaning reader.
      defaultMeaningReader(defaultStoryModel());
      if (platforms.has('console')) await ensureConsoleSubscription(store, config, now());
      await firstRun.begin();
      for (const platform of platforms.values()) await platform.start();
      await ops.start();
      await app.scheduler.start();
      retention.start();
      work.startHeartbeat(io.log);
      // Notices a process stopped before sending; from here on each poll sends its own.
      notifyDisabled(noticeDeps).catch((error: unknown) => {
        if (!isStoreFault(error)) io.log.warn({ err: error }, 'disable notices failed');
      });
    },
    async stop() {
      stopping.abort();
      // Waits for the poll and condense passes, which stop between two feeds or two items.
      await app.scheduler.stop();
      await retention.stop();
      // Polls a pass that ran out of time left behind; aborted with it, they end at once.
      await pollPool.idle();
      fetcher.close?.();
      await ops.stop();
      for (const platform of platforms.values()) await platform.stop();
      await work.releaseAll();
      await store.close();
    },
  };
  return app;
}
