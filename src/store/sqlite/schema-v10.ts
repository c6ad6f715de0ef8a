/**
 * Pictures and role pings: an item keeps the picture its feed or page named; a subscription says
 * whether its digests show pictures; a Discord channel may mention one role per topic.
 */
export const SCHEMA_V10 = `
ALTER TABLE items ADD COLUMN image_url TEXT;
ALTER TABLE subscriptions ADD COLUMN images INTEGER NOT NULL DEFAULT 1;
CREATE TABLE topic_pings (
  subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  topic TEXT NOT NULL,
  role_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (subscription_id, topic)
);
`;
