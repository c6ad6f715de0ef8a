import type { Database } from 'better-sqlite3';
import type { Condensed } from '../../core/types.js';
import type { CondensedEntry, ItemStore } from '../store.js';
import { type ItemRow, toItem } from '../rows.js';
import type { Sync } from './sync.js';

/** The claim half of the SQLite item store: which process condenses which item. */
export function createSqliteCondenseClaims(
  db: Database,
): Pick<Sync<ItemStore>, 'claimCondense' | 'saveCondensedMany' | 'releaseCondense'> {
  const claimable = db.prepare<{ now: number; limit: number }, ItemRow>(
    `SELECT * FROM items
     WHERE backlog = 0 AND (condensed_hash IS NULL OR condensed_hash <> content_hash)
       AND (condense_claim_until IS NULL OR condense_claim_until <= @now)
     ORDER BY first_seen_at, published_at, id
     LIMIT @limit`,
  );
  const claim = db.prepare<[number, number]>('UPDATE items SET condense_claim_until = ? WHERE id = ?');
  const release = db.prepare<[number, number]>(
    'UPDATE items SET condense_claim_until = NULL WHERE id = ? AND condense_claim_until = ?',
  );
  const releaseAll = db.transaction((ids: readonly number[], until: number) => {
    for (const id of ids) release.run(id, until);
  });
  const save = condensedWriter(db);
  const claimCondense = db.transaction((now: number, limit: number, claimMs: number) => {
    const rows = claimable.all({ now, limit });
    for (const row of rows) claim.run(now + claimMs, row.id);
    return rows.map(toItem);
  });
  const saveCondensedMany = db.transaction((entries: Parameters<ItemStore['saveCondensedMany']>[0]) => {
    // An item deleted meanwhile has nothing left to condense: its entry is dropped, not an error.
    for (const { itemId, condensed, prepared } of entries) save(itemId, condensed, null, prepared ?? null);
  });
  return {
    claimCondense: (now, limit, claimMs) => (limit > 0 ? claimCondense.immediate(now, limit, claimMs) : []),
    saveCondensedMany: (entries) => {
      if (entries.length > 0) saveCondensedMany.immediate(entries);
    },
    releaseCondense: (itemIds, claimedUntil) => {
      if (itemIds.length > 0) releaseAll.immediate(itemIds, claimedUntil);
    },
  };
}

/**
 * Writes an item's condensed form and its prepared story features (none clears them), releasing
 * its claim; a story id, when given, files it too. Returns the rows changed: 0 when the item is gone.
 */
export function condensedWriter(
  db: Database,
): (
  itemId: number,
  condensed: Condensed,
  storyId: number | null,
  prepared: CondensedEntry['prepared'],
) => number {
  const save = db.prepare<
    [
      {
        id: number;
        summary: string;
        topics: string;
        mainTopics: number;
        entities: string;
        scores: string;
        language: string;
        hash: string;
        storyId: number | null;
        features: string | null;
        featuresKey: number | null;
      },
    ]
  >(
    `UPDATE items SET condensed_summary = @summary, condensed_topics = @topics,
       condensed_main_topics = @mainTopics, condensed_entities = @entities,
       condensed_topic_scores = @scores, condensed_language = @language, condensed_hash = @hash,
       story_id = COALESCE(@storyId, story_id),
       story_features = @features, story_features_key = @featuresKey, condense_claim_until = NULL
     WHERE id = @id`,
  );
  return (itemId, condensed, storyId, prepared) =>
    save.run({
      id: itemId,
      summary: condensed.summary,
      topics: JSON.stringify(condensed.topics),
      mainTopics: condensed.mainTopics,
      entities: JSON.stringify(condensed.entities),
      scores: JSON.stringify(condensed.topicScores),
      language: condensed.language,
      hash: condensed.contentHash,
      storyId,
      features: prepared?.data ?? null,
      featuresKey: prepared?.key ?? null,
    }).changes;
}
