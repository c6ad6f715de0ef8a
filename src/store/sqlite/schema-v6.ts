/**
 * Failed parts give their stories back: each part records the stories it shows; a story put back
 * for a subscription is remembered, so one that keeps failing is not put back again; and the time
 * a chat was last told of a failure, so it is told once until a part reaches it again.
 */
export const SCHEMA_V6 = `
ALTER TABLE outbox_parts ADD COLUMN story_ids TEXT NOT NULL DEFAULT '[]';
ALTER TABLE subscriptions ADD COLUMN failure_notice_at INTEGER;
CREATE TABLE story_returns (
  subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  PRIMARY KEY (subscription_id, story_id)
);
`;
