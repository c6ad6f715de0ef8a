/**
 * What a chat chooses per feed and per story: a feed renamed or paused for one chat, include
 * filters (for the whole chat, or one of its feeds), and mutes that run out.
 */
export const SCHEMA_V9 = `
ALTER TABLE mutes ADD COLUMN expires_at INTEGER;
ALTER TABLE subscription_feeds ADD COLUMN name TEXT;
ALTER TABLE subscription_feeds ADD COLUMN paused_at INTEGER;
CREATE TABLE filters (
  id INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  feed_id INTEGER REFERENCES feeds (id) ON DELETE CASCADE,
  -- 0 for the whole chat: a NULL would make every chat-wide filter distinct to UNIQUE.
  scope INTEGER NOT NULL,
  pattern TEXT NOT NULL,
  regex INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (subscription_id, scope, regex, pattern)
);
`;
