import type { Condensed, Item, NormalizedItem } from '../../core/types.js';
import { LISTED_REFRESH_MS, type ItemStore, type SaveItemsResult } from '../store.js';
import { FIRST_CLAIMED, WAITING_FOR_STORY } from '../first-claimed.js';
import {
  type ItemRow,
  parseTopicScores,
  type StoryFeatureRowData,
  toItem,
  toStoryFeatures,
} from '../rows.js';
import { storyFeatureColumns } from '../story-features-sql.js';
import { insertedItem, newestKeys, newestPublication } from '../saved-items.js';
import { found, MissingRowError, returned } from '../missing-row.js';
import { type Db, firstRow, pgText, pgTextOrNull, type Queryable } from './db.js';
import { createPgCondenseClaims } from './condense-claims.js';

/** What deduplication reads of an item already stored. */
type StoredIdentity = Pick<ItemRow, 'id' | 'key' | 'content_hash' | 'first_seen_at'> & {
  listed_at: number | null;
};

/** An item to insert, with the publication time it will be stored with. */
interface Fresh {
  readonly item: NormalizedItem;
  readonly publishedAt: number;
}

/** An edited item and the stored row it replaces. */
interface Edit extends Fresh {
  readonly id: number;
}

/** The item half of the PostgreSQL store. */
export function createPgItemStore(db: Db): ItemStore {
  const save = (
    feedId: number,
    items: readonly NormalizedItem[],
    now: number,
    keepNewest: number,
  ): Promise<SaveItemsResult> =>
    db.transaction(async (tx) => {
      // Locking the feed row serialises saves of one feed across processes, as SQLite's write lock
      // did: two saves can neither insert the same key, nor both seed, nor interleave an edit.
      const feed = await firstRow<{ seeded: number }>(
        tx,
        'SELECT seeded FROM feeds WHERE id = $1 FOR NO KEY UPDATE',
        [feedId],
      );
      const seeded = found(feed, 'feed', feedId).seeded === 1;
      const batch = firstOfEachKey(items.map(storable));
      const stored = await storedByKey(tx, feedId, batch);
      const fresh: Fresh[] = [];
      const edits: Edit[] = [];
      let unchanged = 0;
      for (const item of batch) {
        const existing = stored.get(item.key);
        if (existing === undefined) {
          fresh.push({ item, publishedAt: item.publishedAt ?? now });
        } else if (existing.content_hash === item.contentHash) {
          unchanged += 1;
        } else {
          edits.push({ id: existing.id, item, publishedAt: item.publishedAt ?? existing.first_seen_at });
        }
      }

      const updated = await edit(tx, edits);
      const live = seeded ? null : newestKeys(fresh, keepNewest);
      const inserted = await insert(tx, feedId, fresh, now, live);
      // What retention reads to tell an item still in its feed from one the feed dropped.
      await tx.query(
        `UPDATE feeds SET seeded = 1, listed_at = $3,
           last_new_item_at = GREATEST(last_new_item_at, $2::bigint)
         WHERE id = $1`,
        [feedId, newestPublication(fresh, now), now],
      );
      const stale = [...stored.values()].filter(
        (row) => (row.listed_at ?? row.first_seen_at) < now - LISTED_REFRESH_MS / 2,
      );
      if (stale.length > 0) {
        await tx.query('UPDATE items SET listed_at = $1 WHERE id = ANY($2::bigint[])', [
          now,
          stale.map((row) => row.id),
        ]);
      }
      return { inserted, updated, unchanged };
    });

  return {
    ...createPgCondenseClaims(db),
    save,
    get: async (id) => {
      const row = await firstRow<ItemRow>(db, 'SELECT * FROM items WHERE id = $1', [id]);
      return row === undefined ? null : toItem(row);
    },
    getMany: async (ids) => {
      if (ids.length === 0) return [];
      const { rows } = await db.query<ItemRow>('SELECT * FROM items WHERE id = ANY($1::bigint[])', [ids]);
      return rows.map(toItem);
    },
    topicScores: async (ids) => {
      if (ids.length === 0) return new Map();
      const { rows } = await db.query<{ id: number; scores: string }>(
        `SELECT id, condensed_topic_scores AS scores FROM items
         WHERE id = ANY($1::bigint[]) AND condensed_topic_scores IS NOT NULL`,
        [ids],
      );
      return new Map(rows.map((row) => [row.id, parseTopicScores(row.scores)]));
    },
    latest: async (feedId, limit) => {
      if (limit <= 0) return [];
      const { rows } = await db.query<ItemRow>(
        'SELECT * FROM items WHERE feed_id = $1 ORDER BY published_at DESC, id DESC LIMIT $2',
        [feedId, limit],
      );
      return rows.map(toItem);
    },
    needingCondense: async (limit) => {
      if (limit <= 0) return [];
      const { rows } = await db.query<ItemRow>(
        `SELECT * FROM items
         WHERE backlog = 0 AND (condensed_hash IS NULL OR condensed_hash <> content_hash)
         ORDER BY first_seen_at, published_at, id
         LIMIT $1`,
        [limit],
      );
      return rows.map(toItem);
    },
    saveCondensed: async (itemId: number, condensed: Condensed, storyId: number | null) => {
      const result = await db.query(
        `UPDATE items SET condensed_summary = $2, condensed_topics = $3, condensed_main_topics = $4,
           condensed_entities = $5, condensed_language = $6, condensed_hash = $7,
           story_id = COALESCE($8::bigint, story_id), story_features = NULL, story_features_key = NULL,
           condensed_topic_scores = $9
         WHERE id = $1`,
        [
          itemId,
          pgText(condensed.summary),
          JSON.stringify(condensed.topics),
          condensed.mainTopics,
          JSON.stringify(condensed.entities),
          pgText(condensed.language),
          pgText(condensed.contentHash),
          storyId,
          JSON.stringify(condensed.topicScores),
        ],
      );
      if (result.rowCount === 0) throw new MissingRowError('item', itemId);
    },
    setImage: async (itemId, url) => {
      // A picture the feed gave is never replaced by one found on the page.
      await db.query('UPDATE items SET image_url = $2 WHERE id = $1 AND image_url IS NULL', [
        itemId,
        pgText(url),
      ]);
    },
    recentCondensed: async (since) => {
      const { rows } = await db.query<ItemRow>(
        'SELECT * FROM items WHERE condensed_hash IS NOT NULL AND first_seen_at >= $1 ORDER BY first_seen_at, id',
        [since],
      );
      return rows.map(toItem);
    },
    storyFeatures: async (since, key) => {
      const { rows } = await db.query<StoryFeatureRowData>(
        `SELECT ${storyFeatureColumns('$2::integer')} FROM items WHERE condensed_hash IS NOT NULL AND first_seen_at >= $1
         ORDER BY first_seen_at, id`,
        [since, key ?? null],
      );
      return rows.map(toStoryFeatures);
    },
    unclustered: async (limit, now, key) => {
      if (limit <= 0) return [];
      const { rows } = await db.query<StoryFeatureRowData>(
        `WITH first_claimed AS (${FIRST_CLAIMED.replace('@now', '$2')})
         SELECT ${storyFeatureColumns('$3::integer')} FROM items WHERE ${WAITING_FOR_STORY}
         ORDER BY first_seen_at, published_at, id LIMIT $1`,
        [limit, now, key ?? null],
      );
      return rows.map(toStoryFeatures);
    },
    unclusteredCount: async (limit, now) => {
      if (limit <= 0) return 0;
      // count(*) is a BIGINT, which the pool reads as a number.
      const { rows } = await db.query<{ n: number }>(
        `WITH first_claimed AS (${FIRST_CLAIMED.replace('@now', '$2')})
         SELECT count(*) AS n FROM (SELECT 1 FROM items WHERE ${WAITING_FOR_STORY} LIMIT $1) waiting`,
        [limit, now],
      );
      return rows[0]?.n ?? 0;
    },
  };
}

/** The item with every text column as PostgreSQL will hold it; categories travel as JSON, which escapes. */
function storable(item: NormalizedItem): NormalizedItem {
  return {
    ...item,
    key: pgText(item.key),
    url: pgTextOrNull(item.url),
    title: pgTextOrNull(item.title),
    text: pgText(item.text),
    author: pgTextOrNull(item.author),
    contentHash: pgText(item.contentHash),
    imageUrl: pgTextOrNull(item.imageUrl),
  };
}

/** A feed may list the same entry twice; the first telling wins. */
function firstOfEachKey(items: readonly NormalizedItem[]): NormalizedItem[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    if (seen.has(item.key)) return false;
    seen.add(item.key);
    return true;
  });
}

/** The stored identities of a batch's keys, read in one statement; the text is not copied out. */
async function storedByKey(
  tx: Queryable,
  feedId: number,
  batch: readonly NormalizedItem[],
): Promise<Map<string, StoredIdentity>> {
  if (batch.length === 0) return new Map();
  const { rows } = await tx.query<StoredIdentity>(
    'SELECT id, key, content_hash, first_seen_at, listed_at FROM items WHERE feed_id = $1 AND key = ANY($2::text[])',
    [feedId, batch.map((item) => item.key)],
  );
  return new Map(rows.map((row) => [row.key, row]));
}

/**
 * Rewrites edited items in one statement. Identity, first sighting, backlog flag and story survive
 * an edit; condensed data goes stale on its own because its hash no longer matches.
 */
async function edit(tx: Queryable, edits: readonly Edit[]): Promise<Item[]> {
  if (edits.length === 0) return [];
  const { rows } = await tx.query<ItemRow>(
    `UPDATE items AS i SET url = u.url, title = u.title, text = u.text, author = u.author,
       published_at = u.published_at, categories = u.categories, content_hash = u.content_hash,
       image_url = COALESCE(u.image_url, i.image_url)
     FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[],
                 $8::text[], $9::text[])
       AS u(id, url, title, text, author, published_at, categories, content_hash, image_url)
     WHERE i.id = u.id
     RETURNING i.*`,
    [
      edits.map((e) => e.id),
      edits.map((e) => e.item.url),
      edits.map((e) => e.item.title),
      edits.map((e) => e.item.text),
      edits.map((e) => e.item.author),
      edits.map((e) => e.publishedAt),
      edits.map((e) => JSON.stringify(e.item.categories)),
      edits.map((e) => e.item.contentHash),
      edits.map((e) => e.item.imageUrl),
    ],
  );
  // RETURNING promises no order: the batch's is restored by id.
  const byId = new Map(rows.map((row) => [row.id, row]));
  return edits.map((e) => toItem(found(byId.get(e.id), 'item', e.id)));
}

/**
 * Inserts new items in one statement, ids following the batch order as SQLite's row-by-row
 * inserts did. Only ids come back: every other column is known here, and copying each row's
 * text back out would be most of the traffic of a save.
 */
async function insert(
  tx: Queryable,
  feedId: number,
  fresh: readonly Fresh[],
  now: number,
  live: ReadonlySet<string> | null,
): Promise<Item[]> {
  if (fresh.length === 0) return [];
  const backlog = fresh.map(({ item }) => live !== null && !live.has(item.key));
  const { rows } = await tx.query<{ id: number; key: string }>(
    `INSERT INTO items (feed_id, key, url, title, text, author, published_at, first_seen_at, categories,
                        content_hash, backlog, image_url)
     SELECT $1::bigint, u.key, u.url, u.title, u.text, u.author, u.published_at, $2::bigint, u.categories,
            u.content_hash, u.backlog, u.image_url
     FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::text[],
                 $10::text[], $11::integer[], $12::text[])
       WITH ORDINALITY AS u(key, url, title, text, author, published_at, categories, content_hash, backlog,
                            image_url, ord)
     ORDER BY u.ord
     RETURNING id, key`,
    [
      feedId,
      now,
      fresh.map(({ item }) => item.key),
      fresh.map(({ item }) => item.url),
      fresh.map(({ item }) => item.title),
      fresh.map(({ item }) => item.text),
      fresh.map(({ item }) => item.author),
      fresh.map(({ publishedAt }) => publishedAt),
      fresh.map(({ item }) => JSON.stringify(item.categories)),
      fresh.map(({ item }) => item.contentHash),
      backlog.map((flag) => (flag ? 1 : 0)),
      fresh.map(({ item }) => item.imageUrl),
    ],
  );
  const ids = new Map(rows.map((row) => [row.key, row.id]));
  return fresh.map(({ item, publishedAt }, index) => {
    const id = returned(ids.get(item.key), 'item insert');
    return insertedItem(id, feedId, item, publishedAt, now, backlog[index] === true);
  });
}
