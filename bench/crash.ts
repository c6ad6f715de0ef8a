/**
 * kill -9 during delivery. A real Gazette process (`src/cli.ts start`) delivers digests to 50
 * Telegram chats and 50 Discord channels, served by the fake Bot API and the fake Discord (which
 * drops a repeated nonce) on 127.0.0.1 with 120 ms of latency on every answer. It is killed with
 * SIGKILL at a random moment of delivery 20 times and started again each time; a last run finishes
 * the outbox. Prints, per store (SQLite, then PostgreSQL when it answers): parts lost, duplicated
 * parts per kill on each platform, and the time from each restart to its first delivered part.
 * Then the throughput the Telegram in-flight bound allows at that latency.
 * `npm run bench -- crash` (`--kills N`, `--chats N`).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createPostgresStore } from '../src/store/postgres/postgres-store.js';
import { createSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { startFakeDiscord, type FakeDiscord } from '../test/fakes/discord-server.js';
import { BOT } from '../test/fakes/discord-payloads.js';
import { startFakeTelegram, type FakeTelegram } from '../test/fakes/telegram-server.js';
import { seedChannel } from '../test/helpers/discord-actions.js';
import { plainStories, seedTelegramStories } from '../test/e2e/telegram-seed.js';
import { inFlightThroughput } from './lib/in-flight.js';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '20' },
    chats: { type: 'string', default: '50' },
    stories: { type: 'string', default: '40' },
  },
});
const KILLS = Number(values.kills);
const CHATS = Number(values.chats);
const STORIES = Number(values.stories);
const LATENCY_MS = 120;
const ROOT = path.resolve(import.meta.dirname, '..');
const PG_URL = process.env.GAZETTE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Fakes {
  readonly telegram: FakeTelegram;
  readonly discord: FakeDiscord;
}

/** Every part delivered so far, by platform, as `chat + content` (Telegram) or created message. */
function delivered(fakes: Fakes): { telegram: string[]; discord: string[] } {
  return {
    telegram: fakes.telegram.sent.map((m) => `${m.chatId}\n${m.text}`),
    discord: fakes.discord.messages.map((m) => `${m.message.channel_id}\n${JSON.stringify(m.body.embeds)}`),
  };
}
const total = (fakes: Fakes): number => fakes.telegram.sent.length + fakes.discord.messages.length;

async function seed(store: Store, fakes: Fakes): Promise<void> {
  const now = Date.now();
  for (let i = 0; i < CHATS; i++) {
    const chatId = String(-1_000_000_000_000 - i);
    const sub = await seedTelegramStories(store, chatId, plainStories(STORIES, `Chat ${i} story`), now);
    await store.subscriptions.setNextDigestAt(sub.id, now - 1_000);
    const channel = fakes.discord.guild.channels[i]?.id ?? '';
    const stories = plainStories(STORIES, `Channel ${i} story`).map((s) => ({ ...s, topics: ['world'] }));
    await seedChannel(store, channel, stories, now, now - 1_000);
  }
}

// The compiled build, as a deployment runs it (`npm run build`); compiling TypeScript at every
// start would be timed as part of the restart otherwise.
const build = spawnSync(
  process.execPath,
  [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
  {
    cwd: ROOT,
    stdio: 'inherit',
  },
);
const CLI = build.status === 0 ? ['dist/src/cli.js'] : ['--import', 'tsx', 'src/cli.ts'];

function startGazette(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [...CLI, 'start'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
}

async function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((resolve) => child.once('exit', resolve));
}

/** Waits until a part arrives after `since` parts; the ms it took, or null after `limitMs`. */
async function nextDelivery(fakes: Fakes, since: number, limitMs: number): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < limitMs) {
    if (total(fakes) > since) return performance.now() - started;
    await sleep(20);
  }
  return null;
}

interface Outcome {
  readonly parts: { telegram: number; discord: number };
  /** Parts the outbox does not hold as sent at the end. */
  readonly unsent: number;
  /** Parts that never arrived. */
  readonly lost: number;
  readonly duplicates: { telegram: number; discord: number };
  /** Most Telegram repeats one kill caused. */
  readonly worstDuplicates: number;
  /** Telegram repeats of parts first sent by the last, unkilled run: there should be none. */
  readonly notAtAKill: number;
  readonly resumeMs: number[];
  readonly kills: number;
}

async function run(
  label: string,
  env: Record<string, string>,
  open: () => Store,
  readParts: () => Promise<PartRows>,
): Promise<Outcome> {
  const fakes: Fakes = {
    telegram: await startFakeTelegram(),
    discord: await startFakeDiscord({ channels: CHATS, latencyMs: LATENCY_MS }),
  };
  fakes.telegram.latencyMs = LATENCY_MS;
  const store = open();
  await seed(store, fakes);
  await store.close();
  const config = path.join(mkdtempSync(path.join(tmpdir(), 'gazette-crash-config-')), 'crash.yaml');
  // Whole digests of every seeded story: several parts per chat, so kills land mid-digest.
  writeFileSync(config, `digest:\n  maxStories: 50\n`);
  const gazetteEnv = {
    ...env,
    GAZETTE_CONFIG: config,
    GAZETTE_LOG_LEVEL: 'silent',
    TELEGRAM_BOT_TOKEN: fakes.telegram.token,
    TELEGRAM_API_ROOT: fakes.telegram.apiRoot,
    DISCORD_TOKEN: BOT.token,
    DISCORD_APPLICATION_ID: BOT.applicationId,
    DISCORD_API_URL: fakes.discord.apiUrl,
  };
  const resumeMs: number[] = [];
  const killedAt: number[] = [];
  let kills = 0;
  for (let round = 0; round <= KILLS; round++) {
    const before = total(fakes);
    const child = startGazette(gazetteEnv);
    const resumed = await nextDelivery(fakes, before, 60_000);
    if (resumed === null) {
      child.kill('SIGKILL');
      await exited(child);
      break;
    }
    resumeMs.push(resumed);
    if (round === KILLS) {
      // The last run finishes the outbox: it stops once nothing arrived for a while.
      for (let seen = total(fakes); ;) {
        await sleep(5_000);
        if (total(fakes) === seen) break;
        seen = total(fakes);
      }
      child.kill('SIGTERM');
      await exited(child);
      break;
    }
    await sleep(300 + Math.random() * 2_500);
    killedAt.push(performance.now());
    child.kill('SIGKILL');
    await exited(child);
    kills++;
    // Answers still on their way to the dead process are the window a duplicate comes from.
    await sleep(LATENCY_MS * 2);
  }
  // A repeated copy is charged to the kill that ended the process which sent the copy before it:
  // that process died with the part sent and its answer not recorded.
  const byKill = new Map<number, number>();
  const lastCopyAt = new Map<string, number>();
  for (const message of fakes.telegram.sent) {
    const key = `${message.chatId}\n${message.text}`;
    const previous = lastCopyAt.get(key);
    lastCopyAt.set(key, message.at);
    if (previous === undefined) continue;
    const kill = killedAt.findIndex((at) => at > previous);
    byKill.set(kill, (byKill.get(kill) ?? 0) + 1);
  }
  const worstDuplicates = Math.max(0, ...byKill.values());
  const notAtAKill = byKill.get(-1) ?? 0;
  const parts = sumOf(await readParts());
  const seen = delivered(fakes);
  const distinct = { telegram: new Set(seen.telegram).size, discord: new Set(seen.discord).size };
  await fakes.telegram.close();
  await fakes.discord.close();
  console.log(`  ${label}: ${kills} kills, ${seen.telegram.length + seen.discord.length} messages received`);
  return {
    parts,
    unsent: parts.unsent,
    lost: parts.telegram - distinct.telegram + (parts.discord - distinct.discord),
    duplicates: duplicatesOf(seen),
    worstDuplicates,
    notAtAKill,
    resumeMs,
    kills,
  };
}

function duplicatesOf(seen: { telegram: string[]; discord: string[] }): {
  telegram: number;
  discord: number;
} {
  return {
    telegram: seen.telegram.length - new Set(seen.telegram).size,
    discord: seen.discord.length - new Set(seen.discord).size,
  };
}

const PART_STATES = `SELECT s.platform AS platform, p.state AS state, COUNT(*) AS n
  FROM outbox_parts p JOIN digests d ON d.id = p.digest_id JOIN subscriptions s ON s.id = d.subscription_id
  GROUP BY s.platform, p.state`;

/** Parts of each platform and state, read from the database itself. */
type PartRows = { platform: string; state: string; n: number | string }[];

function sumOf(rows: PartRows): { telegram: number; discord: number; unsent: number } {
  const sums = { telegram: 0, discord: 0, unsent: 0 };
  for (const row of rows) {
    const n = Number(row.n);
    if (row.platform === 'telegram') sums.telegram += n;
    if (row.platform === 'discord') sums.discord += n;
    if (row.state !== 'sent') sums.unsent += n;
  }
  return sums;
}

function report(label: string, outcome: Outcome): void {
  const sorted = [...outcome.resumeMs].sort((a, b) => a - b);
  const pick = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const perKill = (n: number): string => (outcome.kills === 0 ? 'n/a' : (n / outcome.kills).toFixed(2));
  console.log(`\n${label}`);
  console.log(
    `  parts in the outbox:        Telegram ${outcome.parts.telegram}, Discord ${outcome.parts.discord}`,
  );
  console.log(`  parts lost:                 ${outcome.lost} (${outcome.unsent} not marked sent)`);
  console.log(
    `  duplicated parts per kill:  Telegram ${perKill(outcome.duplicates.telegram)} (${outcome.duplicates.telegram} in all, at most ${outcome.worstDuplicates} caused by one kill, ${outcome.notAtAKill} without a kill), Discord ${perKill(outcome.duplicates.discord)} (${outcome.duplicates.discord} in all)`,
  );
  console.log(
    `  restart to first delivery:  median ${(pick(0.5) / 1000).toFixed(1)} s, max ${((sorted.at(-1) ?? NaN) / 1000).toFixed(1)} s (${sorted.length} starts of ${CLI.join(' ')})`,
  );
}

console.log(
  `${KILLS} kills, ${CHATS} Telegram chats and ${CHATS} Discord channels, ${STORIES} stories each, ${LATENCY_MS} ms per answer`,
);

const sqliteDir = mkdtempSync(path.join(tmpdir(), 'gazette-crash-'));
const sqliteFile = path.join(sqliteDir, 'gazette.db');
const sqlite = await run(
  'SQLite',
  { GAZETTE_DATA_DIR: sqliteDir },
  () => createSqliteStore({ path: sqliteFile }),
  async () => {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(sqliteFile, { readonly: true });
    const rows = db.prepare(PART_STATES).all() as PartRows;
    db.close();
    return rows;
  },
);
report('SQLite', sqlite);

const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3_000 });
const pgUp = await admin.connect().then(
  () => true,
  () => false,
);
if (pgUp) {
  const schema = `gazette_crash_${process.pid}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=-c%20search_path%3D${schema}`;
  try {
    const postgres = await run(
      'PostgreSQL',
      { GAZETTE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gazette-crash-pg-')), DATABASE_URL: url },
      () => createPostgresStore({ url: PG_URL, schema }),
      async () =>
        (
          await admin.query<PartRows[number]>(
            `SELECT * FROM (${PART_STATES.replaceAll('outbox_parts', `${schema}.outbox_parts`).replaceAll('digests', `${schema}.digests`).replaceAll('subscriptions', `${schema}.subscriptions`)}) counted`,
          )
        ).rows,
    );
    report('PostgreSQL', postgres);
  } finally {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  }
} else {
  console.log(`\nPostgreSQL: skipped, no server at ${PG_URL}`);
}
await admin.end().catch(() => undefined);

console.log(
  `\nTelegram throughput by in-flight bound, ${LATENCY_MS} ms per answer (one digest part to each of 200 chats):`,
);
for (const inFlight of [1, 2, 4, 8]) {
  const perSecond = await inFlightThroughput(inFlight, LATENCY_MS, 200);
  console.log(
    `  telegramInFlight ${inFlight}: ${perSecond.toFixed(1)} parts/s (at most ${inFlight} duplicated per crash)`,
  );
}
