/**
 * The first schema. Times are epoch milliseconds in INTEGER columns (BIGINT in PostgreSQL);
 * booleans are 0/1 INTEGERs; lists are JSON text. Every child row that means nothing without
 * its parent cascades on delete.
 */
export const SCHEMA_V1 = `
CREATE TABLE feeds (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL UNIQUE,
  catalog_id TEXT,
  title TEXT,
  site_url TEXT,
  etag TEXT,
  last_modified TEXT,
  created_at INTEGER NOT NULL,
  next_poll_at INTEGER NOT NULL,
  last_polled_at INTEGER,
  last_success_at INTEGER,
  last_new_item_at INTEGER,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  disabled_reason TEXT,
  disabled_notice_sent INTEGER NOT NULL DEFAULT 0 CHECK (disabled_notice_sent IN (0, 1)),
  seeded INTEGER NOT NULL DEFAULT 0 CHECK (seeded IN (0, 1)),
  lease_until INTEGER
);
-- claimDue scans only pollable feeds, in due order.
CREATE INDEX feeds_due ON feeds (next_poll_at, id) WHERE disabled_reason IS NULL;

CREATE TABLE stories (
  id INTEGER PRIMARY KEY,
  lead_item_id INTEGER NOT NULL REFERENCES items (id),
  headline TEXT NOT NULL,
  summary TEXT NOT NULL,
  url TEXT,
  topics TEXT NOT NULL,
  entities TEXT NOT NULL,
  published_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX stories_lead_item ON stories (lead_item_id);

CREATE TABLE items (
  id INTEGER PRIMARY KEY,
  feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  url TEXT,
  title TEXT,
  text TEXT NOT NULL,
  author TEXT,
  published_at INTEGER NOT NULL,
  first_seen_at INTEGER NOT NULL,
  categories TEXT NOT NULL DEFAULT '[]',
  content_hash TEXT NOT NULL,
  backlog INTEGER NOT NULL DEFAULT 0 CHECK (backlog IN (0, 1)),
  story_id INTEGER REFERENCES stories (id) ON DELETE SET NULL,
  condensed_summary TEXT,
  condensed_topics TEXT,
  condensed_entities TEXT,
  condensed_language TEXT,
  condensed_hash TEXT,
  UNIQUE (feed_id, key)
);
-- Every index below costs each insert a b-tree write, so those only the condense step's output
-- needs are partial: a new item (no story, not condensed) and a backlog item skip them.
CREATE INDEX items_feed_published ON items (feed_id, published_at, id);
-- candidates: a subscription's recent clustered items.
CREATE INDEX items_feed_clustered ON items (feed_id, first_seen_at)
  WHERE story_id IS NOT NULL AND backlog = 0;
CREATE INDEX items_story ON items (story_id) WHERE story_id IS NOT NULL;
-- recentCondensed: the clustering window.
CREATE INDEX items_condensed_first_seen ON items (first_seen_at, id) WHERE condensed_hash IS NOT NULL;
-- The condense work list stays small: only live items whose condensed data is missing or stale.
CREATE INDEX items_needing_condense ON items (first_seen_at, published_at, id)
  WHERE backlog = 0 AND (condensed_hash IS NULL OR condensed_hash <> content_hash);

CREATE TABLE subscriptions (
  id INTEGER PRIMARY KEY,
  platform TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  thread_id TEXT NOT NULL DEFAULT '',
  schedule TEXT NOT NULL,
  timezone TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_digest_at INTEGER,
  next_digest_at INTEGER,
  paused_reason TEXT,
  UNIQUE (platform, chat_id, thread_id)
);

CREATE TABLE subscription_feeds (
  subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
  added_at INTEGER NOT NULL,
  since INTEGER NOT NULL,
  PRIMARY KEY (subscription_id, feed_id)
);
CREATE INDEX subscription_feeds_feed ON subscription_feeds (feed_id);

CREATE TABLE mutes (
  subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  term TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (subscription_id, term)
);

CREATE TABLE digests (
  id INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  slot INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (subscription_id, slot)
);

CREATE TABLE digest_stories (
  subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  digest_id INTEGER NOT NULL REFERENCES digests (id) ON DELETE CASCADE,
  PRIMARY KEY (subscription_id, story_id)
);
CREATE INDEX digest_stories_story ON digest_stories (story_id);
CREATE INDEX digest_stories_digest ON digest_stories (digest_id);

CREATE TABLE outbox_parts (
  id INTEGER PRIMARY KEY,
  digest_id INTEGER NOT NULL REFERENCES digests (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  payload TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  platform_message_id TEXT,
  last_error TEXT,
  sent_at INTEGER,
  UNIQUE (digest_id, seq)
);
-- The delivery loop reads only pending parts that are due.
CREATE INDEX outbox_parts_pending ON outbox_parts (next_attempt_at, digest_id, seq) WHERE state = 'pending';
`;
