import type { ItemStore } from '../store.js';
import { type ItemRow, toItem } from '../rows.js';
import { type Db, pgText } from './db.js';

/** The claim half of the PostgreSQL item store: which process condenses which item. */
export function createPgCondenseClaims(
  db: Db,
): Pick<ItemStore, 'claimCondense' | 'saveCondensedMany' | 'releaseCondense'> {
  return {
    async releaseCondense(itemIds, claimedUntil) {
      if (itemIds.length === 0) return;
      await db.query(
        'UPDATE items SET condense_claim_until = NULL WHERE id = ANY($1::bigint[]) AND condense_claim_until = $2',
        [[...itemIds], claimedUntil],
      );
    },

    async claimCondense(now, limit, claimMs) {
      if (limit <= 0) return [];
      // SKIP LOCKED: processes claiming at once take different items instead of queueing.
      const { rows } = await db.query<ItemRow>(
        `WITH picked AS (
           SELECT id FROM items
           WHERE backlog = 0 AND (condensed_hash IS NULL OR condensed_hash <> content_hash)
             AND (condense_claim_until IS NULL OR condense_claim_until <= $1)
           ORDER BY first_seen_at, published_at, id
           LIMIT $2
           FOR UPDATE SKIP LOCKED)
         UPDATE items SET condense_claim_until = $3 FROM picked WHERE items.id = picked.id
         RETURNING items.*`,
        [now, limit, now + claimMs],
      );
      return rows
        .map(toItem)
        .sort((a, b) => a.firstSeenAt - b.firstSeenAt || a.publishedAt - b.publishedAt || a.id - b.id);
    },
    async saveCondensedMany(entries) {
      if (entries.length === 0) return;
      // One statement for the batch: one round trip and one commit, not one per item.
      await db.query(
        `UPDATE items SET condensed_summary = e.summary, condensed_topics = e.topics,
           condensed_main_topics = e.main_topics, condensed_entities = e.entities,
           condensed_language = e.language, condensed_hash = e.hash, story_features = e.features,
           story_features_key = e.features_key, condensed_topic_scores = e.scores,
           condense_claim_until = NULL
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[],
                     $8::text[], $9::int[], $10::text[])
           AS e (id, summary, topics, main_topics, entities, language, hash, features, features_key, scores)
         WHERE items.id = e.id`,
        [
          entries.map((e) => e.itemId),
          entries.map((e) => pgText(e.condensed.summary)),
          entries.map((e) => JSON.stringify(e.condensed.topics)),
          entries.map((e) => e.condensed.mainTopics),
          entries.map((e) => JSON.stringify(e.condensed.entities)),
          entries.map((e) => pgText(e.condensed.language)),
          entries.map((e) => pgText(e.condensed.contentHash)),
          entries.map((e) =>
            e.prepared === undefined || e.prepared === null ? null : pgText(e.prepared.data),
          ),
          entries.map((e) => e.prepared?.key ?? null),
          entries.map((e) => JSON.stringify(e.condensed.topicScores)),
        ],
      );
    },
  };
}
