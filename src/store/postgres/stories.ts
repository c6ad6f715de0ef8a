import type { Story } from '../../core/types.js';
import type { ClusteringChange, NewStory, StoryStore } from '../store.js';
import { type SourceRow, type StoryRow, toStory } from '../rows.js';
import { found, MissingRowError, returned } from '../missing-row.js';
import { type Db, firstRow, pgText, type Queryable } from './db.js';

// A story is as old as its earliest source; the stored time only stands in before any item joins.
const STORY_COLUMNS = `s.id, s.lead_item_id, s.headline, s.summary, s.url, s.topics, s.main_topics, s.entities,
  s.created_at, s.updated_at, s.flags, s.leads,
  COALESCE((SELECT MIN(x.published_at) FROM items x WHERE x.story_id = s.id), s.published_at) AS published_at`;

// Reads that span several statements see one snapshot, as they do in SQLite's read transaction.
const ONE_SNAPSHOT = 'SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY';

// Driven from the subscription's feeds so only their recent items are read. An item counts from
// the feed's newest few when it was followed (`since`) or, whatever its date, once it is new to the
// feed after that: publishers date an article when they write it, not when it reaches the feed.
const CANDIDATES = `SELECT ${STORY_COLUMNS}
  FROM stories s
  WHERE s.id IN (
      SELECT i.story_id
      FROM subscription_feeds sf
      JOIN items i ON i.feed_id = sf.feed_id
      WHERE sf.subscription_id = $1
        AND i.story_id IS NOT NULL
        AND i.backlog = 0
        AND sf.paused_at IS NULL
        AND (i.published_at >= sf.since OR (i.first_seen_at > sf.added_at AND i.first_seen_at >= sf.since))
        AND i.first_seen_at >= $2
    )
    AND NOT EXISTS (
      SELECT 1 FROM digest_stories ds WHERE ds.subscription_id = $1 AND ds.story_id = s.id
    )
  ORDER BY published_at DESC, s.id DESC`;

const INSERT = `INSERT INTO stories (lead_item_id, headline, summary, url, topics, main_topics, entities,
                                   published_at, flags, leads, created_at, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
  RETURNING id`;
const UPDATE = `UPDATE stories SET lead_item_id = $1, headline = $2, summary = $3, url = $4, topics = $5,
    main_topics = $6, entities = $7, published_at = $8, flags = $9, leads = $10, updated_at = $11
  WHERE id = $12`;

async function createOne(on: Queryable, story: NewStory, now: number): Promise<number> {
  return returned(await firstRow<{ id: number }>(on, INSERT, storyValues(story, now)), 'story insert').id;
}

async function updateOne(on: Queryable, id: number, story: NewStory, now: number): Promise<void> {
  const result = await on.query(UPDATE, [...storyValues(story, now), id]);
  if (result.rowCount === 0) throw new MissingRowError('story', id);
}

// A story's columns as arrays, one element per story, from $2 on in the order of storyValues; $1
// is the stories' ids and $12 the time they are written.
const STORY_ROWS = `unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[],
    $7::integer[], $8::text[], $9::bigint[], $10::integer[], $11::text[])
  AS v (id, lead_item_id, headline, summary, url, topics, main_topics, entities, published_at, flags, leads)`;

/** The parameters of {@link STORY_ROWS} for `stories` under `ids`. */
function storyRows(ids: readonly number[], stories: readonly NewStory[], now: number): unknown[] {
  const columns: unknown[][] = [[...ids], ...Array.from({ length: 10 }, () => [])];
  for (const story of stories) {
    storyValues(story, now)
      .slice(0, 10)
      .forEach((value, column) => columns[column + 1]?.push(value));
  }
  return [...columns, now];
}

/** Inserts `stories` in one statement, their ids drawn first so each id is known to be its story's. */
async function createMany(tx: Queryable, stories: readonly NewStory[], now: number): Promise<number[]> {
  if (stories.length === 0) return [];
  const { rows } = await tx.query<{ id: number }>(
    `SELECT nextval(pg_get_serial_sequence('stories', 'id')) AS id FROM generate_series(1, $1::integer)`,
    [stories.length],
  );
  const ids = rows.map((row) => row.id);
  await tx.query(
    `INSERT INTO stories (id, lead_item_id, headline, summary, url, topics, main_topics, entities,
                          published_at, flags, leads, created_at, updated_at)
     SELECT v.*, $12::bigint, $12::bigint FROM ${STORY_ROWS}`,
    storyRows(ids, stories, now),
  );
  return ids;
}

/** Rewrites `updated` in one statement; every one of them must exist. */
async function updateMany(
  tx: Queryable,
  updated: readonly { id: number; story: NewStory }[],
  now: number,
): Promise<void> {
  if (updated.length === 0) return;
  const result = await tx.query(
    `UPDATE stories s SET lead_item_id = v.lead_item_id, headline = v.headline, summary = v.summary,
       url = v.url, topics = v.topics, main_topics = v.main_topics, entities = v.entities,
       published_at = v.published_at, flags = v.flags, leads = v.leads, updated_at = $12::bigint
     FROM ${STORY_ROWS} WHERE s.id = v.id`,
    storyRows(
      updated.map(({ id }) => id),
      updated.map(({ story }) => story),
      now,
    ),
  );
  if (result.rowCount !== new Set(updated.map(({ id }) => id)).size) {
    const present = await tx.query<{ id: number }>('SELECT id FROM stories WHERE id = ANY($1::bigint[])', [
      updated.map(({ id }) => id),
    ]);
    const known = new Set(present.rows.map((row) => row.id));
    throw new MissingRowError('story', updated.find(({ id }) => !known.has(id))?.id ?? -1);
  }
}

/** The story half of the PostgreSQL store. */
export function createPgStoryStore(db: Db): Omit<StoryStore, 'shown'> {
  return {
    create: (story, now) => createOne(db, story, now),
    update: (id, story, now) => updateOne(db, id, story, now),
    applyClustering: (change: ClusteringChange, now) =>
      db.transaction(async (tx) => {
        // A batch creates and updates stories by the thousand: a few statements, not one each.
        const created = await createMany(tx, change.created, now);
        await updateMany(tx, change.updated, now);
        // One statement moves every item: a batch is a round trip, not one per item.
        const items: number[] = [];
        const stories: number[] = [];
        for (const { itemId, story } of change.assigned) {
          const storyId = typeof story === 'number' ? story : created[story.created];
          if (storyId === undefined) throw new Error(`no created story ${JSON.stringify(story)}`);
          items.push(itemId);
          stories.push(storyId);
        }
        if (items.length > 0) {
          const result = await tx.query(
            `UPDATE items SET story_id = moved.story_id
             FROM unnest($1::bigint[], $2::bigint[]) AS moved (item_id, story_id)
             WHERE items.id = moved.item_id`,
            [items, stories],
          );
          if (result.rowCount !== items.length) throw new MissingRowError('item', items[0] ?? -1);
        }
        return created;
      }),
    get: (id) =>
      db.transaction(async (tx) => {
        await tx.query(ONE_SNAPSHOT);
        const row = await firstRow<StoryRow>(tx, `SELECT ${STORY_COLUMNS} FROM stories s WHERE s.id = $1`, [
          id,
        ]);
        if (row === undefined) return null;
        const [story] = await withSources(tx, [row]);
        return story ?? null;
      }),
    candidates: (subscriptionId, notBefore) =>
      db.transaction(async (tx) => {
        await tx.query(ONE_SNAPSHOT);
        const subscription = await firstRow(tx, 'SELECT 1 FROM subscriptions WHERE id = $1', [
          subscriptionId,
        ]);
        found(subscription, 'subscription', subscriptionId);
        const { rows } = await tx.query<StoryRow>(CANDIDATES, [subscriptionId, notBefore]);
        return withSources(tx, rows);
      }),
  };
}

/** Maps story rows to stories, reading the sources of all of them in one statement. */
async function withSources(tx: Queryable, rows: readonly StoryRow[]): Promise<Story[]> {
  if (rows.length === 0) return [];
  const { rows: sourceRows } = await tx.query<SourceRow & { story_id: number }>(
    `SELECT i.story_id, i.id AS item_id, i.feed_id, f.title AS feed_title, f.catalog_id AS feed_catalog_id,
            f.url AS feed_url, i.url, i.title, i.published_at, i.condensed_summary, i.condensed_language,
            i.image_url
     FROM items i JOIN feeds f ON f.id = i.feed_id
     WHERE i.story_id = ANY($1::bigint[])
     ORDER BY i.story_id, i.published_at, i.id`,
    [rows.map((row) => row.id)],
  );
  const sources = new Map<number, SourceRow[]>();
  for (const source of sourceRows) {
    const list = sources.get(source.story_id);
    if (list === undefined) sources.set(source.story_id, [source]);
    else list.push(source);
  }
  return rows.map((row) => toStory(row, sources.get(row.id) ?? []));
}

/** A story's columns in statement order, lead item to update time. */
function storyValues(story: NewStory, now: number): unknown[] {
  return [
    story.leadItemId,
    pgText(story.headline),
    pgText(story.summary),
    story.url === null ? null : pgText(story.url),
    JSON.stringify(story.topics),
    story.mainTopics,
    JSON.stringify(story.entities),
    story.publishedAt,
    story.flags ?? 0,
    JSON.stringify(story.leads ?? {}),
    now,
  ];
}
