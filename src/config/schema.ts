import { z } from 'zod';
import { validate as validateCron } from 'node-cron';
import { canonicalTimeZone } from '../core/time-zone.js';

const cronExpression = z.string().refine(validateCron, { error: 'not a valid cron expression' });
const timeZone = z.string().transform((zone, ctx) => {
  const canonical = canonicalTimeZone(zone);
  if (canonical === null) ctx.addIssue({ code: 'custom', message: 'not an IANA time zone' });
  return canonical ?? zone;
});
const feedUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const topicId = z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'must be lower-case letters, digits, - or _');

const catalogFeed = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}$/, 'must be lower-case letters, digits and -'),
  name: z.string().min(1).max(100),
  url: feedUrl,
  topics: z.array(topicId).min(1),
  language: z.string().regex(/^[a-z]{2}$/, 'must be a two-letter language code'),
  /** Fetch the article page when the feed carries only a snippet (see `extraction.minWords`). */
  extract: z.boolean().default(true),
});

/** `none` refuses every private address; `loopback` allows 127.0.0.0/8 and ::1 only; `all` allows every one. */
export const privateNetworkPolicy = z.enum(['none', 'loopback', 'all']);

export const topicSchema = z.strictObject({
  id: topicId,
  label: z.string().min(1).max(40),
  emoji: z.string().max(8).default(''),
  categories: z.array(z.string().min(1)).default([]),
});

/** The whole configuration, after defaults, the optional file and the environment are merged. */
export const configSchema = z.strictObject({
  dataDir: z.string().min(1).default('./data'),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .nullable()
    .default(null),
  postgres: z
    .strictObject({
      /** Connections one process keeps open to PostgreSQL. */
      poolSize: z.number().int().min(2).max(1000).default(10),
    })
    .prefault({}),
  /** Unset: `info` in JSON logs, `warn` on a terminal, where the console says what happens in words. */
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).nullable().default(null),
  /** `auto`: readable one-liners on a terminal, JSON lines otherwise. */
  logFormat: z.enum(['auto', 'pretty', 'json']).default('auto'),
  catalog: z.array(catalogFeed).default([]),
  topics: z.array(topicSchema).default([]),
  schedule: z
    .strictObject({
      /** Schedule of a new subscription. */
      default: cronExpression.default('0 8,18 * * *'),
      timezone: timeZone.default('UTC'),
    })
    .prefault({}),
  digest: z
    .strictObject({
      maxStories: z.number().int().min(1).max(50).default(10),
      /** Stories first seen longer ago than this never enter a digest. */
      maxAgeHours: z
        .number()
        .positive()
        .max(24 * 30)
        .default(48),
      /** Newest items a newly added feed contributes; the rest is history. */
      newFeedItems: z.number().int().min(0).max(50).default(3),
    })
    .prefault({}),
  retention: z
    .strictObject({
      /** Sent digests and their messages are kept this many days (items and stories as long as a digest may show them). */
      days: z.number().int().min(1).max(3650).default(14),
      /** Hours between prunes: hourly keeps each prune small and the size within a narrow band. */
      everyHours: z
        .number()
        .int()
        .min(1)
        .max(24 * 7)
        .default(1),
    })
    .prefault({}),
  delivery: z
    .strictObject({
      /**
       * Digest messages under way to Telegram at once. Telegram has no idempotency key, so a crash
       * can send each of them a second time: this is also the most a crash can repeat.
       */
      telegramInFlight: z.number().int().min(1).max(30).default(1),
      /** Discord drops a repeated part by its nonce, so more may be under way. */
      discordInFlight: z.number().int().min(1).max(50).default(10),
      /** Attempts after which a part that keeps failing is given up and its stories go back. */
      maxAttempts: z.number().int().min(1).max(100).default(10),
    })
    .prefault({}),
  summary: z
    .strictObject({
      maxSentences: z.number().int().min(1).max(10).default(3),
      maxChars: z.number().int().min(80).max(2000).default(400),
    })
    .prefault({}),
  extraction: z
    .strictObject({
      /** Feed text under this many words is a snippet: the article page is fetched for its text. 0 turns this off. */
      minWords: z.number().int().min(0).max(10_000).default(80),
      /** Article pages fetched at once, overall and from one host. */
      concurrency: z.number().int().min(1).max(32).default(4),
      perHostConcurrency: z.number().int().min(1).max(8).default(2),
      /** Largest article page read, after decompression. */
      maxBytes: z
        .number()
        .int()
        .positive()
        .default(3 * 1024 * 1024),
      timeoutMs: z.number().int().positive().default(15_000),
    })
    .prefault({}),
  clustering: z
    .strictObject({
      windowHours: z
        .number()
        .positive()
        .max(24 * 14)
        .default(48),
    })
    .prefault({}),
  condensing: z
    .strictObject({
      /** Items one process claims and writes at once. */
      batchSize: z.number().int().min(1).max(10_000).default(100),
      /** How long a claimed item stays with the process that claimed it. */
      claimSeconds: z.number().int().min(10).max(3_600).default(120),
      /** Longest stretch of condensing before the event loop gets a turn. */
      sliceMs: z.number().int().min(1).max(1_000).default(10),
    })
    .prefault({}),
  polling: z
    .strictObject({
      /** How often a healthy feed is polled. */
      intervalMinutes: z
        .number()
        .positive()
        .max(24 * 60)
        .default(15),
      /** Bounds of a feed's own interval, which its headers, `<ttl>` and publishing rate set. */
      minIntervalMinutes: z
        .number()
        .positive()
        .max(24 * 60)
        .default(5),
      maxIntervalMinutes: z
        .number()
        .positive()
        .max(7 * 24 * 60)
        .default(60),
      /** node-cron expression of the poll tick that picks due feeds. */
      tick: cronExpression.default('*/30 * * * * *'),
      concurrency: z.number().int().min(1).max(10_000).default(8),
      perHostConcurrency: z.number().int().min(1).max(1_000).default(2),
      /** A poll pass stops claiming feeds after this long; the next tick goes on. */
      passSeconds: z.number().positive().max(3_600).default(120),
      backoffBaseMinutes: z.number().positive().default(5),
      backoffMaxHours: z.number().positive().default(24),
      /** Consecutive failures after which a feed is disabled. */
      maxFailures: z.number().int().min(1).max(1000).default(10),
    })
    .prefault({}),
  fetch: z
    .strictObject({
      userAgent: z
        .string()
        .min(1)
        .default('Gazette/0.1 (+https://github.com/gazette-bot/gazette; self-hosted news digest)'),
      connectTimeoutMs: z.number().int().positive().default(5_000),
      timeoutMs: z.number().int().positive().default(20_000),
      maxBytes: z
        .number()
        .int()
        .positive()
        .default(5 * 1024 * 1024),
      maxRedirects: z.number().int().min(0).max(5).default(5),
      allowPrivateNetworks: privateNetworkPolicy.default('none'),
    })
    .prefault({}),
  limits: z
    .strictObject({
      /** Feeds one chat may follow, however they are added. */
      feedsPerChat: z.number().int().min(1).max(100_000).default(100),
      /** Feeds one /import or `gazette import` adds; the rest of a larger file is left out and listed. */
      importFeeds: z.number().int().min(1).max(100_000).default(200),
      /** Seconds one import reads its feeds; what is not read by then is followed and left to polling. */
      importSeconds: z.number().int().min(1).max(3_600).default(90),
    })
    .prefault({}),
  http: z
    .strictObject({
      /** Port of /healthz and /metrics; null serves nothing. */
      port: z.coerce.number().int().min(0).max(65535).nullable().default(null),
      host: z.string().min(1).default('0.0.0.0'),
    })
    .prefault({}),
  console: z
    .strictObject({
      /** Catalog ids the console subscription follows when no platform token is set. */
      feeds: z.array(z.string()).default([]),
    })
    .prefault({}),
  discord: z
    .strictObject({
      token: z.string().min(1).nullable().default(null),
      applicationId: z.string().regex(/^\d+$/, 'must be a numeric id').nullable().default(null),
      guildId: z.string().regex(/^\d+$/, 'must be a numeric id').nullable().default(null),
      apiUrl: z.url().default('https://discord.com/api'),
    })
    .prefault({}),
  telegram: z
    .strictObject({
      token: z.string().min(1).nullable().default(null),
      /** Telegram's Bot API, or a self-hosted Bot API server. */
      apiRoot: z.url({ protocol: /^https?$/ }).default('https://api.telegram.org'),
      /** Telegram's preview of the first link of a digest message; off keeps digests compact. */
      linkPreviews: z.boolean().default(false),
      /** Receive updates by webhook instead of long polling. */
      webhook: z
        .strictObject({
          /** Public URL Telegram posts updates to; its path is the path served. */
          url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
          /** Sent back by Telegram in every request's X-Telegram-Bot-Api-Secret-Token header. */
          secretToken: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be 1-256 of A-Z, a-z, 0-9, _ and -'),
          port: z.coerce.number().int().min(0).max(65535).default(8443),
          host: z.string().min(1).default('0.0.0.0'),
        })
        .nullable()
        .default(null),
    })
    .prefault({}),
});

/** Validated configuration, passed down from `src/app.ts`. */
export type Config = z.infer<typeof configSchema>;
export type CatalogFeed = Config['catalog'][number];
export type PrivateNetworkPolicy = z.infer<typeof privateNetworkPolicy>;
