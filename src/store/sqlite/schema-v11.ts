/**
 * Live stories and continuity. A subscription may post each story as it comes (`live_since`: the
 * time live mode was switched on, so the backlog of that moment is not flooded into the chat) or
 * keep digests with a breaking lane (`breaking_outlets` outlets within `breaking_window_ms`). Each
 * story shown to a chat remembers the outlets it showed and the part that showed it, so a story
 * that grew is edited in place (live) or told as an update (digests); an edit part names the part
 * whose message it edits.
 */
export const SCHEMA_V11 = `
ALTER TABLE subscriptions ADD COLUMN live_since INTEGER;
ALTER TABLE subscriptions ADD COLUMN breaking_outlets INTEGER;
ALTER TABLE subscriptions ADD COLUMN breaking_window_ms INTEGER;
ALTER TABLE digest_stories ADD COLUMN shown_feeds TEXT;
ALTER TABLE digest_stories ADD COLUMN part_id INTEGER REFERENCES outbox_parts (id) ON DELETE SET NULL;
ALTER TABLE outbox_parts ADD COLUMN edit_of INTEGER REFERENCES outbox_parts (id) ON DELETE CASCADE;
CREATE INDEX outbox_parts_edit_of ON outbox_parts (edit_of) WHERE edit_of IS NOT NULL;
`;
