/** What the pipeline bench reads while Gazette runs: its processes from /proc and /metrics, and its database. */

import { readFileSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';

/** CPU seconds (user + system) a process has used, from /proc. */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Resident and peak resident memory of a process, in MiB. */
export function memoryMiB(pid: number): { rss: number; peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string): number => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return { rss: 0, peak: 0 };
  }
}

/** The event-loop lag p99 (ms) since the last scrape, from /metrics. */
export async function scrape(port: number): Promise<{ lagP99: number }> {
  try {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const value = (name: string): number =>
      Number(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(text)?.[1] ?? 0);
    return { lagP99: value('nodejs_eventloop_lag_p99_seconds') * 1000 };
  } catch {
    return { lagP99: Number.NaN };
  }
}

/** What the database says at one instant. */
export interface DbSample {
  /** Feeds whose next poll is overdue by more than the threshold. */
  readonly overdue: number;
  /** Feeds polled since the given time. */
  readonly polledSince: number;
  readonly condensed: number;
  readonly pending: number;
  readonly unclustered: number;
  readonly bytes: number;
}

/** Wire members: how many were fetched, how many are in a story, in how many stories, the latest fetch. */
export interface WireSample {
  readonly fetched: number;
  readonly filed: number;
  readonly stories: number;
  readonly items: readonly { id: number; firstSeenAt: number; filed: boolean }[];
}

export interface DbProbe {
  sample(now: number, overdueMs: number, since: number): Promise<DbSample>;
  wire(prefix: string): Promise<WireSample>;
  close(): Promise<void>;
}

const SAMPLE = {
  overdue: 'SELECT COUNT(*) AS n FROM feeds WHERE disabled_reason IS NULL AND next_poll_at < $1',
  polled: 'SELECT COUNT(*) AS n FROM feeds WHERE last_polled_at >= $1',
  condensed: 'SELECT COUNT(*) AS n FROM items WHERE condensed_hash IS NOT NULL',
  pending: `SELECT COUNT(*) AS n FROM items WHERE backlog = 0 AND (condensed_hash IS NULL OR condensed_hash <> content_hash)`,
  unclustered: 'SELECT COUNT(*) AS n FROM items WHERE story_id IS NULL AND condensed_hash IS NOT NULL',
  wire: 'SELECT id, first_seen_at, story_id FROM items WHERE key LIKE $1',
};

export function sqliteProbe(file: string): DbProbe {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const count = (sql: string, ...args: unknown[]): number =>
    (db.prepare(sql.replace(/\$1/g, '?')).get(...args) as { n: number }).n;
  const size = (f: string): number => {
    try {
      return statSync(f).size;
    } catch {
      return 0;
    }
  };
  return {
    sample: (now, overdueMs, since) =>
      Promise.resolve({
        overdue: count(SAMPLE.overdue, now - overdueMs),
        polledSince: count(SAMPLE.polled, since),
        condensed: count(SAMPLE.condensed),
        pending: count(SAMPLE.pending),
        unclustered: count(SAMPLE.unclustered),
        bytes: size(file) + size(`${file}-wal`),
      }),
    wire: (prefix) =>
      Promise.resolve(wireOf(db.prepare(SAMPLE.wire.replace('$1', '?')).all(`${prefix}%`) as WireRow[])),
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}

/** PostgreSQL may hand BIGINT columns back as text. */
interface WireRow {
  id: number | string;
  first_seen_at: number | string;
  story_id: number | null;
}

function wireOf(rows: readonly WireRow[]): WireSample {
  const stories = new Set(rows.flatMap((r) => (r.story_id === null ? [] : [r.story_id])));
  return {
    fetched: rows.length,
    filed: rows.filter((r) => r.story_id !== null).length,
    stories: stories.size,
    items: rows.map((r) => ({
      id: Number(r.id),
      firstSeenAt: Number(r.first_seen_at),
      filed: r.story_id !== null,
    })),
  };
}

export function postgresProbe(url: string, schema: string): DbProbe {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  const connected = client.connect();
  const count = async (sql: string, ...args: unknown[]): Promise<number> => {
    await connected;
    return Number((await client.query<{ n: string }>(sql, args)).rows[0]?.n ?? 0);
  };
  return {
    sample: async (now, overdueMs, since) => ({
      overdue: await count(SAMPLE.overdue, now - overdueMs),
      polledSince: await count(SAMPLE.polled, since),
      condensed: await count(SAMPLE.condensed),
      pending: await count(SAMPLE.pending),
      unclustered: await count(SAMPLE.unclustered),
      bytes: await count(
        `SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) AS n FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`,
        schema,
      ),
    }),
    wire: async (prefix) => {
      await connected;
      return wireOf((await client.query<WireRow>(SAMPLE.wire, [`${prefix}%`])).rows);
    },
    close: async () => {
      await client.end();
    },
  };
}
