import type { Database } from 'better-sqlite3';
import {
  itemsOfStories,
  PRUNABLE_DIGESTS,
  PRUNABLE_LOOSE_ITEMS,
  prunableStories,
  SQLITE_PENDING_REFS,
} from '../retention-sql.js';
import type { PruneResult, RetentionStore } from '../store.js';
import type { CallGuard } from './sync.js';

/** A turn of the event loop between batches: a prune never holds the process for long. */
const yieldToLoop = (): Promise<void> =>
  new Promise((resolve) => {
    setImmediate(resolve);
  });

interface Page {
  cutoff: number;
  afterAt: number;
  afterId: number;
  batch: number;
}

interface Keyed {
  readonly id: number;
  readonly at: number;
}

/**
 * The SQLite store's prune: each batch is one short write transaction, so pollers and delivery
 * interleave with it; `reclaim` hands the freed pages back with an incremental vacuum.
 */
export function createRetentionStore(db: Database, run: CallGuard): RetentionStore {
  const IDS = 'SELECT value FROM json_each(@ids)';
  const stories = db.prepare<[{ cutoff: number; after: number; batch: number }], number>(
    prunableStories(SQLITE_PENDING_REFS),
  );
  stories.pluck();
  const storyItems = db.prepare<[{ ids: string }], number>(itemsOfStories(IDS)).pluck();
  const deleteStories = db.prepare<[{ ids: string }]>(`DELETE FROM stories WHERE id IN (${IDS})`);
  const deleteItems = db.prepare<[{ ids: string }]>(`DELETE FROM items WHERE id IN (${IDS})`);
  const looseItems = db.prepare<[Page], { id: number; first_seen_at: number }>(PRUNABLE_LOOSE_ITEMS);
  const digests = db.prepare<[Page], { id: number; created_at: number }>(PRUNABLE_DIGESTS);
  const deleteDigests = db.prepare<[{ ids: string }]>(`DELETE FROM digests WHERE id IN (${IDS})`);

  const storyBatch = db.transaction((cutoff: number, after: number, batch: number) => {
    const ids = stories.all({ cutoff, after, batch });
    if (ids.length === 0) return { ids, items: 0 };
    const json = JSON.stringify(ids);
    const items = JSON.stringify(storyItems.all({ ids: json }));
    deleteStories.run({ ids: json });
    return { ids, items: deleteItems.run({ ids: items }).changes };
  });
  const keyedBatch = (
    select: typeof looseItems | typeof digests,
    remove: typeof deleteItems,
    page: Page,
  ): Keyed[] =>
    db
      .transaction((): Keyed[] => {
        const rows = select
          .all(page)
          .map((row) => ({ id: row.id, at: 'first_seen_at' in row ? row.first_seen_at : row.created_at }));
        if (rows.length > 0) remove.run({ ids: JSON.stringify(rows.map((row) => row.id)) });
        return rows;
      })
      .immediate();

  const pruneKeyed = async (
    select: typeof looseItems | typeof digests,
    remove: typeof deleteItems,
    cutoff: number,
    batch: number,
  ): Promise<number> => {
    let removed = 0;
    let after: Keyed = { id: 0, at: Number.MIN_SAFE_INTEGER };
    for (;;) {
      const page = { cutoff, afterAt: after.at, afterId: after.id, batch };
      const rows = run(() => keyedBatch(select, remove, page));
      removed += rows.length;
      const last = rows.at(-1);
      if (last === undefined || rows.length < batch) return removed;
      after = last;
      await yieldToLoop();
    }
  };

  return {
    async prune(cutoffs, batch): Promise<PruneResult> {
      // Digests first: the stories they showed are then held by nothing but pending parts.
      const digestCount = await pruneKeyed(digests, deleteDigests, cutoffs.digestsBefore, batch);
      let storyCount = 0;
      let itemCount = 0;
      for (let after = 0; ;) {
        const done = run(() => storyBatch.immediate(cutoffs.itemsBefore, after, batch));
        storyCount += done.ids.length;
        itemCount += done.items;
        const last = done.ids.at(-1);
        if (last === undefined || done.ids.length < batch) break;
        after = last;
        await yieldToLoop();
      }
      itemCount += await pruneKeyed(looseItems, deleteItems, cutoffs.itemsBefore, batch);
      return { items: itemCount, stories: storyCount, digests: digestCount };
    },
    reclaim() {
      return new Promise<void>((resolve) => {
        run(() => db.pragma('incremental_vacuum'));
        resolve();
      });
    },
  };
}
