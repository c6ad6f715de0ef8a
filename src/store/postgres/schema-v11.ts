/** Live stories and continuity: see the SQLite migration of the same version. */
export const PG_SCHEMA_V11 = `
ALTER TABLE subscriptions ADD COLUMN live_since BIGINT;
ALTER TABLE subscriptions ADD COLUMN breaking_outlets INTEGER;
ALTER TABLE subscriptions ADD COLUMN breaking_window_ms BIGINT;
ALTER TABLE digest_stories ADD COLUMN shown_feeds TEXT;
ALTER TABLE digest_stories ADD COLUMN part_id BIGINT REFERENCES outbox_parts (id) ON DELETE SET NULL;
ALTER TABLE outbox_parts ADD COLUMN edit_of BIGINT REFERENCES outbox_parts (id) ON DELETE CASCADE;
CREATE INDEX outbox_parts_edit_of ON outbox_parts (edit_of) WHERE edit_of IS NOT NULL;
`;
