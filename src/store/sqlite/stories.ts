import type { Database } from 'better-sqlite3';
import type { Story } from '../../core/types.js';
import type { ClusteringChange, NewStory, StoryStore } from '../store.js';
import { type SourceRow, type StoryRow, toStory as storyOf } from '../rows.js';
import { found, MissingRowError, returned } from '../missing-row.js';
import { type Sync } from './sync.js';

interface StoryFields {
  readonly leadItemId: number;
  readonly headline: string;
  readonly summary: string;
  readonly url: string | null;
  readonly topics: string;
  readonly mainTopics: number;
  readonly entities: string;
  readonly publishedAt: number;
  readonly flags: number;
  readonly leads: string;
  readonly now: number;
}

// A story is as old as its earliest source; the stored time only stands in before any item joins.
const STORY_COLUMNS = `s.id, s.lead_item_id, s.headline, s.summary, s.url, s.topics, s.main_topics, s.entities,
  s.created_at, s.updated_at, s.flags, s.leads,
  COALESCE((SELECT MIN(x.published_at) FROM items x WHERE x.story_id = s.id), s.published_at) AS published_at`;

/** The story half of the SQLite store. */
export function createStoryStore(db: Database): Omit<Sync<StoryStore>, 'shown'> {
  const insert = db.prepare<[StoryFields], number>(
    `INSERT INTO stories (lead_item_id, headline, summary, url, topics, main_topics, entities, published_at,
                          flags, leads, created_at, updated_at)
     VALUES (@leadItemId, @headline, @summary, @url, @topics, @mainTopics, @entities, @publishedAt,
             @flags, @leads, @now, @now)
     RETURNING id`,
  );
  insert.pluck();
  const update = db.prepare<[StoryFields & { id: number }]>(
    `UPDATE stories SET lead_item_id = @leadItemId, headline = @headline, summary = @summary, url = @url,
       topics = @topics, main_topics = @mainTopics, entities = @entities, published_at = @publishedAt,
       flags = @flags, leads = @leads, updated_at = @now
     WHERE id = @id`,
  );
  const byId = db.prepare<[number], StoryRow>(`SELECT ${STORY_COLUMNS} FROM stories s WHERE s.id = ?`);
  const sources = db.prepare<[number], SourceRow>(
    `SELECT i.id AS item_id, i.feed_id, f.title AS feed_title, f.catalog_id AS feed_catalog_id,
            f.url AS feed_url, i.url, i.title, i.published_at, i.condensed_summary, i.condensed_language,
            i.image_url
     FROM items i JOIN feeds f ON f.id = i.feed_id
     WHERE i.story_id = ?
     ORDER BY i.published_at, i.id`,
  );
  const subscriptionExists = db.prepare<[number], number>('SELECT 1 FROM subscriptions WHERE id = ?').pluck();
  // Driven from the subscription's feeds so only their recent items are read. An item counts from
  // the feed's newest few when it was followed (`since`) or, whatever its date, once it is new to the
  // feed after that: publishers date an article when they write it, not when it reaches the feed.
  const candidates = db.prepare<[{ subscriptionId: number; notBefore: number }], StoryRow>(
    `SELECT ${STORY_COLUMNS}
     FROM stories s
     WHERE s.id IN (
         SELECT i.story_id
         FROM subscription_feeds sf
         JOIN items i ON i.feed_id = sf.feed_id
         WHERE sf.subscription_id = @subscriptionId
           AND i.story_id IS NOT NULL
           AND i.backlog = 0
           AND sf.paused_at IS NULL
           AND (i.published_at >= sf.since OR (i.first_seen_at > sf.added_at AND i.first_seen_at >= sf.since))
           AND i.first_seen_at >= @notBefore
       )
       AND NOT EXISTS (
         SELECT 1 FROM digest_stories ds WHERE ds.subscription_id = @subscriptionId AND ds.story_id = s.id
       )
     ORDER BY published_at DESC, s.id DESC`,
  );

  const toStory = (row: StoryRow): Story => storyOf(row, sources.all(row.id));
  const assign = db.prepare<[number, number]>('UPDATE items SET story_id = ? WHERE id = ?');

  const createOne = (story: NewStory, now: number): number =>
    returned(insert.get(storyFields(story, now)), 'story insert');
  const updateOne = (id: number, story: NewStory, now: number): void => {
    if (update.run({ id, ...storyFields(story, now) }).changes === 0) throw new MissingRowError('story', id);
  };
  const applyClustering = db.transaction((change: ClusteringChange, now: number): number[] => {
    const created = change.created.map((story) => createOne(story, now));
    for (const { id, story } of change.updated) updateOne(id, story, now);
    for (const { itemId, story } of change.assigned) {
      const storyId = typeof story === 'number' ? story : created[story.created];
      if (storyId === undefined) throw new Error(`no created story ${JSON.stringify(story)}`);
      if (assign.run(storyId, itemId).changes === 0) throw new MissingRowError('item', itemId);
    }
    return created;
  });

  // Reads that span several statements see one snapshot.
  const candidatesOf = db.transaction((subscriptionId: number, notBefore: number): Story[] => {
    found(subscriptionExists.get(subscriptionId), 'subscription', subscriptionId);
    return candidates.all({ subscriptionId, notBefore }).map(toStory);
  });
  const get = db.transaction((id: number): Story | null => {
    const row = byId.get(id);
    return row === undefined ? null : toStory(row);
  });

  return {
    create: createOne,
    update: updateOne,
    applyClustering: (change, now) => applyClustering.immediate(change, now),
    get: (id) => get(id),
    candidates: (subscriptionId, notBefore) => candidatesOf(subscriptionId, notBefore),
  };
}

function storyFields(story: NewStory, now: number): StoryFields {
  return {
    leadItemId: story.leadItemId,
    headline: story.headline,
    summary: story.summary,
    url: story.url,
    topics: JSON.stringify(story.topics),
    mainTopics: story.mainTopics,
    entities: JSON.stringify(story.entities),
    publishedAt: story.publishedAt,
    flags: story.flags ?? 0,
    leads: JSON.stringify(story.leads ?? {}),
    now,
  };
}
