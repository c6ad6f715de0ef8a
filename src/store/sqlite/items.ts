import type { Database } from 'better-sqlite3';
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
import { insertedItem, newestKeys, newestPublication } from '../saved-items.js';
import { isWellFormed } from '../well-formed.js';
import { found, MissingRowError } from '../missing-row.js';
import { bit, type Sync } from './sync.js';
import { condensedWriter, createSqliteCondenseClaims } from './condense-claims.js';
import { storyFeatureColumns } from '../story-features-sql.js';

interface ItemFields {
  readonly url: string | null;
  readonly title: string | null;
  readonly text: string;
  readonly author: string | null;
  readonly publishedAt: number;
  readonly categories: string;
  readonly contentHash: string;
  readonly imageUrl: string | null;
}

/** What deduplication reads of an item already stored. */
type StoredIdentity = Pick<ItemRow, 'id' | 'content_hash' | 'first_seen_at'> & { listed_at: number | null };

/** An insert's values in column order: positional binding is cheaper than named, per row. */
type NewItemRow = [
  feedId: number,
  key: string,
  url: string | null,
  title: string | null,
  text: string,
  author: string | null,
  publishedAt: number,
  firstSeenAt: number,
  categories: string,
  contentHash: string,
  backlog: 0 | 1,
  imageUrl: string | null,
];

/** The item half of the SQLite store. */
export function createItemStore(db: Database): Sync<ItemStore> {
  const byId = db.prepare<[number], ItemRow>('SELECT * FROM items WHERE id = ?');
  const byIds = db.prepare<[string], ItemRow>(
    'SELECT * FROM items WHERE id IN (SELECT value FROM json_each(?))',
  );
  const scoresByIds = db.prepare<[string], { id: number; scores: string }>(
    `SELECT id, condensed_topic_scores AS scores FROM items
     WHERE id IN (SELECT value FROM json_each(?)) AND condensed_topic_scores IS NOT NULL`,
  );
  // Only what deduplication needs: the stored text is not copied out for every item polled again.
  const byKey = db.prepare<[number, string], StoredIdentity>(
    'SELECT id, content_hash, first_seen_at, listed_at FROM items WHERE feed_id = ? AND key = ?',
  );
  const feedSeeded = db.prepare<[number], number>('SELECT seeded FROM feeds WHERE id = ?').pluck();
  // No RETURNING: every column of a new row is known here, and copying each row, text and all,
  // back out of SQLite was a large share of a save.
  const insert = db.prepare<NewItemRow>(
    `INSERT INTO items (feed_id, key, url, title, text, author, published_at, first_seen_at, categories,
                        content_hash, backlog, image_url)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // Identity, first sighting, backlog flag and story survive an edit; condensed data goes stale
  // on its own because its hash no longer matches.
  const edit = db.prepare<[ItemFields & { id: number }], ItemRow>(
    `UPDATE items SET url = @url, title = @title, text = @text, author = @author,
       published_at = @publishedAt, categories = @categories, content_hash = @contentHash,
       image_url = COALESCE(@imageUrl, image_url)
     WHERE id = @id
     RETURNING *`,
  );
  const markSeeded = db.prepare<[number]>('UPDATE feeds SET seeded = 1 WHERE id = ?');
  // What retention reads to tell an item still in its feed from one the feed dropped.
  const markListed = db.prepare<[number, number]>('UPDATE feeds SET listed_at = ? WHERE id = ?');
  const markItemListed = db.prepare<[number, number]>('UPDATE items SET listed_at = ? WHERE id = ?');
  const touchNewItem = db.prepare<{ at: number; id: number }>(
    'UPDATE feeds SET last_new_item_at = max(coalesce(last_new_item_at, @at), @at) WHERE id = @id',
  );
  const latest = db.prepare<[number, number], ItemRow>(
    'SELECT * FROM items WHERE feed_id = ? ORDER BY published_at DESC, id DESC LIMIT ?',
  );
  const needingCondense = db.prepare<[number], ItemRow>(
    `SELECT * FROM items
     WHERE backlog = 0 AND (condensed_hash IS NULL OR condensed_hash <> content_hash)
     ORDER BY first_seen_at, published_at, id
     LIMIT ?`,
  );
  const saveCondensed = condensedWriter(db);
  const FEATURES = storyFeatureColumns('@key');
  const storyFeatures = db.prepare<{ since: number; key: number | null }, StoryFeatureRowData>(
    `SELECT ${FEATURES} FROM items WHERE condensed_hash IS NOT NULL AND first_seen_at >= @since
     ORDER BY first_seen_at, id`,
  );
  const unclustered = db.prepare<{ now: number; limit: number; key: number | null }, StoryFeatureRowData>(
    `WITH first_claimed AS (${FIRST_CLAIMED})
     SELECT ${FEATURES} FROM items WHERE ${WAITING_FOR_STORY}
     ORDER BY first_seen_at, published_at, id LIMIT @limit`,
  );
  const unclusteredCount = db.prepare<{ now: number; limit: number }, { n: number }>(
    `WITH first_claimed AS (${FIRST_CLAIMED})
     SELECT count(*) AS n FROM (SELECT 1 FROM items WHERE ${WAITING_FOR_STORY} LIMIT @limit)`,
  );
  // A picture the feed gave is never replaced by one found on the page.
  const setImage = db.prepare<[string, number]>(
    'UPDATE items SET image_url = ? WHERE id = ? AND image_url IS NULL',
  );
  const recentCondensed = db.prepare<[number], ItemRow>(
    'SELECT * FROM items WHERE condensed_hash IS NOT NULL AND first_seen_at >= ? ORDER BY first_seen_at, id',
  );

  const save = db.transaction(
    (feedId: number, items: readonly NormalizedItem[], now: number, keepNewest: number): SaveItemsResult => {
      const seeded = found(feedSeeded.get(feedId), 'feed', feedId) === 1;
      const fresh: { item: NormalizedItem; publishedAt: number }[] = [];
      const updated: Item[] = [];
      let unchanged = 0;
      const seen = new Set<string>();
      for (const item of items) {
        // A feed may list the same entry twice; the first telling wins.
        if (seen.has(item.key)) continue;
        seen.add(item.key);
        const existing = byKey.get(feedId, item.key);
        if (existing !== undefined && isStale(existing, now)) markItemListed.run(now, existing.id);
        if (existing === undefined) {
          fresh.push({ item, publishedAt: item.publishedAt ?? now });
        } else if (existing.content_hash === item.contentHash) {
          unchanged += 1;
        } else {
          const row = edit.get({
            id: existing.id,
            ...fields(item, item.publishedAt ?? existing.first_seen_at),
          });
          updated.push(toItem(found(row, 'item', existing.id)));
        }
      }

      const live = seeded ? null : newestKeys(fresh, keepNewest);
      const inserted = fresh.map(({ item, publishedAt }) => {
        const backlog = live !== null && !live.has(item.key);
        const id = Number(
          insert.run(
            feedId,
            item.key,
            item.url,
            item.title,
            item.text,
            item.author,
            publishedAt,
            now,
            JSON.stringify(item.categories),
            item.contentHash,
            bit(backlog),
            item.imageUrl,
          ).lastInsertRowid,
        );
        // A lone surrogate comes back from SQLite as replacement characters: such a rare row is
        // read back rather than guessed.
        return storedAsIs(item)
          ? insertedItem(id, feedId, item, publishedAt, now, backlog)
          : toItem(found(byId.get(id), 'item', id));
      });

      if (!seeded) markSeeded.run(feedId);
      markListed.run(now, feedId);
      const newest = newestPublication(fresh, now);
      if (newest !== null) touchNewItem.run({ at: newest, id: feedId });
      return { inserted, updated, unchanged };
    },
  );

  return {
    ...createSqliteCondenseClaims(db),
    save: (feedId, items, now, keepNewest) => save.immediate(feedId, items, now, keepNewest),
    get: (id) => {
      const row = byId.get(id);
      return row === undefined ? null : toItem(row);
    },
    getMany: (ids) => (ids.length > 0 ? byIds.all(JSON.stringify(ids)).map(toItem) : []),
    topicScores: (ids) =>
      new Map(
        ids.length > 0
          ? scoresByIds.all(JSON.stringify(ids)).map((row) => [row.id, parseTopicScores(row.scores)])
          : [],
      ),
    latest: (feedId, limit) => (limit > 0 ? latest.all(feedId, limit).map(toItem) : []),
    needingCondense: (limit) => (limit > 0 ? needingCondense.all(limit).map(toItem) : []),
    saveCondensed: (itemId: number, condensed: Condensed, storyId: number | null) => {
      if (saveCondensed(itemId, condensed, storyId, null) === 0) throw new MissingRowError('item', itemId);
    },
    setImage: (itemId, url) => {
      setImage.run(url, itemId);
    },
    recentCondensed: (since) => recentCondensed.all(since).map(toItem),
    storyFeatures: (since, key) => storyFeatures.all({ since, key: key ?? null }).map(toStoryFeatures),
    unclustered: (limit, now, key) =>
      limit > 0 ? unclustered.all({ now, limit, key: key ?? null }).map(toStoryFeatures) : [],
    unclusteredCount: (limit, now) => (limit > 0 ? (unclusteredCount.get({ now, limit })?.n ?? 0) : 0),
  };
}

function fields(item: NormalizedItem, publishedAt: number): ItemFields {
  return {
    url: item.url,
    title: item.title,
    text: item.text,
    author: item.author,
    publishedAt,
    categories: JSON.stringify(item.categories),
    contentHash: item.contentHash,
    imageUrl: item.imageUrl,
  };
}

/** Whether an item's mark of being listed by its feed is due for a refresh. */
function isStale(stored: StoredIdentity, now: number): boolean {
  return (stored.listed_at ?? stored.first_seen_at) < now - LISTED_REFRESH_MS / 2;
}

/** Whether every text column reads back exactly as bound (no lone surrogate to be mangled in UTF-8). */
function storedAsIs(item: NormalizedItem): boolean {
  return [item.key, item.url, item.title, item.text, item.author, item.contentHash].every(isWellFormed);
}
