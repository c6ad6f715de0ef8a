import {
  itemsOfStories,
  PG_PENDING_REFS,
  positional,
  PRUNABLE_DIGESTS,
  PRUNABLE_LOOSE_ITEMS,
  prunableStories,
} from '../retention-sql.js';
import type { PruneResult, RetentionStore } from '../store.js';
import type { Db, Queryable } from './db.js';

/** A statement written with `@name` parameters, run with values by name. */
function named(
  sql: string,
): (on: Queryable, values: Readonly<Record<string, unknown>>) => Promise<unknown[]> {
  const { text, names } = positional(sql);
  return async (on, values) =>
    (
      await on.query(
        text,
        names.map((name) => values[name]),
      )
    ).rows;
}

interface Keyed {
  readonly id: number;
  readonly at: number;
}

const STORIES = named(prunableStories(PG_PENDING_REFS));
const STORY_ITEMS = named(itemsOfStories('SELECT unnest(@ids::bigint[])'));
const LOOSE_ITEMS = named(PRUNABLE_LOOSE_ITEMS);
const DIGESTS = named(PRUNABLE_DIGESTS);

const idsOf = (rows: readonly unknown[]): number[] => rows.map((row) => (row as { id: number }).id);
const keyedOf = (rows: readonly unknown[]): Keyed[] =>
  rows.map((row) => {
    const { id, first_seen_at: seen, created_at: created } = row as Record<string, number>;
    return { id: id ?? 0, at: seen ?? created ?? 0 };
  });

/**
 * The PostgreSQL store's prune, one short transaction a batch. Space is PostgreSQL's own to
 * reclaim: autovacuum marks the deleted rows' room reusable, so the tables stop growing once the
 * prune keeps pace, without giving the room back to the file system.
 */
export function createPgRetentionStore(db: Db): RetentionStore {
  const pruneKeyed = async (
    select: typeof LOOSE_ITEMS,
    table: 'items' | 'digests',
    cutoff: number,
    batch: number,
  ): Promise<number> => {
    let removed = 0;
    let after: Keyed = { id: 0, at: Number.MIN_SAFE_INTEGER };
    for (;;) {
      const page = { cutoff, afterAt: after.at, afterId: after.id, batch };
      const rows = await db.transaction(async (tx) => {
        const found = keyedOf(await select(tx, page));
        if (found.length > 0) {
          await tx.query(`DELETE FROM ${table} WHERE id = ANY($1::bigint[])`, [found.map((row) => row.id)]);
        }
        return found;
      });
      removed += rows.length;
      const last = rows.at(-1);
      if (last === undefined || rows.length < batch) return removed;
      after = last;
    }
  };

  return {
    async prune(cutoffs, batch): Promise<PruneResult> {
      const digests = await pruneKeyed(DIGESTS, 'digests', cutoffs.digestsBefore, batch);
      let stories = 0;
      let items = 0;
      for (let after = 0; ;) {
        const done = await db.transaction(async (tx) => {
          const ids = idsOf(await STORIES(tx, { cutoff: cutoffs.itemsBefore, after, batch }));
          if (ids.length === 0) return { ids, items: 0 };
          const members = idsOf(await STORY_ITEMS(tx, { ids }));
          await tx.query('DELETE FROM stories WHERE id = ANY($1::bigint[])', [ids]);
          const removed = await tx.query('DELETE FROM items WHERE id = ANY($1::bigint[])', [members]);
          return { ids, items: removed.rowCount ?? 0 };
        });
        stories += done.ids.length;
        items += done.items;
        const last = done.ids.at(-1);
        if (last === undefined || done.ids.length < batch) break;
        after = last;
      }
      items += await pruneKeyed(LOOSE_ITEMS, 'items', cutoffs.itemsBefore, batch);
      return { items, stories, digests };
    },
    reclaim: () => Promise.resolve(),
  };
}
